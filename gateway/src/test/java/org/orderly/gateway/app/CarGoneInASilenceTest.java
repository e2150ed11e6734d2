package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.LastEndedSession;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.SessionTracker;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.upstream.message.Messages;

/**
 * A car that leaves while its pile is silent (offline), the pile heard again only once it has gone: control cycles
 * recorded into a real store, the session's row, its upstream message and the page's today. Tuesday from 21:10 (the
 * flat price all through): 7 kW for 10 minutes heard, then the pile silent while the car draws 6 A (1.38 kW) until it
 * leaves at 21:35; the pile is heard again at 21:40, unplugged, its counter still at the ended session's energy
 * (docs/firmware-bridge.md, {@code sessionEnergyKwh} and {@code sessionPluggedSeconds}), or with another car plugged in
 * since 21:37, its count the new car's and its {@code lastSession} the ended one's; or with its bridge restarted at 21:21,
 * the car plugged in, counting from 0 since (docs/architecture.md, "A pile's count that goes back").
 */
class CarGoneInASilenceTest {
    private static final Instant PLUGGED = tuesday("21:10");
    private static final Instant LEFT = tuesday("21:35");
    private static final Instant NEXT_CAR = tuesday("21:37");
    private static final Instant RESTARTED = tuesday("21:21");
    private static final double FALLBACK_KW = 6 * 230 / 1000.0;
    /** What the pile counted for the car: 10 minutes at 7 kW, 15 at 1.38 kW. */
    private static final double PILE_COUNTED = 7.0 / 6 + FALLBACK_KW / 4;
    /** What the car takes from 21:21, its bridge restarted, to 21:35 on the pile's fallback. */
    private static final double AFTER_RESTART = FALLBACK_KW * 14 / 60;

    @TempDir
    Path dir;

    private RecordedCycles cycles;
    /** The counter when the pile last reported the car plugged in (its 21:19:55 report). */
    private double counterLastSeen;
    /** What the pile, heard again unplugged, says of its last ended session. */
    private Optional<LastEndedSession> saidUnplugged = Optional.empty();
    /** When the pile's bridge started again in the silence, its count from 0; null: it did not. */
    private Instant restarted;

    @BeforeEach
    void start() {
        cycles = new RecordedCycles(dir, PLUGGED, BeijingTariff.ZONE);
    }

    @AfterEach
    void stop() {
        cycles.close();
    }

    /**
     * The pile's counter, still the session's (it began at the session's plug-in), is the session's energy. Until
     * 2026-12-03 the session was closed with what was counted at its last sighting: 1.16 kWh in its row and upstream
     * message, 1.17 on the page (its minutes heard), where the pile counted 1.51.
     */
    @Test
    void theSessionTakesWhatThePileCountedForItInTheSilence() throws Exception {
        SessionRecord row = sessionEndingWith(Optional.of(PLUGGED));

        assertThat(counterLastSeen).as("counted at the last sighting").isCloseTo(7.0 / 6 - 7.0 * 5 / 3600, within(1e-9));
        assertThat(row.departureSeen()).as("it left while its pile was silent").isFalse();
        assertThat(row.departure()).as("its last sighting").isEqualTo(PLUGGED.plusSeconds(10 * 60 - 5));
        assertThat(row.deliveredKWh()).as("delivered_kwh against the pile's count").isCloseTo(PILE_COUNTED, within(1e-9));
        assertThat(Messages.session(row).deliveredKwh()).as("the upstream session message")
                .isCloseTo(PILE_COUNTED, within(1e-9));
        cycles.clock.set(PLUGGED.plus(Duration.ofMinutes(45)));
        assertThat(cycles.today().evKwh())
                .as("the page's today").isCloseTo(PILE_COUNTED, within(1e-9));
    }

    /**
     * A count whose session began after the last sighting is another car's, plugged in and out during the silence: not
     * this session's, which keeps what was counted at its last sighting.
     */
    @Test
    void aCountOfACarPluggedInDuringTheSilenceIsNotTheSessions() throws Exception {
        SessionRecord row = sessionEndingWith(Optional.of(tuesday("21:36")));

        assertThat(row.deliveredKWh()).isCloseTo(counterLastSeen, within(1e-9));
    }

    /** A pile that does not say whose its count is (Modbus, a bridge before 2026-12-03): what was counted stands. */
    @Test
    void aCountThatDoesNotSayWhoseItIsIsNotTaken() throws Exception {
        SessionRecord row = sessionEndingWith(Optional.empty());

        assertThat(row.deliveredKWh()).isCloseTo(counterLastSeen, within(1e-9));
    }

    /**
     * The pile, heard again unplugged, says when the session it last ended was unplugged ({@code lastSession}): the
     * stay ends then, its departure seen, in its row, its upstream message and what the habits learn; the page's today
     * spreads the count over the silence up to it. Until 2026-12-04 it ended at its last sighting, departure not seen,
     * and the habits learned nothing of it.
     */
    @Test
    void aCarGoneInTheSilenceLeftWhenThePileSays() throws Exception {
        saidUnplugged = Optional.of(new LastEndedSession(PLUGGED, LEFT, PILE_COUNTED));
        SessionRecord row = sessionEndingWith(Optional.of(PLUGGED));

        assertThat(row.departure()).as("when the pile says it was unplugged").isEqualTo(LEFT);
        assertThat(row.departureSeen()).as("departure_seen: the pile said when").isTrue();
        assertThat(row.deliveredKWh()).isCloseTo(PILE_COUNTED, within(1e-9));
        assertThat(Messages.session(row).departure()).as("the upstream session message").isEqualTo(LEFT);
        assertThat(Messages.session(row).departureSeen()).isTrue();
        assertThat(cycles.estimator.habits().sessionsKnown(0)).as("stays learned on the pile").isEqualTo(1);
        assertThat(cycles.estimator.habits().pairsFor(0, PLUGGED).hours()[0]).as("the stay learned, hours")
                .isCloseTo(25 / 60.0, within(1e-9));
        cycles.clock.set(PLUGGED.plus(Duration.ofMinutes(45)));
        assertThat(cycles.today().evKwh())
                .as("the page's today").isCloseTo(PILE_COUNTED, within(1e-9));
    }

    /**
     * Another car plugged in at 21:37, before the pile is heard again: the first car's session ends when the pile's
     * {@code lastSession} says it was unplugged (departure seen) with what it says it took in all, and the new car's
     * begins. Until 2026-12-04 the first session went on as if the new car were the same one, with the new car's
     * counter as its energy; until 2026-12-04 too, it then ended at its last sighting, departure not seen.
     */
    @Test
    void aCarReplacedInTheSilenceHasWhatThePilesLastSessionSays() throws Exception {
        List<SessionRecord> rows = sessions(Optional.empty(),
                Optional.of(new LastEndedSession(PLUGGED, LEFT, PILE_COUNTED)));

        assertThat(rows).as("the first car's session and the next car's").hasSize(2);
        SessionRecord first = rows.get(0);
        assertThat(first.departure()).as("when the pile says it was unplugged").isEqualTo(LEFT);
        assertThat(first.departureSeen()).as("departure_seen: the pile said when").isTrue();
        assertThat(cycles.estimator.habits().pairsFor(0, PLUGGED).hours()[0]).as("the stay learned, hours")
                .isCloseTo(25 / 60.0, within(1e-9));
        assertThat(first.deliveredKWh()).as("delivered_kwh: the pile's lastSession").isCloseTo(PILE_COUNTED, within(1e-9));
        assertThat(Messages.session(first).deliveredKwh()).isCloseTo(PILE_COUNTED, within(1e-9));
        assertThat(rows.get(1).arrival()).as("the next car, as the pile says it").isEqualTo(NEXT_CAR);
        assertThat(rows.get(1).departure()).as("still plugged in").isNull();
    }

    /** A pile that does not say its last session (a bridge before 2026-12-04): what was counted at the last sighting. */
    @Test
    void aCarReplacedInTheSilenceWithoutTheLastSessionKeepsWhatWasCounted() throws Exception {
        List<SessionRecord> rows = sessions(Optional.empty(), Optional.empty());

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).departureSeen()).isFalse();
        assertThat(rows.get(0).deliveredKWh()).isCloseTo(counterLastSeen, within(1e-9));
    }

    /**
     * The pile's bridge restarted at 21:21, in the silence, the car plugged in, which leaves at 21:35 before the pile is
     * heard again: its {@code lastSession} is the car's since the restart, found plugged in at the bridge's start
     * ({@code pluggedAtStart}). The session has what was counted at its last sighting plus all the restarted bridge
     * counted (its count began after that sighting), and ends when the pile says the car left. Until 2026-12-07 it kept
     * what was counted at its last sighting (the 0.32 kWh counted after the restart lost) and ended there, departure
     * not seen: that lastSession, plugged in after the sighting, was taken for another car's. What the car took between
     * the sighting and the old bridge's stop nobody heard: not counted.
     */
    @Test
    void aSessionKeptAcrossItsBridgesRestartTakesWhatTheRestartedBridgeCounted() throws Exception {
        SessionRecord row = restartedAt(RESTARTED, true);

        assertThat(row.deliveredKWh()).as("delivered_kwh: %s kWh at the last sighting, %s after the restart",
                counterLastSeen, AFTER_RESTART).isCloseTo(counterLastSeen + AFTER_RESTART, within(1e-9));
        assertThat(row.departure()).as("when the pile says the car left").isEqualTo(LEFT);
        assertThat(row.departureSeen()).isTrue();
    }

    /** A restarted bridge's lastSession that does not say its car was found at the start is another car's, as before. */
    @Test
    void aRestartedBridgesSessionNotSaidFoundAtItsStartIsNotTheSessions() throws Exception {
        SessionRecord row = restartedAt(RESTARTED, false);

        assertThat(row.deliveredKWh()).isCloseTo(counterLastSeen, within(1e-9));
        assertThat(row.departureSeen()).isFalse();
    }

    /** A bridge started later than {@link SessionTracker#BRIDGE_RESTARTED_WITHIN} after the last sighting: not taken. */
    @Test
    void aBridgeStartedLaterThanTheBoundAfterTheLastSightingIsNotTaken() throws Exception {
        SessionRecord row = restartedAt(RESTARTED.plus(SessionTracker.BRIDGE_RESTARTED_WITHIN), true);

        assertThat(row.deliveredKWh()).isCloseTo(counterLastSeen, within(1e-9));
        assertThat(row.departureSeen()).isFalse();
    }

    /** The session's row with the pile's bridge restarted at {@code at}, its lastSession as said. */
    private SessionRecord restartedAt(Instant at, boolean pluggedAtStart) throws InterruptedException {
        restarted = at;
        double counted = FALLBACK_KW * Duration.between(at, LEFT).toSeconds() / 3600;
        saidUnplugged = Optional.of(new LastEndedSession(at, LEFT, counted, pluggedAtStart));
        return sessionEndingWith(Optional.of(at));
    }

    /** The session's row once the pile, heard again at 21:40, says the car gone with {@code countBegan}. */
    private SessionRecord sessionEndingWith(Optional<Instant> countBegan) throws InterruptedException {
        List<SessionRecord> all = sessions(countBegan, null);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /**
     * The sessions on record once the pile is heard again at 21:40: with {@code lastSession} null, unplugged, its count
     * begun at {@code countBegan}; otherwise with another car plugged in at 21:37 and {@code lastSession} as it says it.
     */
    private List<SessionRecord> sessions(Optional<Instant> countBegan, Optional<LastEndedSession> lastSession)
            throws InterruptedException {
        double counter = 0;
        PileObservation lastHeard = null;
        for (int s = 0; s <= 30 * 60; s += 5) {
            Instant now = PLUGGED.plusSeconds(s);
            boolean replaced = lastSession != null && !now.isBefore(NEXT_CAR);
            if (replaced && now.equals(NEXT_CAR) || now.equals(restarted)) {
                counter = 0;
            }
            boolean plugged = now.isBefore(LEFT) || replaced;
            boolean heard = s < 10 * 60 || s >= 30 * 60;
            double kw = !plugged ? 0 : heard || replaced ? 7 : FALLBACK_KW;
            if (heard && replaced) {
                lastHeard = observation(0, true, kw, counter, now).pluggedAt(Optional.of(NEXT_CAR)).sessionPluggedAt(Optional.of(NEXT_CAR))
                        .lastSession(lastSession).build();
            } else if (heard && plugged) {
                lastHeard = observation(0, true, kw, counter, now).pluggedAt(Optional.of(PLUGGED)).sessionPluggedAt(Optional.of(PLUGGED))
                        .build();
                counterLastSeen = counter;
            } else if (heard) {
                lastHeard = observation(0, false, 0, counter, now).sessionPluggedAt(countBegan).lastSession(saidUnplugged).build();
            }
            PileObservation pile = heard ? lastHeard
                    : observation(0, true, lastHeard.powerKw(), lastHeard.sessionEnergyKWh(), lastHeard.readAt())
                            .pluggedAt(lastHeard.pluggedAt()).age(Duration.between(lastHeard.readAt(), now))
                            .sessionPluggedAt(lastHeard.sessionPluggedAt()).build();
            cycles.cycle(now, new TransformerReading(20, now, Duration.ZERO), List.of(pile));
            // What the car takes until the next cycle, as the pile's meter counts it.
            counter += kw * 5 / 3600;
        }
        if (lastSession == null && restarted == null) {
            assertThat(counter).as("the pile's count, kept after the car left").isCloseTo(PILE_COUNTED, within(1e-9));
        }
        return cycles.sessions(PLUGGED.minus(Duration.ofHours(1)), PLUGGED.plus(Duration.ofHours(1)));
    }
}
