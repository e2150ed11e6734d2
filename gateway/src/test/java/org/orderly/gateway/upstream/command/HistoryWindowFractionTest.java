package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Sample;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.upstream.Topics;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.gateway.upstream.outbox.OutboxLimits;

/**
 * docs/upstream.md, "cmd/history": the load per minute in [{@code from}, {@code to}), a minute being in it when it
 * starts in it, as for whole seconds. A window whose ends have a fraction of a second is read the same way: until
 * 2026-12-03 the store compared whole seconds, so {@code from} 10:01:00.500 gave the minute 10:01, which starts before
 * it, and {@code to} 10:04:00.500 left out the minute 10:04, which starts inside it.
 */
class HistoryWindowFractionTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant TEN = Instant.parse("2026-11-29T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aWindowWithAFractionOfASecondHoldsTheMinutesThatStartInIt() throws Exception {
        VirtualClock clock = new VirtualClock(NOW, ZoneOffset.UTC);
        Topics topics = new Topics("gw-1");
        List<String> replies = new CopyOnWriteArrayList<>();
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), clock);
             Outbox outbox = Outbox.open(store.database(), topics, clock, OutboxLimits.DEFAULT);
             CapBook book = CapBook.open(store.database(), clock, CommandLimits.DEFAULT);
             CommandRouter router = new CommandRouter(topics, new CapParser(CommandLimits.DEFAULT, 630),
                     new HistoryParser(CommandLimits.DEFAULT), book, store, outbox, clock,
                     (topic, payload, correlation) -> replies.add(new String(payload, StandardCharsets.UTF_8)))) {
            for (int m = 0; m <= 7; m++) {
                store.sample(new Sample("transformer", "power.total.kw", TEN.plus(Duration.ofMinutes(m)), 100 + m));
            }
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();

            assertThat(minutes(router, topics, replies, "10:01:00Z", "10:04:00Z")).as("whole seconds")
                    .containsExactly("10:01", "10:02", "10:03");
            assertThat(minutes(router, topics, replies, "10:01:01Z", "10:04:01Z")).as("a second in")
                    .containsExactly("10:02", "10:03", "10:04");
            assertThat(minutes(router, topics, replies, "10:01:00.500Z", "10:04:00.500Z")).as("half a second in")
                    .containsExactly("10:02", "10:03", "10:04");
        }
    }

    private static List<String> minutes(CommandRouter router, Topics topics, List<String> replies, String from,
                                        String to) throws Exception {
        replies.clear();
        router.handle(topics.historyCommand(), ("{\"v\":1,\"id\":\"h-1\",\"from\":\"2026-11-29T" + from + "\",\"to\":"
                + "\"2026-11-29T" + to + "\"}").getBytes(StandardCharsets.UTF_8), "grid/answers", new byte[] {1});
        assertThat(replies).hasSize(1);
        JsonNode reply = JSON.readTree(replies.get(0));
        assertThat(reply.path("status").asText()).as("%s", reply).isEqualTo("ok");
        List<String> out = new ArrayList<>();
        reply.path("minutes").forEach(m -> out.add(m.path("minute").asText().substring(11, 16)));
        return out;
    }
}
