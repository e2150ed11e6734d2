package org.orderly.gateway.web.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.store.MinuteReading;

/**
 * The chart's last 24 h (docs/web.md): per quarter hour the means of the stored minutes of the household and EV load,
 * and of the EV load's part no pile measured ({@code ev.unmeasured.kw}). That part is known for a quarter only when
 * every minute of its EV load has it: a quarter recorded before it was (2026-12-04), wholly or in part, says null, not 0.
 * Until 2026-12-04 the chart's points carried the EV load alone, estimates summed in unsaid.
 */
class ChartHistoryTest {
    private static final Instant Q1 = Instant.parse("2026-12-04T09:00:00Z");
    private static final Instant Q2 = Q1.plus(Duration.ofMinutes(15));
    private static final Instant Q3 = Q2.plus(Duration.ofMinutes(15));
    private static final Instant Q4 = Q3.plus(Duration.ofMinutes(15));

    @Test
    void theEvLoadsUnmeasuredPartIsMeanedOverItsMinutesOrNotKnown() {
        List<MinuteReading> base = new ArrayList<>();
        List<MinuteReading> ev = new ArrayList<>();
        List<MinuteReading> unmeasured = new ArrayList<>();
        for (int m = 0; m < 15; m++) {
            // Q1: recorded before the unmeasured part was.
            base.add(minute("base.kw", Q1, m, 40));
            ev.add(minute("ev.kw", Q1, m, 10));
            // Q2: the recorder's first minutes in its last five.
            base.add(minute("base.kw", Q2, m, 40));
            ev.add(minute("ev.kw", Q2, m, 10));
            if (m >= 10) {
                unmeasured.add(minute("ev.unmeasured.kw", Q2, m, 0));
            }
            // Q3: a silent pile meter's 7.36 kW estimate in its first five minutes, all measured after.
            base.add(minute("base.kw", Q3, m, 40));
            ev.add(minute("ev.kw", Q3, m, 10));
            unmeasured.add(minute("ev.unmeasured.kw", Q3, m, m < 5 ? 7.36 : 0));
            // Q4: every draw measured.
            base.add(minute("base.kw", Q4, m, 40));
            ev.add(minute("ev.kw", Q4, m, 10));
            unmeasured.add(minute("ev.unmeasured.kw", Q4, m, 0));
        }

        List<Chart.Point> points = ChartBuilder.history(base, ev, unmeasured, List.of());

        assertThat(points).extracting(Chart.Point::at).containsExactly(Q1.toEpochMilli(), Q2.toEpochMilli(),
                Q3.toEpochMilli(), Q4.toEpochMilli());
        assertThat(points).extracting(Chart.Point::evKw).containsOnly(10.0);
        assertThat(points.get(0).evUnmeasuredKw()).as("recorded before: not known").isNull();
        assertThat(points.get(1).evUnmeasuredKw()).as("two thirds recorded before: not known").isNull();
        assertThat(points.get(2).evUnmeasuredKw()).as("a third of the quarter at 7.36 kW")
                .isCloseTo(7.36 / 3, within(1e-9));
        assertThat(points.get(3).evUnmeasuredKw()).as("all measured").isEqualTo(0.0);
    }

    /**
     * The households' part that is a bound ({@code base.bound.kw}, docs/architecture.md "Households that are a bound") is
     * meaned over the household load's minutes, and null where one of them has none (recorded before 2026-12-06). Until
     * 2026-12-06 a quarter's household load mixed bounds and measurements unsaid.
     */
    @Test
    void theHouseholdsBoundPartIsMeanedOverItsMinutesOrNotKnown() {
        List<MinuteReading> base = new ArrayList<>();
        List<MinuteReading> bound = new ArrayList<>();
        for (int m = 0; m < 15; m++) {
            // Q1: recorded before the bound part was; Q2: a 40 kW bound in its first five minutes, measured after;
            // Q3: a minute half bound (20 of its 40 kW), the rest measured.
            base.add(minute("base.kw", Q1, m, 40));
            base.add(minute("base.kw", Q2, m, 40));
            bound.add(minute("base.bound.kw", Q2, m, m < 5 ? 40 : 0));
            base.add(minute("base.kw", Q3, m, 40));
            bound.add(minute("base.bound.kw", Q3, m, m == 0 ? 20 : 0));
        }

        List<Chart.Point> points = ChartBuilder.history(base, List.of(), List.of(), bound);

        assertThat(points).extracting(Chart.Point::baseKw).containsOnly(40.0);
        assertThat(points.get(0).baseBoundKw()).as("recorded before: not known").isNull();
        assertThat(points.get(1).baseBoundKw()).as("a third of the quarter a 40 kW bound").isCloseTo(40.0 / 3,
                within(1e-9));
        assertThat(points.get(2).baseBoundKw()).as("half of one minute").isCloseTo(20.0 / 15, within(1e-9));
    }

    private static MinuteReading minute(String quantity, Instant quarter, int m, double kw) {
        return new MinuteReading("compound", quantity, quarter.plus(Duration.ofMinutes(m)), kw, kw, kw, 12, null);
    }
}
