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
            pair = first.storeHeldPair(store.clock.instant(), true).get();
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
            first = before.storeHeldPair(store.clock.instant(), true).get();
            second = before.storeHeldPair(store.clock.instant(), true).get();
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
