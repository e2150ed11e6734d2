package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinuteDownsamplerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T19:00:00Z");
    /** A pile's report: it holds until the pile is offline (control.pileOfflineAfterMs). */
    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(70);

    private static Sample s(String q, long second, double v) {
        return new Sample("tx", q, T0.plusSeconds(second), v);
    }

    private static Sample pile(long second, double kw) {
        return new Sample("pile-p01", "power.kw", T0.plusSeconds(second), kw, OFFLINE_AFTER);
    }

    @Test
    void minuteIsClosedByTheFirstSampleOfTheNextMinuteWithMinMeanMax() {
        MinuteDownsampler d = new MinuteDownsampler();
        assertThat(d.add(s("power.total.kw", 0, 100))).isEmpty();
        assertThat(d.add(s("power.total.kw", 20, 130))).isEmpty();
        assertThat(d.add(s("power.total.kw", 59, 91))).isEmpty();
        List<MinuteReading> closed = d.add(s("power.total.kw", 60, 500));
        assertThat(closed).hasSize(1);
        MinuteReading r = closed.get(0);
        assertThat(r.minute()).isEqualTo(T0);
        assertThat(r.min()).isEqualTo(91);
        assertThat(r.max()).isEqualTo(130);
        assertThat(r.mean()).as("100 for 20 s, 130 for 39 s, 91 for 1 s").isCloseTo((100 * 20 + 130 * 39 + 91) / 60.0,
                within(1e-9));
        assertThat(r.samples()).isEqualTo(3);
    }

    /**
     * The pile drew 7 kW from before the minute until second 55, then reported 0 kW three times in its last 5 s (a
     * firmware-bridge reports when its draw changes). Its mean is 55 s at 7 kW: 6.42 kW, where the plain mean of its
     * reports was 0.
     */
    @Test
    void aValueHeldFromTheMinuteBeforeCoversTheMinuteUntilTheNextSample() {
        MinuteDownsampler d = new MinuteDownsampler();
        d.add(pile(50, 7));
        d.add(pile(115, 0));
        d.add(pile(117, 0));
        d.add(pile(119, 0));
        List<MinuteReading> closed = d.closeBefore(T0.plusSeconds(120));
        assertThat(closed).extracting(MinuteReading::minute).containsExactly(T0.plusSeconds(60));
        MinuteReading r = closed.get(0);
        assertThat(r.mean()).as("55 s at 7 kW, 5 s at 0").isCloseTo(7.0 * 55 / 60, within(1e-9));
        assertThat(r.min()).isEqualTo(0);
        assertThat(r.max()).as("the 7 kW held into the minute").isEqualTo(7);
        assertThat(r.samples()).isEqualTo(3);
    }

    /**
     * A sample holds for its bound at most: a pile silent after 7 kW at second 50 covers the next minute only until
     * second 120 (70 s), and the report at second 150 from there; the 30 s between count for nothing.
     */
    @Test
    void aHoldEndsAtItsBoundAndTheUncoveredPartCountsForNothing() {
        MinuteDownsampler d = new MinuteDownsampler();
        d.add(pile(50, 7));
        d.add(pile(150, 1));
        MinuteReading r = d.closeBefore(T0.plusSeconds(180)).get(0);
        assertThat(r.minute()).isEqualTo(T0.plusSeconds(120));
        assertThat(r.mean()).as("the 1 kW from 150 s; the 7 kW held until 120 s only").isEqualTo(1);
        assertThat(r.max()).isEqualTo(1);

        MinuteDownsampler short_ = new MinuteDownsampler();
        short_.add(new Sample("tx", "power.total.kw", T0, 10, Duration.ofSeconds(5)));
        short_.add(new Sample("tx", "power.total.kw", T0.plusSeconds(50), 20, Duration.ofSeconds(5)));
        assertThat(short_.closeBefore(T0.plusSeconds(60)).get(0).mean()).as("5 s at 10, 5 s at 20").isEqualTo(15);
    }

    @Test
    void seriesAreKeptApartAndNaNIsIgnored() {
        MinuteDownsampler d = new MinuteDownsampler();
        d.add(s("power.total.kw", 1, 10));
        d.add(s("current.a.a", 2, 40));
        d.add(s("current.a.a", 3, Double.NaN));
        d.add(s("current.a.a", 4, 44));
        assertThat(d.closeBefore(T0.plusSeconds(59))).isEmpty();
        List<MinuteReading> closed = d.closeBefore(T0.plusSeconds(60));
        assertThat(closed).extracting(MinuteReading::quantity).containsExactly("power.total.kw", "current.a.a");
        assertThat(closed.get(1).mean()).as("40 for 2 s, 44 for the 56 s left").isCloseTo((40 * 2 + 44 * 56) / 58.0,
                within(1e-9));
        assertThat(closed.get(1).samples()).isEqualTo(2);
        assertThat(d.closeAll()).isEmpty();
    }

    /** A minute with no sample of its own is not written, though a value held into it: it is a silence. */
    @Test
    void aMinuteWithoutASampleIsNotWrittenThoughAValueHeldIntoIt() {
        MinuteDownsampler d = new MinuteDownsampler();
        d.add(pile(30, 7));
        assertThat(d.closeBefore(T0.plusSeconds(60))).extracting(MinuteReading::mean).containsExactly(7.0);
        assertThat(d.closeBefore(T0.plusSeconds(120))).isEmpty();
    }

    /** After closeAll (a stop, a clock step) nothing is held over: the next minute starts at its first sample. */
    @Test
    void nothingIsHeldOverACloseAll() {
        MinuteDownsampler d = new MinuteDownsampler();
        d.add(pile(50, 7));
        assertThat(d.closeAll()).extracting(MinuteReading::mean).containsExactly(7.0);
        d.add(pile(90, 1));
        assertThat(d.closeAll()).extracting(MinuteReading::max).containsExactly(1.0);
    }

    /**
     * A report late for a minute already written covers nothing twice: the minute was covered to its end by the one
     * before, so the late one is its own mean (merged with the minute written, as any two writes of one minute are).
     */
    @Test
    void aLateSampleCoversNothingTwice() {
        MinuteDownsampler d = new MinuteDownsampler();
        d.add(pile(10, 4));
        assertThat(d.closeBefore(T0.plusSeconds(60))).extracting(MinuteReading::mean).containsExactly(4.0);
        List<MinuteReading> late = d.add(pile(59, 6));
        assertThat(late).isEmpty();
        List<MinuteReading> again = d.add(pile(70, 2));
        assertThat(again).extracting(MinuteReading::minute).containsExactly(T0);
        assertThat(again.get(0).mean()).isEqualTo(6);
        MinuteReading next = d.closeBefore(T0.plusSeconds(120)).get(0);
        assertThat(next.mean()).as("the late 6 kW held over for 10 s, then 2 kW").isCloseTo((6 * 10 + 2 * 50) / 60.0,
                within(1e-9));
    }

    /** A clock stepped back: the last sample, on the other time line, holds nothing over. */
    @Test
    void aClockSteppedBackHoldsNothingOver() {
        MinuteDownsampler d = new MinuteDownsampler();
        d.add(pile(130, 7));
        List<MinuteReading> closed = d.add(pile(45, 1));
        assertThat(closed).extracting(MinuteReading::mean).containsExactly(7.0);
        assertThat(d.closeAll()).extracting(MinuteReading::mean).containsExactly(1.0);
    }

    @Test
    void negativeEpochMinutesFloorCorrectly() {
        MinuteDownsampler d = new MinuteDownsampler();
        d.add(new Sample("m", "q", Instant.ofEpochSecond(-1), 1));
        assertThat(d.closeAll().get(0).minute()).isEqualTo(Instant.ofEpochSecond(-60));
    }
}
