package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A pile whose map reads no power (a Modbus pile without {@code power.total.kw}) does not say what its car draws. The
 * policy takes a car that draws nothing for its settle time (30 s live) as full and plans no more for it; a draw it was
 * never told is not nothing, so such a car must not be taken as full by it.
 */
class ControlCycleUnknownDrawTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Compound compound = CompoundFixtures.compound().limitKw(100).pile("P0", Phase.A, null).build();
    /** 23:30 in Beijing, the valley: the policy charges at once. */
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:30:00Z"), ZONE);
    private final TestTicker ticker = new TestTicker(1_000_000_000L);
    private final ControlCycle cycle = CycleBuilder.cycle(compound,
            policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build(), clock, 100)
            .ticker(ticker).build();

    @Test
    void aCarWhosePileDoesNotSayItsDrawIsNotTakenAsFull() {
        CycleResult last = null;
        for (int s = 0; s < 120; s++) {
            last = run(false, 0);
        }

        assertThat(last.reasons().get(0)).as("two minutes on, its draw never said").isNotEqualTo(PileReason.FULL);
        assertThat(last.allocation().amps()[0]).as("the current it is offered").isPositive();
    }

    @Test
    void aCarThatIsSaidToDrawNothingIsFullAfterItsSettleTime() {
        CycleResult last = null;
        for (int s = 0; s < 120; s++) {
            last = run(true, 0);
        }

        assertThat(last.reasons().get(0)).isEqualTo(PileReason.FULL);
        assertThat(last.allocation().amps()[0]).isZero();
    }

    /** One cycle, then a second on; the pile says its car draws {@code kw}, or says nothing ({@code known} false). */
    private CycleResult run(boolean known, double kw) {
        PileObservation pile = observation(0, true, kw, 1, clock.instant()).drawKnown(known).build();
        CycleResult r = cycle.run(new TransformerReading(5 + kw, clock.instant(), Duration.ZERO), List.of(pile), List.of());
        clock.advanceSeconds(1);
        ticker.advance(Duration.ofSeconds(1));
        return r;
    }
}
