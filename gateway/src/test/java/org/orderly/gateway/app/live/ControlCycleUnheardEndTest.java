package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * Whether a car reported gone was seen leaving is decided once, by the session tracker, with whether its pile was heard
 * in the last cycle its session was open ({@code CycleResult.ended}): the recorder and the policy's departures read that
 * alone. Until 2026-12-07 (mend60c, read60b) the tracker said SEEN of a car reported gone by a pile offline until then,
 * the recorder turned it by the pile's reason and the policy's departures by the room held for the pile, which a pile
 * heard but held for a meter reading had too.
 */
class ControlCycleUnheardEndTest {
    private static final Instant T = Instant.parse("2026-01-13T10:00:00Z");

    private final Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(T, ZoneOffset.UTC);
    private final ControlCycle cycle = CycleBuilder.cycle(compound, new OrderlyPolicy(compound, BeijingTariff.tariff(),
            LiveSettings.of(1.8), new GreedyPlanner(), Runnable::run), clock, 10).build();

    private CycleResult run(Instant now, TransformerReading reading, PileObservation p) {
        clock.set(now);
        return cycle.run(reading, List.of(p), List.of());
    }

    private static TransformerReading reading(Instant at) {
        return new TransformerReading(20, at, Duration.ZERO);
    }

    @Test
    void aCarReportedGoneByAPileOfflineUntilThenIsNotSeenLeaving() {
        String id = run(T, reading(T), observation(0, true, 7, 1.0, T).build()).plugged().get(0).id();
        Instant silent = T.plus(ControlCycle.DEFAULT_PILE_OFFLINE_AFTER).plusSeconds(30);
        run(silent, reading(silent), observation(0, true, 7, 1.0, T).age(Duration.between(T, silent)).build());
        Instant heard = silent.plusSeconds(5);

        assertThat(run(heard, reading(heard), observation(0, false, 0, 0, heard).build()).ended())
                .containsExactly(new SessionEnd(id, 0, T, SessionEnd.How.NOT_SEEN));
    }

    /** Heard, but held for a meter reading after its first report (the cycle after a start): its A is seen. */
    @Test
    void aCarReportedGoneByAPileHeldForAReadingIsSeenLeaving() {
        CycleResult first = run(T, new TransformerReading(20, T, Duration.ofSeconds(1)),
                observation(0, true, 7, 1.0, T).pluggedAt(Optional.of(T.minusSeconds(7200))).build());
        assertThat(first.reserved().amps()).as("held for a reading after its first report").containsKey(0);
        Instant left = T.plusSeconds(5);

        assertThat(run(left, reading(left), observation(0, false, 0, 0, left).build()).ended())
                .singleElement().satisfies(e -> {
                    assertThat(e.how()).isEqualTo(SessionEnd.How.SEEN);
                    assertThat(e.at()).isEqualTo(left);
                });
    }
}
