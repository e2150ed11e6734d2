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
import org.junit.jupiter.api.Test;
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
 * A command rejected before it is read (too large, not JSON) is answered with the id its beginning gives
 * (docs/upstream.md, "Replies": {@code requestId}), so that the grid side can match the reply: a top-level {@code id}
 * string met before the first error and within the contract's id rules; otherwise null, as before 2026-12-05 for all.
 */
class CommandIdFromItsBeginningTest {
    private static final Instant NOW = Instant.parse(CapSamples.NOW);
    private static final String PAD = "x".repeat(5000);

    private final CapParser caps = new CapParser("gw-1", CommandLimits.DEFAULT, 630, ClockFloor.NONE);
    private final HistoryParser histories = new HistoryParser("gw-1", CommandLimits.DEFAULT, ClockFloor.NONE);

    @TempDir
    Path dir;

    @Test
    void aCapTooLargeIsRejectedWithTheIdItsBeginningGives() {
        Parsed.Bad<CapCommand> bad = bad(caps.parse(bytes("{\"v\":1,\"id\":\"c-17\",\"pad\":\"" + PAD + "\"}"), NOW));
        assertThat(bad.reason()).startsWith("oversized: ");
        assertThat(bad.id()).isEqualTo("c-17");
    }

    @Test
    void aCapThatIsNotJsonIsRejectedWithTheIdMetBeforeItsError() {
        Parsed.Bad<CapCommand> bad = bad(caps.parse(bytes("{\"v\":1,\"id\":\"c-17\",,\"limitKw\":30}"), NOW));
        assertThat(bad.reason()).startsWith("malformed: ");
        assertThat(bad.id()).isEqualTo("c-17");
    }

    @Test
    void aHistoryRequestThatIsNotJsonIsRejectedWithItsId() {
        Parsed.Bad<HistoryRequest> bad = bad(histories.parse(bytes("{\"v\":1,\"id\":\"h-17\",\"from\":}"), NOW));
        assertThat(bad.reason()).startsWith("malformed: ");
        assertThat(bad.id()).isEqualTo("h-17");
    }

    /** None where the id comes after the error, is nested, is not a string, breaks the id rules or lies past 4096 bytes. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"v\":1,,\"id\":\"c-17\"}",
            "{\"v\":1,\"x\":{\"id\":\"inner\"},,}",
            "[{\"id\":\"c-17\"},,]",
            "{\"v\":1,\"id\":17,,}",
            "{\"v\":1,\"id\":\"has space\",,}",
            "{\"v\":1,\"id\":\"c-17",
            "not json \"id\":\"c-17\""})
    void noIdIsTakenFromWhereItCannotBeReadSafely(String payload) {
        assertThat(bad(caps.parse(bytes(payload), NOW)).id()).as(payload).isNull();
    }

    /** An object that gives {@code id} twice is malformed: the first is met before that error, and decides. */
    @Test
    void theFirstOfTwoIdsIsTheOneSaid() {
        Parsed.Bad<CapCommand> bad = bad(caps.parse(bytes("{\"v\":1,\"id\":\"c-17\",\"id\":\"c-18\"}"), NOW));
        assertThat(bad.reason()).startsWith("malformed: ");
        assertThat(bad.id()).isEqualTo("c-17");
    }

    @Test
    void anIdPastTheContractsSizeIsNotRead() {
        Parsed.Bad<CapCommand> bad = bad(caps.parse(bytes("{\"pad\":\"" + PAD + "\",\"id\":\"c-17\"}"), NOW));
        assertThat(bad.reason()).startsWith("oversized: ");
        assertThat(bad.id()).isNull();
    }

    /** The reply on the wire, and what the link is told of it (its WARN if the broker refuses it), name the id. */
    @Test
    void theReplyToACapTooLargeSaysItsId() throws Exception {
        VirtualClock clock = new VirtualClock(NOW, ZoneOffset.UTC);
        Topics topics = new Topics("gw-1");
        List<String> said = new CopyOnWriteArrayList<>();
        List<String> replies = new CopyOnWriteArrayList<>();
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), clock);
             Outbox outbox = Outbox.open(store.database(), topics, clock, OutboxLimits.DEFAULT);
             CapBook book = CapBook.open(store.database(), clock, CommandLimits.DEFAULT);
             CommandRouter router = CommandRouters.of(topics, caps, histories, book, store, outbox, clock,
                     (requestId, topic, payload, correlation) -> {
                         said.add(requestId);
                         return replies.add(new String(payload, StandardCharsets.UTF_8));
                     })) {
            router.handle(topics.capCommand(), bytes("{\"v\":1,\"id\":\"c-17\",\"pad\":\"" + PAD + "\"}"),
                    "orderly/v1/gw-1/replies/grid", null);

            assertThat(replies).hasSize(1);
            JsonNode reply = new ObjectMapper().readTree(replies.get(0));
            assertThat(reply.path("status").asText()).isEqualTo("rejected");
            assertThat(reply.path("requestId").asText()).isEqualTo("c-17");
            assertThat(said).containsExactly("c-17");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> Parsed.Bad<T> bad(Parsed<T> p) {
        assertThat(p).isInstanceOf(Parsed.Bad.class);
        return (Parsed.Bad<T>) p;
    }
}
