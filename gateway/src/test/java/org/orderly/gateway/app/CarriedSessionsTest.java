package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.CarriedSession;
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

/** Which of the sessions open in the store (a real SQLite file) at start may go on, and which are closed at once. */
class CarriedSessionsTest {
    private static final Instant T = Instant.parse("2026-01-13T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null)
            .pile("P2", Phase.B, null).build();
    private final VirtualClock clock = new VirtualClock(T, ZoneOffset.UTC);

    @Test
    void theNewestOpenSessionOfAPileMayGoOnTheOthersAreClosed() throws Exception {
        SessionRecord older = open("P1@1-1", "P1", T.minus(Duration.ofDays(3)), T.minus(Duration.ofDays(2)), 50);
        SessionRecord newest = open("P1@2-2", "P1", T.minus(Duration.ofHours(5)), T.minusSeconds(30), 62.5);
        SessionRecord gonePile = open("P9@3-3", "P9", T.minus(Duration.ofHours(4)), T.minusSeconds(40), 3);
        SessionRecord ended = new SessionRecord("P2@4-4", "P2", T.minus(Duration.ofHours(9)),
                T.minus(Duration.ofHours(8)), null, Double.NaN, 5, false);

        CarriedSessions.Found found;
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), clock)) {
            for (SessionRecord s : List.of(older, newest, gonePile, ended)) {
                store.session(s);
            }
            assertThat(store.flush(WAIT)).isTrue();
            try (StoreReader reader = store.reader()) {
                found = CarriedSessions.read(reader, compound);
            }
        }

        assertThat(found.carried()).singleElement().isEqualTo(new CarriedSession("P1@2-2", 0, newest.arrival(),
                new org.orderly.gateway.core.session.Declaration(null, Double.NaN), 2, 62.5, T.minusSeconds(30)));
        assertThat(found.ended()).extracting(SessionRecord::id).containsExactlyInAnyOrder("P1@1-1", "P9@3-3");
    }

    @Test
    void anOpenSessionAnOlderGatewayLeftIsClosedAtItsArrivalAsDepartedUnseen() throws Exception {
        Path file = dir.resolve("orderly.db");
        Instant arrival = T.minus(Duration.ofHours(2));
        try (Connection c = new Database(file).open()) {
            OldSchema.upTo(c, 4, T.minus(Duration.ofDays(30))); // as gateways before migration 5 left it
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO sessions VALUES ('P1@" + arrival.getEpochSecond() + "-9', 'P1', ?, NULL, NULL, 20, 0, 0)")) {
                p.setLong(1, arrival.getEpochSecond());
                p.executeUpdate();
            }
        }

        try (Store store = Store.open(StoreSettings.of(file, 30), clock)) {
            CarriedSessions.Found found;
            try (StoreReader reader = store.reader()) {
                found = CarriedSessions.read(reader, compound);
            }
            assertThat(found.carried()).as("nothing to tell its car by").isEmpty();
            OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(),
                    LiveSettings.of(1.8), new GreedyPlanner(), Runnable::run);
            RecorderBuilder.recorder(compound, store, policy).build().endedWhileDown(found.ended());
            assertThat(store.flush(WAIT)).isTrue();
            try (StoreReader reader = store.reader()) {
                assertThat(reader.openSessions()).isEmpty();
                assertThat(reader.sessions(arrival, T)).singleElement().satisfies(s -> {
                    assertThat(s.departureSeen()).isFalse();
                    assertThat(s.departure()).as("all that is known").isEqualTo(arrival);
                    assertThat(s.declaredKWh()).isEqualTo(20);
                });
            }
        }
    }

    private SessionRecord open(String id, String pile, Instant arrival, Instant lastSeen, double counter) {
        return new SessionRecord(id, pile, arrival, null, null, Double.NaN, 2, false, true, lastSeen, counter);
    }
}
