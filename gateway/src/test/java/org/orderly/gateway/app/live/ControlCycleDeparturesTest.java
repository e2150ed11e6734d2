package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.estimate.Beliefs;
import org.orderly.gateway.core.estimate.Estimator;
import org.orderly.gateway.core.estimate.SessionBelief;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * What the policy's habits learn of a stay: when its car was seen leaving, even in a cycle that did not ask the policy
 * (a stale meter); and nothing of a stay whose car left while its pile could not be heard, whose length nobody knows
 * (the store closes it with {@code departure_seen = 0} and leaves it out of the habits too).
 */
class ControlCycleDeparturesTest {
    private static final Instant T = Instant.parse("2026-01-13T10:00:00Z");

    private final Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(T, ZoneOffset.UTC);
    private final List<PastSession> learned = new ArrayList<>();
    private final ControlCycle cycle;

    ControlCycleDeparturesTest() {
        Estimator estimator = new Estimator(ZoneOffset.UTC, 1);
        Beliefs recording = new Beliefs() {
            @Override
            public SessionBelief believe(PluggedSession s) {
                return estimator.believe(s);
            }

            @Override
            public void learn(PastSession s) {
                learned.add(s);
                estimator.learn(s);
            }
        };
        OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), LiveSettings.of(1.8),
                new GreedyPlanner(), Runnable::run, recording);
        cycle = CycleBuilder.cycle(compound, policy, clock, 10).build();
    }

    @Test
    void aCarSeenLeavingIsLearnedLeavingWhenItWasSeen() {
        run(T, observation(0, true, 0, 1.0, T).build());
        Instant left = T.plusSeconds(600);
        run(left, observation(0, false, 0, 0, left).build());

        assertThat(learned).singleElement().satisfies(s -> {
            assertThat(s.arrival()).isEqualTo(T);
            assertThat(s.departure()).isEqualTo(left);
        });
    }

    /**
     * A cycle reads the pile's report that the car has gone 30 s after the pile said so (its report lagged): the habits
     * learn the stay ending when the pile said, as the store's row has it and the next start's habits learn it. Until
     * 2026-12-03 they learned it ending at that cycle.
     */
    @Test
    void aCarSeenLeavingIsLearnedLeavingWhenItsPileSaidItHadGone() {
        run(T, observation(0, true, 0, 1.0, T).build());
        Instant gone = T.plusSeconds(600);
        Instant read = gone.plusSeconds(30);
        run(read, observation(0, false, 0, 0, gone).age(Duration.between(gone, read)).build());

        assertThat(learned).singleElement().satisfies(s -> assertThat(s.departure())
                .as("when the pile said the car had gone, not the cycle that read it (%s)", read).isEqualTo(gone));
    }

    @Test
    void aCarThatLeftWhileItsPileWasOfflineIsNotLearnedFrom() {
        run(T, observation(0, true, 0, 1.0, T).build());
        Instant silent = T.plusSeconds(600);
        run(silent, observation(0, true, 0, 1.0, T).age(Duration.between(T, silent)).build());
        Instant back = T.plus(Duration.ofHours(3));
        run(back, observation(0, false, 0, 0, back).build());

        assertThat(learned).as("stays learned; until 2026-12-03 one of 3 hours, ending when the pile was heard again")
                .isEmpty();
    }

    @Test
    void aCarThatLeftWhileTheMeterWasStaleIsLearnedLeavingThen() {
        run(T, observation(0, true, 0, 1.0, T).build());
        Instant left = T.plusSeconds(120);
        clock.set(left);
        TransformerReading stale = new TransformerReading(20, T, Duration.ofSeconds(120));
        CycleResult conservative = cycle.run(stale, List.of(observation(0, false, 0, 0, left).build()), List.of());
        assertThat(conservative.mode()).isEqualTo(ControlMode.CONSERVATIVE);
        Instant meterBack = T.plus(Duration.ofHours(3));
        run(meterBack, observation(0, false, 0, 0, meterBack).build());

        assertThat(learned).singleElement().satisfies(s -> assertThat(s.departure())
                .as("until 2026-12-03 the first cycle that asked the policy, 3 hours later").isEqualTo(left));
    }

    private void run(Instant at, PileObservation pile) {
        clock.set(at);
        cycle.run(new TransformerReading(20, at, Duration.ZERO), List.of(pile), List.of());
    }
}
