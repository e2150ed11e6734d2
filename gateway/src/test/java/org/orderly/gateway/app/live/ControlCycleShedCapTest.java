package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_1PH;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.upstream.message.TelemetryBody;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.upstream.telemetry.TelemetryCalculator;

/**
 * The grid's "shed all you said you could": a cap at {@code transformerKw - flex.shedKw} of the cycle's telemetry must
 * be met by the cycles after it, when one pile does not follow its offer. P1 is held to 6 A by the installer and its
 * car draws 16 A whatever it is offered, 0 A included (a pile that does not pass its offer on); P0's car follows.
 * One-second cycles on a test ticker; the meter reads the households and what the cars draw.
 */
class ControlCycleShedCapTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double HOUSEHOLDS_KW = 5;
    private static final double P1_DRAWS_A = 16;

    private final Compound compound = CompoundFixtures.compound().limitKw(40)
            .pile("P0", Phase.A, null).pile("P1", Phase.A, null).build();
    /** 23:30 in Beijing, the valley: the policy charges at once. */
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:30:00Z"), ZONE);
    private final TestTicker ticker = new TestTicker(1_000_000_000L);
    private final ControlCycle cycle = CycleBuilder.cycle(compound,
            policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build(), clock, 40)
            .ticker(ticker).build();
    /** What P0's car draws: the offer of the cycle before (it follows within a cycle). */
    private double p0DrawsA;

    private List<PileObservation> piles() {
        return List.of(observation(0, true, p0DrawsA * KW_PER_A_1PH, 1, clock.instant()).build(),
                observation(1, true, P1_DRAWS_A * KW_PER_A_1PH, 1, clock.instant()).build());
    }

    private TransformerReading reading() {
        return new TransformerReading(HOUSEHOLDS_KW + (p0DrawsA + P1_DRAWS_A) * KW_PER_A_1PH, clock.instant(),
                Duration.ZERO);
    }

    /** One cycle under {@code caps}, its telemetry, and a second on the clock and the ticker. */
    private TelemetryBody run(List<GridCap> caps) {
        TransformerReading reading = reading();
        List<PileObservation> piles = piles();
        CycleResult r = cycle.run(reading, piles, caps);
        TelemetryBody body = new TelemetryCalculator(compound).of(new CycleSeen(clock.instant(), reading, piles, r));
        p0DrawsA = r.allocation().amps()[0];
        clock.advanceSeconds(1);
        ticker.advance(Duration.ofSeconds(1));
        return body;
    }

    @Test
    void aCapAtTheLoadLessWhatWasSaidSheddableIsMetWhenAPileDoesNotFollow() {
        cycle.limitPile(1, 6);
        TelemetryBody before = null;
        for (int i = 0; i < 10; i++) {
            before = run(List.of());
        }
        assertThat(p0DrawsA).as("P0 charging").isGreaterThan(6);
        double p0Before = p0DrawsA;
        double capKw = before.transformerKw() - before.flex().shedKw();
        List<GridCap> caps = List.of(new GridCap("shed-all", clock.instant().minusSeconds(5),
                clock.instant().plusSeconds(3600), capKw));

        // The cars have 5 s to follow a cut (the cycle's follow time); from then on the load keeps to the cap.
        List<Double> loads = new ArrayList<>();
        TelemetryBody last = null;
        for (int i = 0; i < 20; i++) {
            last = run(caps);
            loads.add(reading().totalKw());
        }
        System.out.printf("ControlCycleShedCapTest: P0 drawing %.1f A, transformer %.2f kW, shed %.2f kW said, cap %.2f kW; the load"
                + " in the cycles after it %s%n", p0Before, before.transformerKw(), before.flex().shedKw(), capKw, loads);
        for (double load : loads.subList(10, loads.size())) {
            assertThat(load).as("the load %s s after the cap (cap %.2f kW)", loads, capKw)
                    .isLessThanOrEqualTo(capKw + 1e-9);
        }
        assertThat(last.flex().shedKw()).as("nothing left to shed: P1 does not follow").isZero();
    }
}
