package org.orderly.bridge.sense;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orderly.bridge.testing.PilotLine;
import org.orderly.bridge.testing.ScriptedMcp3008;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * What a burst reads from a pilot waveform, through Pi4J's SPI and the reference circuit into a scripted MCP3008: each
 * state just inside both edges of its band, and just outside them. The bands are ±1 V around the nominal levels;
 * "just" is 0.05 V, one and a half steps of the converter.
 */
class PilotReadingTest {

    private final ScriptedMcp3008 adc = ScriptedMcp3008.virtualTime(0, Duration.ofNanos(20_000));
    private final Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform()).add(adc).build();
    private final PilotBurst burst = new PilotBurst(new Mcp3008(pi4j, Mcp3008Wiring.reference()),
            PilotCalibration.reference(), adc.time(), Duration.ofMillis(2).plusNanos(500_000));

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private PilotReading read(PilotLine line) throws Exception {
        adc.line(line);
        return PilotLevels.classify(burst.read());
    }

    @ParameterizedTest(name = "{0} {1} / {2} V at {3} % reads {4} ({5})")
    @CsvSource({
            // the positive peak, the PWM running with a diode (-12 V)
            "pwm,    12.95, -12,   50, Level,       A",
            "pwm,    11.05, -12,   50, Level,       A",
            "pwm,    13.05, -12,   50, OutOfRange,  E",
            "pwm,    10.95, -12,   50, OutOfRange,  E",
            "pwm,     9.95, -12,   50, Level,       B",
            "pwm,     8.05, -12,   50, Level,       B",
            "pwm,    10.05, -12,   50, OutOfRange,  E",
            "pwm,     7.95, -12,   50, OutOfRange,  E",
            "pwm,     6.95, -12,   50, Level,       C",
            "pwm,     5.05, -12,   50, Level,       C",
            "pwm,     7.05, -12,   50, OutOfRange,  E",
            "pwm,     4.95, -12,   50, OutOfRange,  E",
            "pwm,     3.95, -12,   50, Ventilation, E",
            "pwm,     2.05, -12,   50, Ventilation, E",
            "pwm,     4.05, -12,   50, OutOfRange,  E",
            "pwm,     1.95, -12,   50, OutOfRange,  E",
            "pwm,     0.0,  -12,   50, Level,       E",
            // the negative peak while the PWM runs: -12 V within its band, or no diode
            "pwm,     9.0,  -11.05, 50, Level,      B",
            "pwm,     9.0,  -12.95, 50, Level,      B",
            "pwm,     9.0,  -10.95, 50, NoDiode,    E",
            "pwm,     9.0,  -13.05, 50, OutOfRange, E",
            "pwm,     8.98, -8.98, 26.67, NoDiode,  E",
            "pwm,     6.0,  -5.62, 26.67, NoDiode,  E",
            // the shortest and the longest positive part an offer has
            "pwm,     6.0,  -12,   10, Level,       C",
            "pwm,     6.0,  -12,   96, Level,       C",
            // 100 % (standby): no negative part, nothing to check the diode by
            "steady, 12.0,    0,    0, Level,       A",
            "steady,  9.0,    0,    0, Level,       B",
            "steady,  6.0,    0,    0, Level,       C",
            "steady,  3.0,    0,    0, Ventilation, E",
            // 0 V (E) and a steady -12 V (F)
            "steady,  0.95,   0,    0, Level,       E",
            "steady, -0.95,   0,    0, Level,       E",
            "steady,  1.05,   0,    0, OutOfRange,  E",
            "steady, -1.05,   0,    0, OutOfRange,  E",
            "steady, -11.05,  0,    0, Level,       F",
            "steady, -12.95,  0,    0, Level,       F",
            "steady, -10.95,  0,    0, OutOfRange,  E",
            "steady, -13.05,  0,    0, OutOfRange,  E",
    })
    void aWaveformReadsAsTheStateOfItsBand(String shape, double high, double low, double duty, String reading,
                                           VehicleState state) throws Exception {
        PilotLine line = shape.equals("pwm") ? PilotLine.pwm(high, low, duty) : PilotLine.steady(high);

        PilotReading read = read(line);

        assertThat(read.getClass().getSimpleName()).as("%s", read).isEqualTo(reading);
        assertThat(read.state()).as("%s", read).isEqualTo(state);
    }

    @Test
    void aBurstSpansMoreThanOnePeriodAndSeesBothPeaks() throws Exception {
        PilotPeaks peaks = burstOf(PilotLine.pwm(6.0, -12.0, 10));

        assertThat(peaks.spanNanos()).isGreaterThan(1_000_000);
        assertThat(peaks.conversions()).isGreaterThan(50);
        assertThat(peaks.positiveVolts()).isBetween(5.95, 6.05);
        assertThat(peaks.negativeVolts()).isBetween(-12.05, -11.95);
    }

    /** A spike (the contactor closing) in one conversion is not the peak: the second highest and lowest are. */
    @Test
    void aSpikeInOneConversionIsNotThePeak() throws Exception {
        PilotLine c = PilotLine.pwm(6.0, -12.0, 50); // conversions every 20 us from 0: two of them spike
        PilotLine spiked = nanos -> nanos == 400_000 ? 14.0 : nanos == 800_000 ? -14.5 : c.volts(nanos);

        PilotReading read = read(spiked);

        assertThat(read).isInstanceOf(PilotReading.Level.class).extracting(PilotReading::state)
                .isEqualTo(VehicleState.C);
        PilotPeaks peaks = ((PilotReading.Level) read).peaks();
        assertThat(peaks.positiveVolts()).isBetween(5.95, 6.05);
        assertThat(peaks.negativeVolts()).isBetween(-12.05, -11.95);
    }

    /** Preempted after its first conversion (in the negative part), a burst converts on until it covers a period. */
    @Test
    void aBurstPreemptedBeforeItCoversAPeriodConvertsOnPastItsSpan() throws Exception {
        adc.alignTo(500_000).preemptAfter(1, Duration.ofMillis(3));

        PilotPeaks peaks = burstOf(PilotLine.pwm(6.0, -12.0, 10));

        assertThat(peaks.covered()).isTrue();
        assertThat(peaks.spanNanos()).as("on the converter's virtual clock").isBetween(4_000_000L, 4_100_000L);
        assertThat(peaks.positiveVolts()).isBetween(5.95, 6.05);
        assertThat(peaks.negativeVolts()).isBetween(-12.05, -11.95);
    }

    /** Preempted once it has covered a period, a burst ends at its span: what it converted was enough. */
    @Test
    void aBurstPreemptedAfterItCoveredAPeriodEndsAtItsSpan() throws Exception {
        adc.preemptAfter(60, Duration.ofMillis(3)); // 60 conversions of 20 us: 1.2 ms converted

        PilotPeaks peaks = burstOf(PilotLine.pwm(6.0, -12.0, 10));

        assertThat(peaks.covered()).isTrue();
        assertThat(peaks.conversions()).as("none after the pause").isEqualTo(60);
        assertThat(PilotLevels.classify(peaks).state()).isEqualTo(VehicleState.C);
    }

    /** Preempted past twice its span, or converting slower than one conversion a quarter period: not covered. */
    @Test
    void aBurstThatNeverConvertsAPeriodWithoutAGapIsNotCoveredAndReadsNothing() throws Exception {
        adc.alignTo(500_000).preemptAfter(1, Duration.ofMillis(6));
        PilotReading preempted = read(PilotLine.pwm(6.0, -12.0, 26.67));

        ScriptedMcp3008 slowAdc = ScriptedMcp3008.virtualTime(0, Duration.ofNanos(260_000)).line(PilotLine.steady(9.0));
        Context slowPi4j = Pi4J.newContextBuilder().add(new MockPlatform()).add(slowAdc).build();
        PilotPeaks slow;
        try {
            slow = new PilotBurst(new Mcp3008(slowPi4j, Mcp3008Wiring.reference()), PilotCalibration.reference(),
                    slowAdc.time(), Duration.ofMillis(2).plusNanos(500_000)).read();
        } finally {
            slowPi4j.shutdown();
        }

        assertThat(preempted).isInstanceOf(PilotReading.Uncovered.class);
        assertThat(preempted.state()).isEqualTo(VehicleState.F);
        assertThat(((PilotReading.Uncovered) preempted).peaks().conversions()).isEqualTo(1);
        assertThat(slow.covered()).isFalse();
        assertThat(slow.spanNanos()).as("gives up at twice its span").isBetween(5_000_000L, 5_300_000L);
    }

    @Test
    void aConverterThatCannotBeReadIsUnreadableAndSaysWhere() throws Exception {
        adc.breakBus();
        PilotReading broken = readOrUnreadable();
        adc.mendBus();
        adc.unplugChip();
        PilotReading missing = readOrUnreadable();

        assertThat(broken).isInstanceOf(PilotReading.Unreadable.class);
        assertThat(broken.state()).isEqualTo(VehicleState.F);
        assertThat(broken.describe()).contains("SPI bus 0 CS 0 channel 0").contains("scripted SPI failure");
        assertThat(missing.describe()).contains("SPI bus 0 CS 0 channel 0").contains("null bit");
    }

    private PilotPeaks burstOf(PilotLine line) throws Exception {
        adc.line(line);
        return burst.read();
    }

    private PilotReading readOrUnreadable() {
        try {
            return PilotLevels.classify(burst.read());
        } catch (java.io.IOException e) {
            return PilotLevels.unreadable(e);
        }
    }
}
