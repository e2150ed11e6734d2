package org.orderly.gateway.web.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.Backflow;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleResultBuilder;
import org.orderly.gateway.app.live.LineSource;
import org.orderly.gateway.app.live.ReadingNotTaken;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.Reading;

/** The transformer card's meter: whether its load is the present one, and each phase against the per-phase limit. */
class MeterViewsTest {
    private static final Instant READ_AT = Instant.parse("2026-12-01T13:40:05Z");
    private static final Transformer NO_PHASE_LIMIT = new Transformer(66, Double.NaN, 220);
    private static final Transformer PHASE_LIMIT = new Transformer(66, 80, 220);

    @Test
    void aTrustedReadingGivesEachPhaseByItsCurrentAgainstAThirdOfTheLimitWhenNoneIsSet() {
        MeterView m = MeterViews.of(cycle(ControlMode.NORMAL, 20, null), reading(Map.of("power.total.kw", 20.0,
                "current.a.a", 90.0, "current.b.a", 95.0, "current.c.a", 105.0, "power.a.kw", 1.0)), null, NO_PHASE_LIMIT,
                LineSource.CURRENT);

        assertThat(m.status()).isEqualTo(MeterView.Status.FRESH);
        assertThat(m.readAt()).isEqualTo(READ_AT.toEpochMilli());
        // 66 kW over three phases at 220 V: 100 A each.
        assertThat(m.phaseLimitA()).isCloseTo(100, within(1e-9));
        assertThat(m.phaseLimitSet()).isFalse();
        assertThat(m.phases()).extracting(MeterView.PhaseLoad::phase).containsExactly("A", "B", "C");
        assertThat(m.phases()).extracting(MeterView.PhaseLoad::share)
                .containsExactly(0.9, 0.95, 1.05);
        assertThat(m.phases().get(0).kw()).isEqualTo(1.0);
        assertThat(m.phases().get(1).kw()).isNull();
    }

    @Test
    void aMeterReadingOnlyPowersGivesEachPhaseByItsPowerAgainstTheConfiguredLimit() {
        MeterView m = MeterViews.of(cycle(ControlMode.CLOCK_NOT_SET, 20, null), reading(Map.of("power.total.kw", 20.0,
                "power.a.kw", 8.8, "power.c.kw", 17.6)), null, PHASE_LIMIT, LineSource.POWER);

        assertThat(m.status()).isEqualTo(MeterView.Status.FRESH);
        assertThat(m.phaseLimitA()).isEqualTo(80);
        assertThat(m.phaseLimitSet()).isTrue();
        // 80 A at 220 V is 17.6 kW; phase B, which the map reads, is not in this reading and is left out.
        assertThat(m.phases()).extracting(MeterView.PhaseLoad::phase).containsExactly("A", "C");
        assertThat(m.phases().get(0).share()).isCloseTo(0.5, within(1e-9));
        assertThat(m.phases().get(1).share()).isCloseTo(1.0, within(1e-9));
        assertThat(m.phases().get(0).amps()).isNull();
    }

    @Test
    void aReadingTheCycleDidNotTrustShowsNoPhaseAndSaysWhy() {
        Reading old = reading(Map.of("power.total.kw", 20.0, "current.a.a", 90.0));
        MeterView stale = MeterViews.of(cycle(ControlMode.CONSERVATIVE, Double.NaN, null), old, null, NO_PHASE_LIMIT,
                LineSource.CURRENT);
        assertThat(stale.status()).isEqualTo(MeterView.Status.STALE);
        assertThat(stale.readAt()).isEqualTo(READ_AT.toEpochMilli());
        assertThat(stale.phases()).isEmpty();

        // The overview passes the cause beside the cycle's backflow: ReadingNotTaken says FLOWS_BACK first for it.
        MeterView back = MeterViews.of(cycle(ControlMode.CONSERVATIVE, Double.NaN, new Backflow("power.a.kw", -2)),
                old, ReadingNotTaken.FLOWS_BACK, NO_PHASE_LIMIT, LineSource.CURRENT);
        assertThat(back.status()).isEqualTo(MeterView.Status.FLOWS_BACK);
        assertThat(back.phases()).isEmpty();

        MeterView none = MeterViews.of(cycle(ControlMode.CONSERVATIVE, Double.NaN, null), null, null, NO_PHASE_LIMIT,
                LineSource.CURRENT);
        assertThat(none.status()).isEqualTo(MeterView.Status.MISSING);
        assertThat(none.readAt()).isNull();

        assertThat(MeterViews.of(null, old, null, NO_PHASE_LIMIT, LineSource.CURRENT).status())
                .isEqualTo(MeterView.Status.STARTING);
    }

    /**
     * A reading the meter answered and the cycle refused keeps the meter's status to the values a page open since before
     * 2026-12-07 knows, as the overview sends it (JSON): STALE, the overview's {@code readingNotTaken} beside it saying
     * which cause, or FLOWS_BACK (before its hold as past it), which that page greys and says a line for. For a few
     * hours on 2026-12-07 the status was NOT_TAKEN, which such a page did not know: no line for a total that is no
     * number, and an ungreyed card in conservative mode. The page reloads on no upgrade: its live stream reconnects.
     */
    @Test
    void aReadingTheMeterAnsweredAndTheCycleRefusedKeepsTheStatusToTheValuesAnOlderPageKnows() {
        Reading recent = reading(Map.of("power.total.kw", 20.0));
        CycleResult conservative = cycle(ControlMode.CONSERVATIVE, Double.NaN, null);
        ObjectMapper json = new ObjectMapper();
        for (ReadingNotTaken why : ReadingNotTaken.values()) {
            String status = json.valueToTree(MeterViews.of(conservative, recent, why, NO_PHASE_LIMIT, LineSource.CURRENT))
                    .path("status").asText();
            assertThat(status).as("the meter's status in the overview's JSON, a reading refused: %s", why)
                    .isEqualTo(why == ReadingNotTaken.FLOWS_BACK ? "FLOWS_BACK" : "STALE");
        }
        assertThat(MeterViews.of(conservative, recent, null, NO_PHASE_LIMIT, LineSource.CURRENT).status())
                .as("no cause but its age").isEqualTo(MeterView.Status.STALE);
        // A value added here is one a page open across the upgrade does not know: the cause goes in readingNotTaken.
        assertThat(Arrays.stream(MeterView.Status.values()).map(Enum::name))
                .as("the meter's statuses, as the page of 2026-12-06 knows them")
                .containsExactly("STARTING", "FRESH", "STALE", "MISSING", "FLOWS_BACK");
    }

    private static CycleResult cycle(ControlMode mode, double baseKw, Backflow backflow) {
        return CycleResultBuilder.result(new Allocation(new double[0], new int[0]), mode, baseKw).backflow(backflow)
                .build();
    }

    private static Reading reading(Map<String, Double> values) {
        return new Reading("transformer", values, READ_AT, new Tick(0));
    }
}
