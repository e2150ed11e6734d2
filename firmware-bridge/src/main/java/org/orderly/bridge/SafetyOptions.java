package org.orderly.bridge;

import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The command line's protections on board inputs: a residual current monitor's fault output ({@code --rcm-pin}) and
 * the contactor's feedback ({@code --relay-feedback-pin}). Each is off unless its pin is given, and needs
 * {@code --gpio}.
 */
final class SafetyOptions {

    @Option(names = "--rcm-pin", paramLabel = "N", description = "BCM pin of the residual current monitor's fault "
            + "output (a 6 mA DC RCM): when it trips the relay opens at once and the pile is in F (needs --gpio)")
    Integer rcmPin;
    @Option(names = "--rcm-trip-level", paramLabel = "high|low", defaultValue = "high", converter = Level.class,
            description = "the level --rcm-pin reads while the monitor trips (default high)")
    DigitalState rcmTripLevel;
    @Option(names = "--relay-feedback-pin", paramLabel = "N", description = "BCM pin of the contactor's auxiliary "
            + "contact or a mains-sense input, checked against the relay (needs --gpio)")
    Integer feedbackPin;
    @Option(names = "--relay-feedback-closed-level", paramLabel = "high|low", defaultValue = "high",
            converter = Level.class, description = "the level --relay-feedback-pin reads while the contactor is "
            + "closed (default high)")
    DigitalState feedbackClosedLevel;
    @Option(names = "--relay-settle-ms", defaultValue = "200", description = "how long the feedback may differ from "
            + "the relay before it is a fault, 20..2000 (default 200)")
    long settleMs;

    static final long MIN_SETTLE_MS = 20;
    static final long MAX_SETTLE_MS = 2000;
    /** How often the contactor's feedback is compared with the relay, and the residual current monitor read. */
    static final Duration CHECK_PERIOD = Duration.ofMillis(20);

    /** Refuses what cannot be before anything starts: a protection without the board, a pin taken, a settling time. */
    void check(CommandLine commandLine, boolean gpio, int pwmPin, int relayPin) {
        if (rcmPin != null && !gpio) {
            throw new CommandLine.ParameterException(commandLine,
                    "--rcm-pin needs --gpio: the residual current monitor is read on the board");
        }
        if (feedbackPin != null && !gpio) {
            throw new CommandLine.ParameterException(commandLine,
                    "--relay-feedback-pin needs --gpio: the contactor's feedback is read on the board");
        }
        pinFree("--rcm-pin", rcmPin, pwmPin, relayPin);
        pinFree("--relay-feedback-pin", feedbackPin, pwmPin, relayPin);
        if (rcmPin != null && rcmPin.equals(feedbackPin)) {
            throw new IllegalArgumentException("--rcm-pin and --relay-feedback-pin are both " + rcmPin);
        }
        if (feedbackPin != null) {
            settle();
        }
    }

    private static void pinFree(String option, Integer pin, int pwmPin, int relayPin) {
        if (pin == null) {
            return;
        }
        if (pin < 0) {
            throw new IllegalArgumentException(option + " " + pin + " must be >= 0");
        }
        if (pin == relayPin) {
            throw new IllegalArgumentException(option + " " + pin + " is the relay's pin (--relay-pin)");
        }
        if (pin == pwmPin) {
            throw new IllegalArgumentException(option + " " + pin + " is the pilot's pin (--pwm-pin)");
        }
    }

    Duration settle() {
        if (settleMs < MIN_SETTLE_MS || settleMs > MAX_SETTLE_MS) {
            throw new IllegalArgumentException("--relay-settle-ms " + settleMs + " must be within " + MIN_SETTLE_MS
                    + ".." + MAX_SETTLE_MS);
        }
        return Duration.ofMillis(settleMs);
    }

    /** {@code high} or {@code low}. */
    static final class Level implements CommandLine.ITypeConverter<DigitalState> {
        @Override
        public DigitalState convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "high" -> DigitalState.HIGH;
                case "low" -> DigitalState.LOW;
                default -> throw new CommandLine.TypeConversionException(value + ": expected high or low");
            };
        }
    }
}
