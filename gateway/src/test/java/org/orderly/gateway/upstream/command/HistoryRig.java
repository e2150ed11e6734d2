package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.upstream.Topics;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.gateway.upstream.outbox.OutboxLimits;

/**
 * A history request's way through the gateway's command router to its reply, without a broker: a real store, its
 * outbox and caps, on a clock held at {@code now}.
 */
final class HistoryRig implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Store store;
    private final Topics topics = new Topics("gw-1");
    private final List<String> replies = new CopyOnWriteArrayList<>();
    private final Outbox outbox;
    private final CapBook book;
    private final CommandRouter router;

    HistoryRig(Path dir, Instant now) {
        VirtualClock clock = new VirtualClock(now, ZoneOffset.UTC);
        store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), clock);
        outbox = Outbox.open(store.database(), topics, clock, OutboxLimits.DEFAULT);
        book = CapBook.open(store.database(), clock, CommandLimits.DEFAULT);
        router = CommandRouters.of(topics, new CapParser(topics.gatewayId(), CommandLimits.DEFAULT, 630, ClockFloor.NONE),
                new HistoryParser(topics.gatewayId(), CommandLimits.DEFAULT, ClockFloor.NONE), book, store, outbox, clock,
                (requestId, topic, payload, correlation) -> replies.add(new String(payload, StandardCharsets.UTF_8)));
    }

    /** The one reply to a request for [{@code from}, {@code to}) (RFC 3339 instants), answered {@code ok}. */
    JsonNode ask(String from, String to) throws Exception {
        replies.clear();
        router.handle(topics.historyCommand(), ("{\"v\":1,\"id\":\"h-1\",\"from\":\"" + from + "\",\"to\":\"" + to
                + "\"}").getBytes(StandardCharsets.UTF_8), "grid/answers", new byte[] {1});
        assertThat(replies).hasSize(1);
        JsonNode reply = JSON.readTree(replies.get(0));
        assertThat(reply.path("status").asText()).as("%s", reply).isEqualTo("ok");
        return reply;
    }

    @Override
    public void close() throws Exception {
        try (Store s = store; Outbox o = outbox; CapBook b = book; CommandRouter r = router) {
            // closed in the reverse order of their opening, as a try-with-resources of all four would
        }
    }
}
