package org.orderly.gateway.web.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleBuilder;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleResultBuilder;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.EqualSharePolicy;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.alarm.AlarmKind;

/**
 * The limit and grid cap the page shows, and its {@code GRID_CAP} alarm, are what the last control cycle kept to. A
 * gateway started after a power cut with its clock at 1970 keeps to the lowest cap received whatever its window says
 * (docs/operations.md, "The clock"): judged again by the page's 1970, tonight's cap showed nowhere while the cycle,
 * and the telemetry, kept to it.
 */
class LimitInForceTest {
    private static final Compound COMPOUND = CompoundFixtures.compound().limitKw(100)
            .pile("P1", Phase.A, null).pile("P2", Phase.B, null).pile("P3", Phase.C, null).build();
    private static final Instant FLOOR = Instant.parse("2026-12-04T11:00:00Z");
    private static final GridCap TONIGHT = new GridCap("peak", FLOOR.plus(Duration.ofHours(6)),
            FLOOR.plus(Duration.ofHours(8)), 60);
    private static final double SAFE_EV_KW = 20;

    private final VirtualClock clock = new VirtualClock(Instant.EPOCH.plusSeconds(60), ZoneOffset.UTC);

    @Test
    void withTheClockNotSetThePageShowsTheCapTheCycleKeptTo() {
        CycleResult fresh = cycle().run(new TransformerReading(50, clock.instant(), Duration.ZERO), plugged(),
                List.of(TONIGHT));
        assertThat(fresh.mode()).isEqualTo(ControlMode.CLOCK_NOT_SET);
        assertThat(CompoundFixtures.kw(COMPOUND, fresh.allocation().amps()))
                .as("the cars under the 60 kW cap beside the households' 50 kW").isLessThanOrEqualTo(10 + 1e-9);

        LimitInForce shown = LimitInForce.of(COMPOUND, fresh, clock.instant());

        assertThat(shown.capKw()).as("the page's cap with the clock at 1970 (limit shown: %s kW)", shown.limitKw())
                .isEqualTo(60.0);
        assertThat(shown.limitKw()).isEqualTo(60.0);
        assertThat(shown.condition("gw")).map(AlarmBoard.Condition::kind).contains(AlarmKind.GRID_CAP);
        assertThat(shown.condition("gw")).map(AlarmBoard.Condition::detail)
                .as("kept to whatever its window says: no end said").contains("60 kW");
    }

    @Test
    void withTheClockNotSetAndTheReadingStaleThePageShowsTheCapTheSafePowerKeptTo() {
        CycleResult stale = cycle().run(null, plugged(), List.of(TONIGHT));
        assertThat(stale.mode()).isEqualTo(ControlMode.CLOCK_NOT_SET);
        assertThat(CompoundFixtures.kw(COMPOUND, stale.allocation().amps()))
                .as("the safe 20 kW less the 40 kW the cap takes off the limit").isZero();

        LimitInForce shown = LimitInForce.of(COMPOUND, stale, clock.instant());

        assertThat(shown.capKw()).as("the page's cap with the clock at 1970 (limit shown: %s kW)", shown.limitKw())
                .isEqualTo(60.0);
        assertThat(shown.condition("gw")).map(AlarmBoard.Condition::kind).contains(AlarmKind.GRID_CAP);
    }

    @Test
    void withTheClockSetACapOutsideItsWindowIsNoneOfTheCycles() {
        clock.set(FLOOR);
        CycleResult normal = cycle().run(new TransformerReading(50, clock.instant(), Duration.ZERO), plugged(),
                List.of(TONIGHT));
        assertThat(normal.mode()).isEqualTo(ControlMode.NORMAL);

        LimitInForce shown = LimitInForce.of(COMPOUND, normal, clock.instant());

        assertThat(shown.capKw()).isNull();
        assertThat(shown.limitKw()).isEqualTo(100.0);
        assertThat(shown.condition("gw")).isEmpty();
        assertThat(LimitInForce.of(COMPOUND, normal, TONIGHT.from()).capKw()).as("in its window").isEqualTo(60.0);
        assertThat(LimitInForce.of(COMPOUND, normal, TONIGHT.from()).condition("gw"))
                .map(AlarmBoard.Condition::detail).as("the cap and its end").contains("60 kW until 2026-12-04T19:00:00Z");
    }

    /** The load-control contact's cap holds while the contact does: its end is not known, and none is said. */
    @Test
    void theLoadControlContactsCapSaysNoEnd() {
        Instant now = FLOOR;
        GridCap contact = new GridCap(ControlCycle.LOAD_CONTROL_CAP, now.minusSeconds(1), now.plusSeconds(900), 42.5);
        GridCap later = new GridCap("dispatch", now.minusSeconds(60), now.plusSeconds(3600), 70);
        CycleResult result = CycleResultBuilder.measured(new Allocation(new double[3], new int[3]), ControlMode.NORMAL, 10,
                List.of(), List.of(contact, later));

        assertThat(LimitInForce.of(COMPOUND, result, now).condition("gw")).map(AlarmBoard.Condition::detail)
                .contains("42.5 kW");
        CycleResult dispatchOnly = CycleResultBuilder.measured(new Allocation(new double[3], new int[3]), ControlMode.NORMAL,
                10, List.of(), List.of(later));
        assertThat(LimitInForce.of(COMPOUND, dispatchOnly, now).condition("gw")).map(AlarmBoard.Condition::detail)
                .contains("70 kW until 2026-12-04T12:00:00Z");
    }

    @Test
    void beforeTheFirstCycleTheLimitIsTheTransformers() {
        LimitInForce shown = LimitInForce.of(COMPOUND, null, clock.instant());

        assertThat(shown.limitKw()).isEqualTo(100.0);
        assertThat(shown.capKw()).isNull();
    }

    private ControlCycle cycle() {
        return CycleBuilder.cycle(COMPOUND, new EqualSharePolicy(COMPOUND), clock, SAFE_EV_KW)
                .clockFloor(new ClockFloor(FLOOR, "the test's floor")).build();
    }

    private List<PileObservation> plugged() {
        List<PileObservation> out = new ArrayList<>();
        for (int i = 0; i < COMPOUND.pileCount(); i++) {
            out.add(observation(i, true, 0, 0, clock.instant()).build());
        }
        return out;
    }
}
