package org.orderly.gateway.upstream.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.CycleBuilder;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.field.pile.Fallback;
import org.orderly.gateway.upstream.command.CapReach;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * The least total now ({@code flex.leastKw}, a cap reply's {@code meetable}) with an offline pile: no offer reaches it,
 * and on its own it may offer its car its fallback current, which the gateway cannot cut. The reading cannot say
 * whether its car draws it (its last report is older than the offline time), so the least total counts what the cycle
 * holds for it. A real cycle with the live policy; two single-phase piles, b1 offline with a 16 A fallback (3.52 kW),
 * households 10 kW. Until 2026-12-07 (flex60) it counted an offline pile as the reading held it, in {@code baseKw}
 * alone: a car that began to draw on the fallback after the reading was left out, 10 kW where the compound could go
 * no lower than 13.52, a 12 kW cap answered {@code meetable: true}.
 */
class TelemetryCalculatorLeastOfAnOfflinePileTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double HOUSEHOLDS_KW = 10;
    private static final double FALLBACK_A = 16;

    private final Compound compound = CompoundFixtures.compound().limitKw(66)
            .pile("a1", Phase.A, 6, 32, null).pile("b1", Phase.B, 6, 32, null).build();
    /** 23:30 in Beijing, the valley: the policy charges at once. */
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:30:00Z"), ZONE);
    private final TestTicker ticker = new TestTicker();
    private final ControlCycle cycle = CycleBuilder.cycle(compound,
            policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build(), clock, 8.0).ticker(ticker).build();
    /** When b1 last said anything: it went silent at the start. */
    private final Instant bSaidAt = clock.instant();

    @Test
    void anOfflinePileIsCountedAtTheCurrentItMayDrawOnItsOwn() {
        cycle.fallback(1, new Fallback(FALLBACK_A, Duration.ofSeconds(30)));
        TelemetryBody body = null;
        // b1 silent for longer than the offline time (70 s); the meter reads the households alone: b1's car not
        // drawing when it was read, it may have begun on its fallback since.
        for (int i = 0; i < 80; i++) {
            body = telemetry(HOUSEHOLDS_KW);
        }
        CapReach reach = CapReach.of(body, null, clock.instant(), clock.instant().plusSeconds(60));

        assertThat(body.piles().offline()).as("b1 offline: %s", body).isEqualTo(1);
        assertThat(body.baseKw()).as("%s", body).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(reach.leastKw()).as("the households and b1's fallback, which no offer cuts: %s", body)
                .isGreaterThanOrEqualTo(HOUSEHOLDS_KW + compound.kw(1, FALLBACK_A) - 1e-9);
        assertThat(reach.meetable(12)).as("a 12 kW cap: %s", body).isFalse();
    }

    private TelemetryBody telemetry(double readKw) {
        clock.set(clock.instant().plusSeconds(1));
        ticker.advance(Duration.ofSeconds(1));
        TransformerReading reading = new TransformerReading(readKw, clock.instant(), Duration.ZERO);
        List<PileObservation> piles = List.of(
                observation(0, false, 0, 0, clock.instant()).build(),
                observation(1, true, 0, 0, bSaidAt).age(Duration.between(bSaidAt, clock.instant())).build());
        CycleResult result = cycle.run(reading, piles, List.of());
        return new TelemetryCalculator(compound).of(new CycleSeen(clock.instant(), reading, piles, result));
    }
}
