package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StorePages;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.upstream.Topics;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.gateway.upstream.outbox.OutboxLimits;

/**
 * A history request is answered, whatever becomes of it (docs/upstream.md, "Commands": "A command that fails validation
 * changes nothing and is answered rejected with a reason"; the grid side "re-sends a command until it gets a reply").
 * A store whose readings cannot be read (a damaged page, as docs/operations.md "A damaged store" has it) must give the
 * requester an answer, not an exception out of the command thread and no reply, which the grid side would ask again
 * for ever.
 */
class HistoryStoreFailureTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    Path dir;

    record Reply(String topic, String payload) {
    }

    @Test
    void aHistoryRequestIsAnsweredWhenTheReadingsCannotBeRead() throws Exception {
        VirtualClock clock = new VirtualClock(NOW, ZoneOffset.UTC);
        Topics topics = new Topics("gw-1");
        Path file = dir.resolve("orderly.db");
        List<Reply> replies = new CopyOnWriteArrayList<>();
        try (Store store = Store.open(StoreSettings.of(file, 90), clock);
             Outbox outbox = Outbox.open(store.database(), topics, clock, OutboxLimits.DEFAULT);
             CapBook book = CapBook.open(store.database(), clock, CommandLimits.DEFAULT);
             CommandRouter router = CommandRouters.of(topics,
                     new CapParser(topics.gatewayId(), CommandLimits.DEFAULT, 630, ClockFloor.NONE),
                     new HistoryParser(topics.gatewayId(), CommandLimits.DEFAULT, ClockFloor.NONE), book, store, outbox, clock,
                     (requestId, topic, payload, correlation) -> replies.add(new Reply(topic,
                             new String(payload, StandardCharsets.UTF_8))))) {
            StorePages.garbageOverRootOfOpenStore(file, "readings");
            byte[] request = "{\"v\":1,\"id\":\"h-1\",\"from\":\"2026-11-29T10:00:00Z\",\"to\":\"2026-11-29T11:00:00Z\"}"
                    .getBytes(StandardCharsets.UTF_8);
            Throwable thrown = null;
            try {
                router.handle(topics.historyCommand(), request, "grid/answers", new byte[] {1});
            } catch (RuntimeException e) {
                thrown = e;
            }
            assertThat(replies).as("replies to the request (handle threw: %s)", thrown).hasSize(1);
            assertThat(replies.get(0).topic()).isEqualTo("grid/answers");
            assertThat(replies.get(0).payload()).contains("\"requestId\":\"h-1\"", "\"status\":\"rejected\"",
                    "\"reason\":\"not read: the gateway's recorded load could not be read (");
            assertThat(store.database().damage()).as("the store marked damaged, to be moved aside").isPresent();
        }
    }
}
