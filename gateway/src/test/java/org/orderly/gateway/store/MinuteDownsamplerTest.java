package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinuteDownsamplerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T19:00:00Z");

    private static Sample s(String q, long second, double v) {
        return new Sample("tx", q, T0.plusSeconds(second), v);
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
        assertThat(r.mean()).isCloseTo(107, within(1e-9));
        assertThat(r.samples()).isEqualTo(3);
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
        assertThat(closed.get(1).mean()).isEqualTo(42);
        assertThat(closed.get(1).samples()).isEqualTo(2);
        assertThat(d.closeAll()).isEmpty();
    }

    @Test
    void negativeEpochMinutesFloorCorrectly() {
        MinuteDownsampler d = new MinuteDownsampler();
        d.add(new Sample("m", "q", Instant.ofEpochSecond(-1), 1));
        assertThat(d.closeAll().get(0).minute()).isEqualTo(Instant.ofEpochSecond(-60));
    }
}
