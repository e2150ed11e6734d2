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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.upstream.Topics;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.gateway.upstream.outbox.OutboxLimits;

/**
 * A command's response topic may not be a topic the contract gives a meaning of its own (docs/upstream.md,
 * "Commands"): the reply would go out there as if it were that message. Until 2026-12-05 a cap whose response topic was
 * {@code orderly/v1/demo/telemetry} was applied and its reply published on telemetry, where every grid consumer read a
 * message of type {@code reply} ({@code orderly aggregate}: "type 'reply' does not belong on topic kind 'telemetry'");
 * one on {@code cmd/cap} would have reached the gateway as a command. Such a command is refused as one with a wildcard
 * response topic is: answered on {@code replies}, a cap not applied and said in a {@code cap.rejected} event.
 */
class ResponseTopicOfTheContractTest {
    private static final Instant NOW = Instant.parse(CapSamples.NOW);
    private static final String CAP = "{\"v\":1,\"id\":\"c-1\",\"from\":\"2026-11-29T18:00:00Z\","
            + "\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":60}";
    private static final String HISTORY = "{\"v\":1,\"id\":\"h-1\",\"from\":\"2026-11-29T11:00:00Z\","
            + "\"to\":\"2026-11-29T12:00:00Z\"}";

    @TempDir
    Path dir;

    private record Sent(String topic, JsonNode reply) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"orderly/v1/gw-1/telemetry", "orderly/v1/gw-1/state", "orderly/v1/gw-1/plan",
            "orderly/v1/gw-1/events", "orderly/v1/gw-1/sessions", "orderly/v1/gw-1/cmd/cap", "orderly/v1/gw-1/cmd/history",
            "orderly/v1/gw-2/telemetry", "orderly/v1/gw-1/cmd"})
    void aReplyIsNotPublishedOnATopicOfTheContract(String responseTopic) throws Exception {
        List<Sent> sent = handled(responseTopic);

        assertThat(sent).as("the cap's and the history request's replies").hasSize(2);
        for (Sent s : sent) {
            assertThat(s.topic()).as("answered where a reply belongs: %s", s.reply()).isEqualTo("orderly/v1/gw-1/replies");
            assertThat(s.reply().path("status").asText()).isEqualTo("rejected");
            assertThat(s.reply().path("reason").asText()).startsWith("responseTopic: '" + responseTopic + "' is a topic of"
                    + " the contract's own messages or commands");
        }
        assertThat(sent.get(0).reply().path("requestId").asText()).isEqualTo("c-1");
        assertThat(sent.get(1).reply().path("requestId").asText()).isEqualTo("h-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orderly/v1/gw-1/replies/grid-7", "orderly/v1/gw-1/replies", "grid/replies/7",
            "orderly/v1/gw-1/telemetry/replies", "orderly/v2/gw-1/telemetry"})
    void aReplyGoesToAnyOtherTopicNamed(String responseTopic) throws Exception {
        List<Sent> sent = handled(responseTopic);

        assertThat(sent).extracting(Sent::topic).containsExactly(responseTopic, responseTopic);
        assertThat(sent.get(0).reply().path("status").asText()).isEqualTo("accepted");
        assertThat(sent.get(1).reply().path("status").asText()).isEqualTo("ok");
    }

    /** A cap, then a history request, each with this response topic: where the replies went, and what they said. */
    private List<Sent> handled(String responseTopic) throws Exception {
        VirtualClock clock = new VirtualClock(NOW, ZoneOffset.UTC);
        Topics topics = new Topics("gw-1");
        List<Sent> sent = new CopyOnWriteArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), clock);
             Outbox outbox = Outbox.open(store.database(), topics, clock, OutboxLimits.DEFAULT);
             CapBook book = CapBook.open(store.database(), clock, CommandLimits.DEFAULT);
             CommandRouter router = CommandRouters.of(topics, new CapParser("gw-1", CommandLimits.DEFAULT, 630, ClockFloor.NONE),
                     new HistoryParser("gw-1", CommandLimits.DEFAULT, ClockFloor.NONE), book, store, outbox, clock,
                     (requestId, topic, payload, correlation) -> {
                         try {
                             return sent.add(new Sent(topic, json.readTree(new String(payload, StandardCharsets.UTF_8))));
                         } catch (java.io.IOException e) {
                             throw new java.io.UncheckedIOException(e);
                         }
                     })) {
            router.handle(topics.capCommand(), CAP.getBytes(StandardCharsets.UTF_8), responseTopic, null);
            router.handle(topics.historyCommand(), HISTORY.getBytes(StandardCharsets.UTF_8), responseTopic, null);
            boolean refused = sent.get(0).reply().path("status").asText().equals("rejected");
            assertThat(book.caps()).as("a refused cap is not applied, an accepted one is").hasSize(refused ? 0 : 1);
        }
        return sent;
    }
}
