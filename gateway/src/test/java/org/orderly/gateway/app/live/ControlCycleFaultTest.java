package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_1PH;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * docs/architecture.md, "A pile in E or F": a pile that says E or F keeps its session for a while, but is offered
 * nothing meanwhile, in normal and conservative cycles alike, as it was when E or F ended the session (until
 * 2026-12-07); back in C, the same session is given current again. Two 6..32 A piles, one-second cycles in the valley.
 */
class ControlCycleFaultTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double HOUSEHOLDS_KW = 0.2;

    private final Compound compound = CompoundFixtures.compound().limitKw(30)
            .pile("P0", Phase.A, null).pile("P1", Phase.B, null).build();
    /** 23:30 in Beijing, the valley: the policy charges at once. */
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:30:00Z"), ZONE);
    private final TestTicker ticker = new TestTicker();
    private final ControlCycle cycle = CycleBuilder.cycle(compound,
            policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build(), clock, 10).ticker(ticker)
            .build();

    /** One cycle, pile 0 in E when {@code p0InE}, each car drawing what it was offered; then a second on. */
    private CycleResult run(boolean p0InE, boolean stale, double[] drawA) {
        List<PileObservation> piles = new ArrayList<>();
        double carsKw = 0;
        for (int i = 0; i < 2; i++) {
            boolean fault = i == 0 && p0InE;
            double kw = fault ? 0 : drawA[i] * KW_PER_A_1PH;
            piles.add(new PileObservation(i, !fault, kw, 1, clock.instant(), true, Optional.empty(), Duration.ZERO,
                    true, Optional.empty(), true, Optional.empty(), clock.instant(), Duration.ZERO, false, fault));
            carsKw += kw;
        }
        TransformerReading reading = stale ? null
                : new TransformerReading(HOUSEHOLDS_KW + carsKw, clock.instant(), Duration.ZERO);
        CycleResult r = cycle.run(reading, piles, List.of());
        clock.advanceSeconds(1);
        ticker.advance(Duration.ofSeconds(1));
        System.arraycopy(r.allocation().amps(), 0, drawA, 0, 2);
        return r;
    }

    private static String sessionOn(CycleResult r, int pile) {
        return r.plugged().stream().filter(s -> s.pileIndex() == pile).map(PluggedSession::id).findFirst().orElse(null);
    }

    @Test
    void aPileInEKeepsItsSessionAndIsOfferedNothingUntilItSaysCAgain() {
        double[] drawA = {0, 0};
        CycleResult charging = null;
        for (int i = 0; i < 60 && drawA[0] < 6; i++) {
            charging = run(false, false, drawA);
        }
        assertThat(drawA[0]).as("charging before E").isGreaterThanOrEqualTo(6);
        String id = sessionOn(charging, 0);

        for (boolean stale : new boolean[] {false, true}) {
            CycleResult inE = run(true, stale, drawA);
            assertThat(inE.allocation().amps()[0]).as("offered in E, the meter %s", stale ? "stale" : "fresh")
                    .isZero();
            assertThat(sessionOn(inE, 0)).as("its session in E").isEqualTo(id);
        }

        CycleResult back = null;
        for (int i = 0; i < 60 && drawA[0] < 6; i++) {
            back = run(false, false, drawA);
        }
        assertThat(drawA[0]).as("given current again back in C").isGreaterThanOrEqualTo(6);
        assertThat(sessionOn(back, 0)).as("the same session").isEqualTo(id);
    }
}
