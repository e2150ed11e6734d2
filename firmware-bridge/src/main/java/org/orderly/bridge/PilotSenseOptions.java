package org.orderly.bridge;

import java.time.Duration;
import java.util.Locale;
import org.orderly.bridge.lease.ElapsedTime;
import org.orderly.bridge.sense.Mcp3008Wiring;
import org.orderly.bridge.sense.PilotAdc;
import org.orderly.bridge.sense.PilotBurst;
import org.orderly.bridge.sense.PilotCalibration;
import org.orderly.bridge.sense.SensedVehicle;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The command line's control-pilot sensing: {@code --sense-pilot} and where and how the pilot is read. The defaults
 * are the reference circuit's (docs/firmware-bridge.md).
 */
final class PilotSenseOptions {

    @Option(names = "--sense-pilot", description = "read the vehicle's state on the control pilot through an "
            + "MCP3008 on the board's SPI (needs --gpio; not with --simulate-vehicle)")
    boolean enabled;
    @Option(names = "--pilot-spi-bus", defaultValue = "0", description = "SPI bus of the pilot's ADC (default 0)")
    int spiBus;
    @Option(names = "--pilot-spi-cs", defaultValue = "0", description = "SPI chip select of the pilot's ADC (default 0)")
    int chipSelect;
    @Option(names = "--pilot-adc-channel", defaultValue = "0", description = "MCP3008 input the pilot's divider "
            + "feeds, 0..7 (default 0)")
    int channel;
    @Option(names = "--pilot-spi-hz", defaultValue = "1000000", description = "SPI clock (default 1000000)")
    int spiHz;
    @Option(names = "--pilot-adc-vref", defaultValue = "3.3", description = "the ADC's reference, V (default 3.3)")
    double vref;
    @Option(names = "--pilot-divider", defaultValue = "10.0909", description = "volts on the pilot per volt at the "
            + "ADC's input (default 10.0909)")
    double divider;
    @Option(names = "--pilot-offset", defaultValue = "1.4865", description = "volts at the ADC's input with the pilot "
            + "at 0 V (default 1.4865)")
    double offset;
    @Option(names = "--pilot-sense-ms", defaultValue = "20", description = "how often the pilot is read (default 20)")
    long periodMs;
    @Option(names = "--pilot-burst-us", defaultValue = "2500", description = "how long one reading converts, more "
            + "than the pilot's 1000 us period (default 2500)")
    long burstMicros;
    @Option(names = "--pilot-debounce", defaultValue = "3", description = "readings in a row a new state needs; "
            + "leaving C needs one (default 3)")
    int debounce;

    static final long MIN_PERIOD_MS = 5;
    /**
     * Leaving C must open the relay within 100 ms (IEC 61851-1), even when the burst after it is preempted and set
     * aside: two periods and two bursts of up to twice their span, with 10 ms left for the relay's write.
     */
    static final long LEAVING_C_BUDGET_MS = 90;
    static final long MAX_PERIOD_MS = 40;

    /**
     * Refuses what cannot be, before anything starts (the board is not opened for a command line that is refused):
     * sensing without the board, or beside a simulated vehicle, as a usage error; a value out of its range as one line
     * naming it.
     */
    void check(CommandLine commandLine, boolean gpio, boolean simulateVehicle) {
        if (!enabled) {
            return;
        }
        if (!gpio) {
            throw new CommandLine.ParameterException(commandLine,
                    "--sense-pilot needs --gpio: the pilot is read through the board's SPI");
        }
        if (simulateVehicle) {
            throw new CommandLine.ParameterException(commandLine,
                    "give --sense-pilot or --simulate-vehicle, not both: each says where the vehicle comes from");
        }
        wiring();
        calibration();
        period();
        if (burst().compareTo(PilotBurst.PILOT_PERIOD) <= 0 || burstMicros >= periodMs * 1000) {
            throw new IllegalArgumentException("--pilot-burst-us " + burstMicros + " must be more than one pilot "
                    + "period (1000 us) and less than --pilot-sense-ms " + periodMs);
        }
        long worstMicros = 2 * (periodMs * 1000 + 2 * burstMicros);
        if (worstMicros > LEAVING_C_BUDGET_MS * 1000) {
            throw new IllegalArgumentException("--pilot-sense-ms " + periodMs + " with --pilot-burst-us " + burstMicros
                    + ": leaving C must open the relay within 100 ms even when a preempted burst is set aside, so "
                    + "2 x (period + 2 x burst) = "
                    + String.format(Locale.ROOT, "%.1f", worstMicros / 1000.0) + " ms must be at most "
                    + LEAVING_C_BUDGET_MS + " ms");
        }
        if (debounce < 1 || debounce > 50) {
            throw new IllegalArgumentException("--pilot-debounce " + debounce + " must be within 1..50");
        }
    }

    /** The vehicle read on the pilot through {@code adc}; not sensing yet. */
    SensedVehicle vehicle(String pileId, PilotAdc adc) {
        return new SensedVehicle(pileId, new PilotBurst(adc, calibration(), ElapsedTime.SYSTEM, burst()), debounce);
    }

    Mcp3008Wiring wiring() {
        return new Mcp3008Wiring(spiBus, chipSelect, channel, spiHz);
    }

    PilotCalibration calibration() {
        return new PilotCalibration(vref, divider, offset);
    }

    Duration burst() {
        return Duration.ofNanos(burstMicros * 1000);
    }

    /** How often the pilot is read: 5 .. 40 ms, so that leaving C opens the relay within 100 ms (see check). */
    Duration period() {
        if (periodMs < MIN_PERIOD_MS || periodMs > MAX_PERIOD_MS) {
            throw new IllegalArgumentException("--pilot-sense-ms " + periodMs + " must be within " + MIN_PERIOD_MS
                    + ".." + MAX_PERIOD_MS + ": leaving C must open the relay within 100 ms");
        }
        return Duration.ofMillis(periodMs);
    }
}
