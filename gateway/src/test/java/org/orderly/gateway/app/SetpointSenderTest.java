package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileState;

/**
 * A pile not heard from since the gateway started is offered nothing: it may be charging a car on the lease of the
 * gateway's last run, and a 0 A sent before it is heard would pause that car (RestartWithoutPauseTest, live).
 */
class SetpointSenderTest {
    private final Instant now = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void aPileNotHeardFromSinceTheStartIsOfferedNothing() {
        Offers heard = new Offers("p0");
        Offers notHeard = new Offers("p1");
        SetpointSender sender = new SetpointSender(List.of(heard, notHeard));

        sender.send(new double[] {16, 0}, List.of(
                observation(0, true, 3.5, 1.0, now).build(), PileObservation.notReported(1, now)), i -> true);

        assertThat(heard.offered).containsExactly(16.0);
        assertThat(notHeard.offered).as("offers to a pile not heard from yet").isEmpty();
    }

    @Test
    void onceHeardItIsOfferedEveryCycle() {
        Offers pile = new Offers("p0");
        SetpointSender sender = new SetpointSender(List.of(pile));

        sender.send(new double[] {0}, List.of(PileObservation.notReported(0, now)), i -> true);
        sender.send(new double[] {0}, List.of(observation(0, true, 0, 0, now).build()), i -> true);
        sender.send(new double[] {0}, List.of(observation(0, true, 0, 0, now).build()), i -> true);

        assertThat(pile.offered).as("every cycle's value, as the lease is renewed only while offered")
                .containsExactly(0.0, 0.0);
    }

    @Test
    void aPileTheCycleDoesNotOfferYetIsSentNothing() {
        Offers pile = new Offers("p0");
        SetpointSender sender = new SetpointSender(List.of(pile));

        // Heard, its first report after the meter was read: the cycle leaves it on its own offer (ControlCycle.offeredYet).
        sender.send(new double[] {0}, List.of(observation(0, true, 3.5, 0, now).build()), i -> false);
        sender.send(new double[] {20}, List.of(observation(0, true, 3.5, 0, now).build()), i -> true);

        assertThat(pile.offered).as("what it is sent").containsExactly(20.0);
    }

    /** Keeps what it is offered. */
    private static final class Offers implements PileDriver {
        private final String id;
        final List<Double> offered = new ArrayList<>();

        Offers(String id) {
            this.id = id;
        }

        @Override
        public String pileId() {
            return id;
        }

        @Override
        public void offer(double amps) {
            offered.add(amps);
        }

        @Override
        public Optional<PileState> latest() {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    }
}
