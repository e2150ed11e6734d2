package org.orderly.gateway.upstream.telemetry;

import org.orderly.gateway.app.live.CycleSeen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResultBuilder;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.limit.Limiter;
import org.orderly.gateway.core.limit.Request;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.HouseholdLoad;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.HouseholdFigure;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * docs/upstream.md, "telemetry": {@code flex.addKw} is an upper bound of the EV load that could be added within every
 * limit. Three piles sharing 20 A of room are each given a third, which the Limiter rounds down to a tenth of an
 * ampere (6.6 A, 19.8 A in all); the control cycle's Limiter, asked in two passes (a plan's draw, then extra), may land
 * on 6.7, 6.7 and 6.6 A and offer the whole 20 A. Until 2026-12-03 the telemetry said the rounded 19.8 A (4.356 kW)
 * and the gateway then took 4.40 kW once the grid allowed it ({@code GridCapHonestyLiveTest}); the rounding lost up
 * to a tenth of an ampere a pile, 2.6 kW on 120 piles.
 */
class TelemetryCalculatorRoomTest {
    private static final Compound COMPOUND = CompoundFixtures.compound().limitKw(40)
            .pile("p0", Phase.A, null).pile("p1", Phase.B, null).pile("p2", Phase.C, null).build();
    private static final Instant AT = Instant.parse("2026-12-01T19:00:00Z");
    /** 20 A of room at 220 V. */
    private static final double ROOM_KW = 20 * CompoundFixtures.KW_PER_A_1PH;

    @Test
    void theRoomToAddIsWhatThePilesMayTakeNotItsRoundedShares() {
        double householdKw = 40 - ROOM_KW;
        List<PileObservation> idle = List.of(observation(0, true, 0.0, 0.0, AT).build(),
                observation(1, true, 0.0, 0.0, AT).build(), observation(2, true, 0.0, 0.0, AT).build());
        CycleSeen seen = new CycleSeen(AT, new TransformerReading(householdKw, AT, Duration.ZERO), idle,
                CycleResultBuilder.measured(new Allocation(new double[3], new int[] {-1, -1, -1}), ControlMode.NORMAL,
                        householdKw, List.of(PileReason.NONE, PileReason.NONE, PileReason.NONE), List.of()));

        TelemetryBody body = new TelemetryCalculator(COMPOUND).of(seen);

        // What the cycle's Limiter offers when two piles ask for a tenth more in their plan's draw than the third.
        Allocation offered = new Limiter(COMPOUND, Double.POSITIVE_INFINITY, 0.1).limit(
                COMPOUND.room(new HouseholdLoad(householdKw, java.util.Optional.empty()), 40),
                List.of(new Request(0, 6.7, 1, 0), new Request(1, 6.7, 1, 0), new Request(2, 6.6, 1, 0, 32)));
        double offeredKw = 0;
        for (double a : offered.amps()) {
            offeredKw += a * CompoundFixtures.KW_PER_A_1PH;
        }
        assertThat(offeredKw).as("what the cycle may offer (%s A)", java.util.Arrays.toString(offered.amps()))
                .isCloseTo(ROOM_KW, within(1e-6));
        assertThat(body.flex().addKw()).as("flex.addKw with 20 A of room and nothing drawn")
                .isGreaterThanOrEqualTo(offeredKw - 1e-6);
    }

    /**
     * Room for 80 A, more than the three piles' 96 A at their maximum would leave: p0's car was stopped less than its
     * settle time ago (the cycle will not start it before, whatever room comes) and p1 is held to 10 A by the
     * installer, so the cycle could add 10 A and p2's 32 A now, 9.24 kW. Until 2026-12-04 {@code flex.addKw} counted
     * every plugged pile at its maximum: the 80 A, 17.6 kW, of which the grid could have 8.36 kW at once only 30 s
     * later or never.
     */
    @Test
    void theRoomToAddLeavesOutWhatTheCycleWouldNotOfferNow() {
        double householdKw = 40 - 80 * CompoundFixtures.KW_PER_A_1PH;
        List<PileObservation> idle = List.of(observation(0, true, 0.0, 0.0, AT).build(),
                observation(1, true, 0.0, 0.0, AT).build(), observation(2, true, 0.0, 0.0, AT).build());
        CycleSeen seen = new CycleSeen(AT, new TransformerReading(householdKw, AT, Duration.ZERO), idle,
                CycleResultBuilder.result(new Allocation(new double[3], new int[] {-1, -1, -1}), ControlMode.NORMAL,
                        householdKw).reasons(List.of(PileReason.GRID_CAP, PileReason.NONE, PileReason.NONE))
                        .mostNowA(Map.of(0, 0.0, 1, 10.0)).householdFigure(HouseholdFigure.MEASURED).build());

        TelemetryBody body = new TelemetryCalculator(COMPOUND).of(seen);

        assertThat(body.flex().addKw()).as("flex.addKw: p1's 10 A and p2's 32 A, p0 in its settle time")
                .isCloseTo((10 + 32) * CompoundFixtures.KW_PER_A_1PH, within(1e-6));
    }
}
