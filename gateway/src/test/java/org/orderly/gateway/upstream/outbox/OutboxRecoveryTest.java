package org.orderly.gateway.upstream.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.upstream.outbox.OutboxStore.TOPICS;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.orderly.gateway.store.StoreDamage;
import org.orderly.gateway.store.StorePages;
import org.orderly.gateway.upstream.message.EventBody;

/**
 * The outbox's index of held messages going bad under a running gateway (garbage over its root page in the real
 * SQLite file): every insert of an outbox row fails with SQLITE_CORRUPT. The store is moved aside and a fresh one
 * made while running, and the messages handed over before, meanwhile and after are all stored in it, numbered on
 * from the last number given out, without a restart.
 */
class OutboxRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final OutboxStore store = new OutboxStore();

    @Test
    @Timeout(60)
    void messagesHandedOverAroundAMoveAsideAreStoredInTheFreshStoreNumberedOn() throws Exception {
        List<StoreDamage> moved = new CopyOnWriteArrayList<>();
        store.store().recoverWhenDamaged(Instant.EPOCH);
        store.store().onMovedAside(moved::add);
        try (Outbox outbox = store.outbox(1000)) {
            for (int i = 0; i < 3; i++) {
                outbox.offer(store.clock.instant(), new EventBody("e", "s", "before " + i));
            }
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();

            StorePages.garbageOverRootOfOpenStore(store.database().file(), "outbox_held");
            for (int i = 0; i < 3; i++) {
                outbox.offer(store.clock.instant(), new EventBody("e", "s", "after " + i));
            }
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (moved.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(moved).as("the store moved aside while running").hasSize(1);
            outbox.offer(store.clock.instant(), new EventBody("e", "s", "later"));
            assertThat(outbox.flush(Duration.ofSeconds(30))).isTrue();

            List<OutboxRow> rows = outbox.next(0, TOPICS.of("state"), false, 100);
            List<String> messages = new ArrayList<>();
            for (OutboxRow r : rows) {
                messages.add(JSON.readTree(r.payload()).path("message").asText());
            }
            assertThat(messages).as("every message, in the fresh store, in order").containsExactly("before 0",
                    "before 1", "before 2", "after 0", "after 1", "after 2", "later");
            assertThat(rows).extracting(OutboxRow::seq).as("numbered on, no gap").containsExactly(1L, 2L, 3L, 4L, 5L,
                    6L, 7L);
            assertThat(moved.get(0).firstSeq()).as("where the fresh store's numbers begin").isEqualTo(4L);
        }
    }
}
