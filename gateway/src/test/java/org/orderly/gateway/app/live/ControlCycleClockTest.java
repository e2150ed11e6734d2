package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.ClockStep;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A cycle whose clock is earlier than it can be (a box without a battery-backed clock after a power cut) does not
 * plan by price or time of day: it shares the live room of every limit, and a grid cap counts whatever its window,
 * which a wrong clock cannot judge. Once the clock is set, the policy decides again.
 */
class ControlCycleClockTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Duration STALE = Duration.ofSeconds(5);
    /** 19:00 in Beijing, the evening peak: the orderly policy holds cars that can wait for the valley. */
    private static final Instant PEAK = Instant.parse("2026-12-20T11:00:00Z");
    private static final ClockFloor FLOOR = new ClockFloor(PEAK.minusSeconds(3600), "the newest time in the store");

    private final Compound compound = CompoundFixtures.compound().limitKw(100)
            .pile("P1", Phase.A, null).pile("P2", Phase.B, null).pile("P3", Phase.C, null).build();
    /** Powered up after a cut: 1970, until NTP steps it. */
    private final VirtualClock clock = new VirtualClock(Instant.EPOCH.plusSeconds(30), ZONE);
    private final OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build();
    private final ControlCycle cycle = CycleBuilder.cycle(compound, policy, clock, 8.0).staleAfter(STALE).clockFloor(FLOOR).build();

    private TransformerReading fresh(double kw) {
        return new TransformerReading(kw, clock.instant(), Duration.ZERO);
    }

    private List<PileObservation> allPlugged() {
        List<PileObservation> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(observation(i, true, 0, 0, clock.instant()).build());
        }
        return out;
    }

    private double evKw(Allocation a) {
        return CompoundFixtures.kw(compound, a.amps());
    }

    @Test
    void aClockAt1970SharesTheLiveRoomWithoutThePolicy() {
        CycleResult r = cycle.run(fresh(30), allPlugged(), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.CLOCK_NOT_SET);
        assertThat(r.reasons()).containsOnly(PileReason.CLOCK_NOT_SET);
        assertThat(r.baseKw()).isEqualTo(30);
        // 70 kW of room for three 32 A piles (about 21 kW each): each gets its maximum.
        assertThat(r.allocation().amps()).containsOnly(32.0);
    }

    @Test
    void theLiveRoomIsSharedWithinTheTransformersLimit() {
        CycleResult r = cycle.run(fresh(90), allPlugged(), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.CLOCK_NOT_SET);
        assertThat(evKw(r.allocation())).isLessThanOrEqualTo(10 + 1e-9).isGreaterThan(0);
    }

    @Test
    void everyGridCapCountsWhateverItsWindowSays() {
        // The grid company's cap for tonight: a clock at 1970 cannot tell whether it is in force, so it is.
        GridCap tonight = new GridCap("evening", PEAK, PEAK.plusSeconds(4 * 3600), 50);

        CycleResult r = cycle.run(fresh(30), allPlugged(), List.of(tonight));

        assertThat(r.mode()).isEqualTo(ControlMode.CLOCK_NOT_SET);
        assertThat(evKw(r.allocation())).isLessThanOrEqualTo(20 + 1e-9).isGreaterThan(0);
    }

    @Test
    void theLoadControlContactStillCapsTheEvLoad() {
        CycleResult r = cycle.run(fresh(30), allPlugged(), List.of(), OptionalDouble.of(12));

        assertThat(evKw(r.allocation())).isLessThanOrEqualTo(12 + 1e-9).isGreaterThan(0);
    }

    @Test
    void aStaleReadingWithTheClockNotSetSharesOnlyTheSafePower() {
        CycleResult r = cycle.run(null, allPlugged(), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.CLOCK_NOT_SET);
        assertThat(r.baseKw()).isNaN();
        assertThat(r.reasons()).containsOnly(PileReason.METER_STALE);
        assertThat(evKw(r.allocation())).isLessThanOrEqualTo(8 + 1e-9).isGreaterThan(0);
    }

    @Test
    void onceNtpSetsTheClockThePolicyDecidesAgain() {
        cycle.run(fresh(30), allPlugged(), List.of());
        clock.set(PEAK);

        CycleResult r = cycle.run(fresh(30), allPlugged(), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(r.reasons()).doesNotContain(PileReason.CLOCK_NOT_SET);
    }

    /**
     * Set, then not set again (the box lost power once more): a car found plugged in meanwhile arrives at what the
     * unset clock says, which the next set moves by its own step; the step of the earlier set is not taken for it.
     */
    @Test
    void aClockNotSetAgainLeavesNewArrivalsToItsNextSet() {
        Instant unset = clock.instant();
        cycle.run(fresh(30), List.of(), List.of());
        clock.set(PEAK);
        cycle.sessions().restamp(new ClockStep(unset, unset.plusSeconds(1), Duration.between(unset.plusSeconds(1),
                PEAK)));
        cycle.run(fresh(30), List.of(), List.of());
        // Back to the epoch, within what the earlier step would move.
        clock.set(Instant.EPOCH.plusSeconds(5));

        CycleResult r = cycle.run(fresh(30), List.of(observation(0, true, 0, 0, clock.instant()).build()), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.CLOCK_NOT_SET);
        assertThat(r.plugged()).singleElement().satisfies(s ->
                assertThat(s.arrival()).as("as the unset clock says").isEqualTo(Instant.EPOCH.plusSeconds(5)));
    }

    /**
     * A gateway started at 1970 whose store says the pile's last stay ended this afternoon: the car found plugged in
     * arrives at the reading, on the unset clock as everything then, which the set moves; not at that end, which is on
     * the real clock and cannot be compared with the reading.
     */
    @Test
    void whileTheClockIsNotSetAnArrivalIsNotHeldAtAnEndOnRecord() {
        cycle.sessions().endedOnRecord(0, PEAK.minus(Duration.ofHours(2)));

        CycleResult r = cycle.run(fresh(30), List.of(observation(0, true, 0, 0, clock.instant()).build()), List.of());

        assertThat(r.plugged()).singleElement().satisfies(s ->
                assertThat(s.arrival()).as("as the unset clock says").isEqualTo(clock.instant()));
    }

    /**
     * A gateway started at 1970 whose store says the pile's last stay ended two hours before the evening: a car comes
     * and leaves while the clock is not set, NTP sets it, and then steps it back a minute; the next car on the pile
     * arrives no earlier than the one before left (its end moved by the step, as its arrival is), not at the stepped
     * clock's time before it. Until 2026-12-03 that end was lost to the older one on record, and the two stays
     * overlapped.
     */
    @Test
    void anEndSeenWhileTheClockWasNotSetStillBoundsTheNextArrivalOnceItIsSet() {
        cycle.sessions().endedOnRecord(0, PEAK.minus(Duration.ofHours(2)));
        Instant boot = clock.instant();
        cycle.run(fresh(30), List.of(observation(0, true, 0, 0, clock.instant()).build()), List.of());
        clock.set(boot.plusSeconds(60));
        cycle.run(fresh(30), List.of(observation(0, false, 0, 0, clock.instant()).build()), List.of());
        // NTP sets the clock 90 s after the boot: the car left 30 s before PEAK.
        Instant unsetAtTheSet = boot.plusSeconds(90);
        cycle.sessions().restamp(new ClockStep(boot, unsetAtTheSet, Duration.between(unsetAtTheSet, PEAK)));
        Instant left = PEAK.minusSeconds(30);
        // Then steps it back a minute, while the next car is plugged in.
        clock.set(PEAK.minusSeconds(50));

        CycleResult r = cycle.run(fresh(30), List.of(observation(0, true, 0, 0, clock.instant()).build()), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(r.plugged()).singleElement().satisfies(s -> assertThat(s.arrival())
                .as("the next arrival, after a stay that ended at %s", left).isEqualTo(left));
    }
}
