package org.orderly.gateway.upstream.telemetry;

import org.orderly.gateway.app.live.CycleSeen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalDouble;
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
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * While the grid's load-control contact is active (loadControl.evLimitKw, 0 by default: no EV load at all) the cycle
 * keeps to it as a cap of its own ({@link ControlCycle#LOAD_CONTROL_CAP}, in the cycle's caps). docs/upstream.md,
 * "telemetry": {@code flex.addKw} is the "EV kW that could be added now within every limit (transformer or cap, lines,
 * circuits)", {@code limitKw} "the total limit in force now". Until 2026-12-03 the telemetry took the limit from the
 * grid company's caps only, not the cycle's, and said room to add EV load that the gateway let no pile take.
 */
class TelemetryCalculatorLoadControlTest {
    private static final Compound COMPOUND = CompoundFixtures.compound().limitKw(100)
            .pile("p1", Phase.ABC, null).build();
    private static final Instant AT = Instant.parse("2026-12-01T19:00:00Z");

    @Test
    void anActiveContactLeavesNoRoomToAddEvLoad() {
        // The contact active with evLimitKw 0: the cycle's cap is the households' 50 kW plus 0 kW of EV load.
        GridCap contact = new GridCap(ControlCycle.LOAD_CONTROL_CAP, AT.minusSeconds(1), AT.plusSeconds(60), 50.0);
        CycleSeen seen = new CycleSeen(AT, new TransformerReading(50, AT, Duration.ZERO),
                List.of(observation(0, true, 0.0, 0.0, AT).build()),
                CycleResultBuilder.measured(new Allocation(new double[] {0}, new int[] {-1}), ControlMode.NORMAL, 50.0,
                        List.of(PileReason.NONE), List.of(contact)));

        TelemetryBody body = new TelemetryCalculator(COMPOUND).of(seen);

        assertThat(body.flex().addKw()).as("flex.addKw while the contact allows no EV load (limitKw said: %s)",
                body.limitKw()).isEqualTo(0.0);
    }

    /**
     * While the clock is not set the cycle keeps to the contact too (the households' load plus its EV power), and the
     * telemetry, sent once the clock is set, says that limit. Until 2026-12-04 that cycle kept to it without listing it
     * among its caps, and the telemetry said the transformer's 100 kW beside a cycle that allowed no EV load.
     */
    @Test
    void whileTheClockIsNotSetTheLimitSaidIsTheContactsTheCycleKeptTo() {
        VirtualClock clock = new VirtualClock(Instant.EPOCH.plusSeconds(60), ZoneOffset.UTC);
        ControlCycle cycle = CycleBuilder.cycle(COMPOUND, new EqualSharePolicy(COMPOUND), clock, 8.0)
                .clockFloor(new ClockFloor(AT, "the test's floor")).build();
        TransformerReading reading = new TransformerReading(50, clock.instant(), Duration.ZERO);
        List<PileObservation> piles = List.of(observation(0, true, 0.0, 0.0, clock.instant()).build());

        CycleResult result = cycle.run(reading, piles, List.of(), OptionalDouble.of(0));
        TelemetryBody body = new TelemetryCalculator(COMPOUND).of(new CycleSeen(clock.instant(), reading, piles,
                result));

        assertThat(result.mode()).isEqualTo(ControlMode.CLOCK_NOT_SET);
        assertThat(result.allocation().amps()[0]).as("what the cycle allowed under the contact").isZero();
        assertThat(body.limitKw()).as("limitKw while the contact allows the households' 50 kW and no EV load")
                .isEqualTo(50.0);
    }

    /**
     * In conservative mode the households are not known: the cycle takes them as the safe EV power leaves them (all of
     * the transformer's limit but {@code control.safeEvKw}) and holds the cars to the contact's EV power as well, the
     * total they are judged under those households plus it, as in normal mode at a measured load. limitKw says that
     * total, so that {@code limitKw} less those households is what the cars may draw. Until 2026-12-04 it said the
     * transformer's limit (or a cap), leaving the contact out.
     */
    @Test
    void inConservativeModeTheLimitSaidIsTheContactsAtTheHouseholdsTheSafePowerLeaves() {
        VirtualClock clock = new VirtualClock(AT, ZoneOffset.UTC);
        double safeEvKw = 8.0;
        ControlCycle cycle = CycleBuilder.cycle(COMPOUND, new EqualSharePolicy(COMPOUND), clock, safeEvKw).build();
        List<PileObservation> piles = List.of(observation(0, true, 0.0, 0.0, clock.instant()).build());

        CycleResult result = cycle.run(null, piles, List.of(), OptionalDouble.of(5));
        TelemetryBody body = new TelemetryCalculator(COMPOUND).of(new CycleSeen(clock.instant(), null, piles, result));

        assertThat(result.mode()).isEqualTo(ControlMode.CONSERVATIVE);
        assertThat(CompoundFixtures.kw(COMPOUND, result.allocation().amps()))
                .as("what the cycle allowed: the contact's 5 kW of the safe 8 kW").isBetween(4.5, 5.0 + 1e-9);
        assertThat(body.limitKw()).as("limitKw: the households taken at 100 - 8 kW, plus the contact's 5 kW")
                .isEqualTo(97.0);
    }

    /** So with the clock not set and the reading stale, where a cap received is lower it is said. */
    @Test
    void withTheClockNotSetAndTheReadingStaleTheLimitSaidIsTheContactsOrALowerCap() {
        VirtualClock clock = new VirtualClock(Instant.EPOCH.plusSeconds(60), ZoneOffset.UTC);
        ControlCycle cycle = CycleBuilder.cycle(COMPOUND, new EqualSharePolicy(COMPOUND), clock, 8.0)
                .clockFloor(new ClockFloor(AT, "the test's floor")).build();
        List<PileObservation> piles = List.of(observation(0, true, 0.0, 0.0, clock.instant()).build());
        GridCap tonight = new GridCap("peak", AT, AT.plusSeconds(3600), 96);

        CycleResult contact = cycle.run(null, piles, List.of(), OptionalDouble.of(5));
        CycleResult capped = cycle.run(null, piles, List.of(tonight), OptionalDouble.of(5));

        assertThat(contact.mode()).isEqualTo(ControlMode.CLOCK_NOT_SET);
        assertThat(new TelemetryCalculator(COMPOUND).of(new CycleSeen(clock.instant(), null, piles, contact)).limitKw())
                .as("limitKw under the contact alone").isEqualTo(97.0);
        assertThat(new TelemetryCalculator(COMPOUND).of(new CycleSeen(clock.instant(), null, piles, capped)).limitKw())
                .as("limitKw under the contact and a 96 kW cap").isEqualTo(96.0);
        assertThat(CompoundFixtures.kw(COMPOUND, capped.allocation().amps()))
                .as("what the cycle allowed under the cap: 4 kW beside the 92 kW households").isLessThanOrEqualTo(4 + 1e-9);
    }
}
