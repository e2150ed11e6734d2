package org.orderly.bridge.testing;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.event.ShutdownEvent;
import com.pi4j.event.ShutdownListener;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmConfig;
import com.pi4j.io.pwm.PwmProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProviderImpl;
import com.pi4j.plugin.mock.provider.pwm.MockPwm;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProviderImpl;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pi4J's mock board for a bridge in a child JVM, whose outputs say every change in the log ({@code board: relay HIGH},
 * {@code board: pwm on 10.0 % at 1000 Hz}, {@code board: Pi4J context shut down}): what the log says last is what the
 * pins were left at when the JVM ended. Given a named pipe, the relay's first closing holds there (the relay closed)
 * until the pipe is fed: a moment of start-up, made without timing, at which a test can stop the bridge. Given a car
 * file, its SPI answers as the pilot's MCP3008 on channel 0 with the {@link CarOnThePilot} the file names on the line.
 * Given a pins directory, its digital inputs (a residual current monitor, a contactor's feedback) read what the files
 * there say ({@link BoardPins}); without one they read low and cannot be driven. Given a file, its PWM refuses every
 * change while the file exists.
 */
public final class MockBoard {
    private static final Logger LOG = LoggerFactory.getLogger(MockBoard.class);

    private MockBoard() {
    }

    /** The mock board; {@code holdAtFirstRelayClose}, if given, is a named pipe read when the relay first closes. */
    public static Context context(Optional<Path> holdAtFirstRelayClose) {
        return context(holdAtFirstRelayClose, Optional.empty());
    }

    /**
     * The mock board; {@code holdAtFirstRelayClose} as above; {@code car}, if given, a file naming the car on the pilot
     * ({@link CarOnThePilot}), read through the board's SPI.
     */
    public static Context context(Optional<Path> holdAtFirstRelayClose, Optional<Path> car) {
        return context(holdAtFirstRelayClose, car, Optional.empty());
    }

    /**
     * The mock board; {@code holdAtFirstRelayClose} and {@code car} as above; {@code pins}, if given, a directory whose
     * files drive the board's digital inputs ({@link BoardPins}).
     */
    public static Context context(Optional<Path> holdAtFirstRelayClose, Optional<Path> car, Optional<Path> pins) {
        return context(holdAtFirstRelayClose, car, pins, Optional.empty());
    }

    /**
     * The mock board; {@code holdAtFirstRelayClose}, {@code car} and {@code pins} as above; {@code pwmBroken}, if
     * given, a file whose presence breaks the PWM: while it exists, turning the PWM on or off throws, as a PWM whose
     * sysfs files have gone does, and the PWM keeps what it last drove.
     */
    public static Context context(Optional<Path> holdAtFirstRelayClose, Optional<Path> car, Optional<Path> pins,
                                  Optional<Path> pwmBroken) {
        LoggedPwms pwms = new LoggedPwms(pwmBroken);
        ScriptedMcp3008 adc = ScriptedMcp3008.realTime(0);
        car.ifPresent(file -> CarOnThePilot.follow(file, adc, () -> pwms.last));
        Context context = Pi4J.newContextBuilder()
                .add(new MockPlatform())
                .add(pwms, new LoggedRelays(holdAtFirstRelayClose), adc,
                        pins.<ScriptedInputs>map(BoardPins::new).orElseGet(ScriptedInputs::new))
                .build();
        context.addListener(new ShutdownListener() {
            @Override
            public void onShutdown(ShutdownEvent event) {
                LOG.info("board: Pi4J context shut down");
            }
        });
        return context;
    }

    private static final class LoggedPwms extends MockPwmProviderImpl {
        private final Optional<Path> broken;
        private volatile Pwm last;

        LoggedPwms(Optional<Path> broken) {
            this.broken = broken;
        }

        @Override
        public Pwm create(PwmConfig config) {
            Pwm pwm = new LoggedPwm(this, config, broken);
            context.registry().add(pwm);
            last = pwm;
            return pwm;
        }
    }

    private static final class LoggedPwm extends MockPwm {
        private final Optional<Path> broken;
        private String said = "";

        LoggedPwm(PwmProvider provider, PwmConfig config, Optional<Path> broken) {
            super(provider, config);
            this.broken = broken;
        }

        @Override
        public Pwm on(Number dutyCycle, int frequency) throws com.pi4j.io.exception.IOException {
            refuseIfBroken("on at " + dutyCycle + " %");
            return super.on(dutyCycle, frequency);
        }

        @Override
        public Pwm on() throws com.pi4j.io.exception.IOException {
            refuseIfBroken("on");
            super.on();
            say("on " + getDutyCycle() + " % at " + getFrequency() + " Hz");
            return this;
        }

        @Override
        public Pwm off() throws com.pi4j.io.exception.IOException {
            refuseIfBroken("off");
            super.off();
            say("off");
            return this;
        }

        private void refuseIfBroken(String what) {
            if (broken.isPresent() && Files.exists(broken.get())) {
                throw new com.pi4j.io.exception.IOException("board: scripted failure: PWM " + address()
                        + " cannot be turned " + what);
            }
        }

        private synchronized void say(String now) {
            if (!now.equals(said)) {
                said = now;
                LOG.info("board: pwm {}", now);
            }
        }
    }

    private static final class LoggedRelays extends MockDigitalOutputProviderImpl {
        private final Optional<Path> hold;

        LoggedRelays(Optional<Path> hold) {
            this.hold = hold;
        }

        @Override
        public DigitalOutput create(DigitalOutputConfig config) {
            DigitalOutput output = new LoggedOutput(this, config, hold);
            context.registry().add(output);
            return output;
        }
    }

    private static final class LoggedOutput extends MockDigitalOutput {
        private Optional<Path> hold;

        LoggedOutput(DigitalOutputProvider provider, DigitalOutputConfig config, Optional<Path> hold) {
            super(provider, config);
            this.hold = hold;
        }

        @Override
        public DigitalOutput state(DigitalState next) throws com.pi4j.io.exception.IOException {
            DigitalState before = state();
            super.state(next);
            if (next == before) {
                return this;
            }
            LOG.info("board: relay {}", next);
            if (next == DigitalState.HIGH && hold.isPresent()) {
                Path pipe = hold.get();
                hold = Optional.empty();
                LOG.info("board: holding the relay closed until {} is fed", pipe);
                try (InputStream in = new FileInputStream(pipe.toFile())) {
                    in.transferTo(OutputStream.nullOutputStream()); // not readAllBytes: it seeks, a pipe cannot
                } catch (IOException e) {
                    throw new UncheckedIOException("board: reading " + pipe, e);
                }
                LOG.info("board: {} fed; going on", pipe);
            }
            return this;
        }
    }
}
