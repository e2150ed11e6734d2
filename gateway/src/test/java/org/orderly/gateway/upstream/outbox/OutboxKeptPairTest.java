package org.orderly.gateway.upstream.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.orderly.gateway.store.EventKind;

/**
 * The held online and will a clean stop keeps for the next start (no broker took them): that start gives them to its
 * link once, sets nothing aside and releases nothing; rows kept that are not such a pair of this gateway are treated
 * as any run before left them. Real SQLite.
 */
@Timeout(60)
class OutboxKeptPairTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final OutboxStore store = new OutboxStore();

    @Test
    void aKeptPairIsTheNextStartsOnceAndNothingIsSetAsideOrReleased() throws Exception {
        Outbox.HeldPair pair;
        try (Outbox first = store.outbox(100)) {
            pair = first.storeHeldPair(store.clock.instant(), true).stored().get();
            first.keepPair(pair);
        }
        try (Outbox next = store.outbox(100)) {
            assertThat(next.takeKeptPair()).hasValueSatisfying(p -> assertThat(List.of(p.online().seq(), p.will().seq()))
                    .containsExactly(pair.online().seq(), pair.will().seq()));
            assertThat(next.takeKeptPair()).as("given once").isEmpty();
            assertThat(next.flush(WAIT)).isTrue();
            assertThat(next.setAsideStored()).isZero();
            assertThat(held()).as("held again, as the link's pair").containsExactly(
                    pair.online().seq() + ":1", pair.will().seq() + ":1");
        }
    }

    @Test
    void rowsKeptThatAreNotAnOnlineAndItsWillAreHeldAsARunBeforeLeftThem() throws Exception {
        Outbox.HeldPair first;
        Outbox.HeldPair second;
        try (Outbox before = store.outbox(100)) {
            first = before.storeHeldPair(store.clock.instant(), true).stored().get();
            second = before.storeHeldPair(store.clock.instant(), true).stored().get();
            before.keepPair(new Outbox.HeldPair(first.online(), second.will()));
        }
        try (Outbox next = store.outbox(100)) {
            assertThat(next.takeKeptPair()).as("an online and another's will").isEmpty();
            assertThat(next.flush(WAIT)).isTrue();
            assertThat(next.setAsideStored()).as("both onlines, as from a run killed while connecting").isEqualTo(2);
            assertThat(held()).as("both wills released").containsExactly(first.will().seq() + ":0",
                    second.will().seq() + ":0");
        }
    }

    @Test
    void messagesNumberedAfterTheKeptWillOnOtherTopicsLeaveThePairTheNextStarts() throws Exception {
        Outbox.HeldPair pair;
        try (Outbox first = store.outbox(100)) {
            pair = first.storeHeldPair(store.clock.instant(), true).stored().get();
            first.event(EventKind.UPSTREAM_COMMANDS_SUBSCRIBED, "upstream", "numbered after the will");
            first.keepPair(pair);
        }
        try (Outbox next = store.outbox(100)) {
            assertThat(next.takeKeptPair()).as("only an event numbered after it, still waiting").isPresent();
        }
    }

    @Test
    void aKeptPairIsNotTakenOnceAnOlderGatewaySaidItsStateAfterIt() throws Exception {
        Outbox.HeldPair pair = keptByAStop();
        // An older gateway ignores kept rows: it connected with a pair of its own, said online and, at its stop,
        // offline; both acknowledged, they left the outbox.
        sql("UPDATE upstream_seq SET seq = seq + 2");
        try (Outbox next = store.outbox(100)) {
            assertThat(next.takeKeptPair()).as("its online would be numbered below the older gateway's offline")
                    .isEmpty();
            assertThat(next.flush(WAIT)).isTrue();
            assertThat(next.setAsideStored()).as("the kept online, as from a run killed while connecting").isEqualTo(1);
            assertThat(held()).as("the kept will released").containsExactly(pair.will().seq() + ":0");
        }
    }

    @Test
    void aKeptPairIsNotTakenWhenAnOlderGatewayLeftAPairOfItsOwnAfterIt() throws Exception {
        Outbox.HeldPair pair = keptByAStop();
        // An older gateway, the broker down, numbered a pair of its own and left it held at its stop.
        sql("INSERT INTO outbox (seq, topic, payload, retained, held, created_at) SELECT seq + 2, topic, payload,"
                + " retained, 1, created_at FROM outbox WHERE held = 3");
        sql("UPDATE upstream_seq SET seq = seq + 2");
        try (Outbox next = store.outbox(100)) {
            assertThat(next.takeKeptPair()).as("its online would be numbered below the older gateway's will")
                    .isEmpty();
            assertThat(next.flush(WAIT)).isTrue();
            assertThat(next.setAsideStored()).as("both onlines").isEqualTo(2);
            assertThat(held()).as("both wills released").containsExactly(pair.will().seq() + ":0",
                    (pair.will().seq() + 2) + ":0");
        }
    }

    private Outbox.HeldPair keptByAStop() throws Exception {
        try (Outbox first = store.outbox(100)) {
            Outbox.HeldPair pair = first.storeHeldPair(store.clock.instant(), true).stored().get();
            first.keepPair(pair);
            return pair;
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = store.database().open(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    /** The outbox's state messages, as {@code seq:held}. */
    private List<String> held() throws SQLException {
        try (Connection c = store.database().open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT seq, held FROM outbox WHERE topic LIKE '%/state' ORDER BY seq")) {
            List<String> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(r.getLong(1) + ":" + r.getInt(2));
            }
            return rows;
        }
    }
}
