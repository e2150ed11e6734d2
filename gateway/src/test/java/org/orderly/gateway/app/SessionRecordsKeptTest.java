package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.CycleBuilder;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Database;
import org.orderly.gateway.store.OldSchema;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;

/**
 * Every session the gateway sees keeps a record of its own in the store (a real SQLite file), also when NTP steps
 * the wall clock back over a second a session was recorded in, when a car is plugged out and in within one second,
 * across a restart, and in a store an older gateway wrote.
 */
class SessionRecordsKeptTest {
    private static final Instant T = Instant.parse("2026-01-13T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(T, ZoneOffset.UTC);
    private Store store;
    private ControlCycle cycle;
    private CycleRecorder recorder;

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aSessionStartingInTheRepeatedHourKeepsTheOneRecordedInIt() throws Exception {
        start();
        cycleAt(T, true);
        cycleAt(T.plus(Duration.ofMinutes(10)), false);
        cycleAt(T.plus(Duration.ofMinutes(50)), false);
        // NTP steps the clock back an hour: 10:50 becomes 09:50; ten minutes later it is 10:00 again.
        cycleAt(T.minus(Duration.ofMinutes(10)), false);
        cycleAt(T, true);
        cycleAt(T.plus(Duration.ofMinutes(20)), false);

        assertThat(sessions()).extracting(SessionRecord::departure)
                .containsExactlyInAnyOrder(T.plus(Duration.ofMinutes(10)), T.plus(Duration.ofMinutes(20)));
    }

    @Test
    void aCarPluggedOutAndInWithinOneSecondIsTwoSessionsWithARecordEach() throws Exception {
        start();
        cycleAt(T.plusMillis(100), true);
        cycleAt(T.plusMillis(400), false);
        cycleAt(T.plusMillis(700), true);
        cycleAt(T.plusSeconds(60), false);

        assertThat(sessions()).extracting(SessionRecord::departure).containsExactlyInAnyOrder(T, T.plusSeconds(60));
    }

    @Test
    void aSessionAfterARestartAndAStepBackKeepsTheOneRecordedBefore() throws Exception {
        start();
        cycleAt(T, true);
        cycleAt(T.plus(Duration.ofMinutes(10)), false);
        store.close();

        // The gateway restarts; meanwhile NTP set the clock back an hour, and at 10:00 again a car arrives.
        clock.set(T.minus(Duration.ofMinutes(30)));
        start();
        cycleAt(T, true);
        cycleAt(T.plus(Duration.ofMinutes(20)), false);

        assertThat(sessions()).extracting(SessionRecord::departure)
                .containsExactlyInAnyOrder(T.plus(Duration.ofMinutes(10)), T.plus(Duration.ofMinutes(20)));
    }

    @Test
    void aStoreAnOlderGatewayWroteKeepsItsSessionsAndTakesNewOnes() throws Exception {
        Path file = dir.resolve("orderly.db");
        try (Connection c = new Database(file).open()) {
            OldSchema.upTo(c, 3, T.minus(Duration.ofDays(30))); // as gateways before session numbers left it
            try (PreparedStatement p = c.prepareStatement("INSERT INTO sessions VALUES (?, 'P1', ?, ?, NULL, NULL, 7.5, 0)")) {
                p.setString(1, "P1@" + T.getEpochSecond());
                p.setLong(2, T.getEpochSecond());
                p.setLong(3, T.plus(Duration.ofMinutes(10)).getEpochSecond());
                p.executeUpdate();
            }
        }
        clock.set(T.minus(Duration.ofMinutes(30)));
        start();
        cycleAt(T, true);
        cycleAt(T.plus(Duration.ofMinutes(20)), false);

        List<SessionRecord> kept = sessions();
        assertThat(kept).extracting(SessionRecord::departure)
                .containsExactlyInAnyOrder(T.plus(Duration.ofMinutes(10)), T.plus(Duration.ofMinutes(20)));
        assertThat(kept).filteredOn(s -> s.id().equals("P1@" + T.getEpochSecond())).singleElement()
                .satisfies(s -> assertThat(s.deliveredKWh()).isEqualTo(7.5));
    }

    /** The gateway's store, cycle and recorder, as {@link Gateway#start} wires them. */
    private void start() {
        store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), clock);
        OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), LiveSettings.of(1.8),
                new GreedyPlanner(), Runnable::run);
        cycle = CycleBuilder.cycle(compound, policy, clock, 10).sessionNumbers(store::nextSessionNumber).build();
        recorder = RecorderBuilder.recorder(compound, store, policy).build();
    }

    /** A cycle at wall-clock time {@code at}, with P1's status (plugged or not) read then. */
    private void cycleAt(Instant at, boolean plugged) {
        clock.set(at);
        List<PileObservation> piles = List.of(observation(0, plugged, 0, 0, at).build());
        TransformerReading reading = new TransformerReading(20, at, Duration.ZERO);
        recorder.record(new CycleSeen(at, reading, piles, cycle.run(reading, piles, List.of())));
    }

    private List<SessionRecord> sessions() throws InterruptedException {
        assertThat(store.flush(WAIT)).isTrue();
        try (StoreReader r = store.reader()) {
            return r.sessions(T.minus(Duration.ofHours(2)), T.plus(Duration.ofHours(2)));
        }
    }
}
