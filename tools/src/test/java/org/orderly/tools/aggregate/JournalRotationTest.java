package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;
import org.orderly.tools.aggregate.LineFile.Durability;

/**
 * logrotate's way (docs/aggregate.md, "Rotating the journal"): the journal and the dead-letter file are renamed while
 * messages flow from Mosquitto, and the instance goes on in a new file at the same path. Every message the instance
 * acknowledged is in exactly one of the two journals (the broker gives nothing again when the session is resumed), and
 * the merge over both files gives the rows of the merge over the one file they make together.
 */
class JournalRotationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GATEWAYS = 4;
    private static final int PER_GATEWAY = 500;
    private static final int REJECTED = 20;

    @TempDir
    Path dir;

    @Test
    void aJournalMovedAwayWhileMessagesFlowIsFollowedByANewOneAndNothingIsLostOrTwice() throws Exception {
        Path journal = dir.resolve("agg.jsonl");
        Path deadLetter = dir.resolve("agg.jsonl.dead-letter");
        Path journalBefore = dir.resolve("agg.jsonl.1");
        Path deadLetterBefore = dir.resolve("agg.jsonl.dead-letter.1");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            Aggregator agg = aggregator(dir.resolve("rows.csv"), journal, deadLetter);
            AtomicReference<Throwable> publishing = new AtomicReference<>();
            Thread publisher = new Thread(() -> publishAll(broker.url(), publishing), "rotation-publisher");
            try (AggregateClient client = AggregateClient.start(settings(broker), agg)) {
                publisher.start();
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(30), () -> agg.counters().accepted() >= 300
                        && agg.counters().rejected() >= 2);
                // logrotate's default: rename, then (here: nocreate) leave the path to the program.
                Files.move(journal, journalBefore, StandardCopyOption.ATOMIC_MOVE);
                Files.move(deadLetter, deadLetterBefore, StandardCopyOption.ATOMIC_MOVE);
                Files.move(dir.resolve("rows.csv"), dir.resolve("rows.csv.1"), StandardCopyOption.ATOMIC_MOVE);
                agg.reopenMoved(); // as `orderly aggregate` does every second
                assertThat(agg.counters().accepted()).as("messages still to come after the move")
                        .isLessThan(GATEWAYS * PER_GATEWAY);
                publisher.join(120_000);
                assertThat(publishing.get()).as("publishing").isNull();
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(60), () -> agg.counters().accepted()
                        == GATEWAYS * PER_GATEWAY && agg.counters().rejected() == REJECTED);
                assertThat(journal).as("a new journal at the path after the move").exists();
                assertThat(deadLetter).as("a new dead-letter file at the path after the move").exists();
            } finally {
                agg.close();
            }

            // Resumed, the session gives again whatever was not acknowledged, before a message published now.
            Path after = dir.resolve("after.jsonl");
            Aggregator again = aggregator(dir.resolve("after.csv"), after, dir.resolve("after.dead-letter"));
            try (AggregateClient client = AggregateClient.start(settings(broker), again);
                 GatewayPublisher marker = new GatewayPublisher(broker.url(), "rotation-marker")) {
                marker.telemetry("gw-marker", 1, Instant.now());
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> again.counters().accepted() >= 1);
            } finally {
                again.close();
            }
            assertThat(ids(after)).as("given again: not acknowledged before").containsExactly("gw-marker:1");
        }

        assertThat(Files.readAllLines(dir.resolve("rows.csv.1"))).containsExactly(ExportFormat.CSV.header());
        assertThat(Files.readAllLines(dir.resolve("rows.csv"))).first().isEqualTo(ExportFormat.CSV.header());
        assertThat(Files.readAllLines(dir.resolve("rows.csv"))).as("the rows written at the close")
                .hasSizeGreaterThan(1);

        List<String> before = ids(journalBefore);
        List<String> since = ids(journal);
        assertThat(before).as("lines before the move").isNotEmpty();
        assertThat(since).as("lines after the move").isNotEmpty();
        Map<String, Integer> copies = new HashMap<>();
        before.forEach(id -> copies.merge(id, 1, Integer::sum));
        since.forEach(id -> copies.merge(id, 1, Integer::sum));
        assertThat(copies).hasSize(GATEWAYS * PER_GATEWAY).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(Files.readAllLines(deadLetterBefore).size() + Files.readAllLines(deadLetter).size())
                .isEqualTo(REJECTED);

        Path whole = dir.resolve("whole.jsonl");
        Files.write(whole, Files.readAllBytes(journalBefore));
        Files.write(whole, Files.readAllBytes(journal), java.nio.file.StandardOpenOption.APPEND);
        List<BucketRow> fromBoth = JournalMerge.merge(List.of(journalBefore, journal), Duration.ofMinutes(1));
        List<BucketRow> fromOne = JournalMerge.merge(List.of(whole), Duration.ofMinutes(1));
        assertThat(fromBoth).isNotEmpty().isEqualTo(fromOne);
        assertThat(JournalMerge.merge(List.of(journal, journalBefore), Duration.ofMinutes(1)))
                .as("the files in any order").isEqualTo(fromOne);
        assertThat(fromBoth.get(fromBoth.size() - 1).accepted()).isEqualTo(GATEWAYS * PER_GATEWAY);
        assertThat(fromBoth.get(fromBoth.size() - 1).openGaps()).isZero();
        assertThat(fromBoth.get(fromBoth.size() - 1).duplicates()).isZero();
    }

    /** Every gateway's numbers 1..PER_GATEWAY in turn, now and then a message that is rejected (dead-letter). */
    private static void publishAll(String url, AtomicReference<Throwable> failure) {
        try (GatewayPublisher p = new GatewayPublisher(url, "rotation-gateways")) {
            int sent = 0;
            for (int seq = 1; seq <= PER_GATEWAY; seq++) {
                for (int g = 0; g < GATEWAYS; g++) {
                    p.telemetry("gw-r" + g, seq, Instant.now());
                    if (++sent % (GATEWAYS * PER_GATEWAY / REJECTED) == 0) {
                        p.publish(TelemetryJson.topic("gw-r" + g), "{\"v\":1,\"type\":\"telemetry\"}");
                    }
                }
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    private static List<String> ids(Path journal) {
        List<String> ids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(journal)) {
                ids.add(JSON.readTree(line).get("id").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    private static Aggregator aggregator(Path export, Path journal, Path deadLetter) throws IOException {
        return new Aggregator("rotation", Duration.ofMinutes(1), Duration.ofSeconds(15), Duration.ofMinutes(5),
                new LineFile(export, ExportFormat.CSV.header(), Durability.EACH_LINE), ExportFormat.CSV,
                AggregateCommand.openJournal(journal), AggregateCommand.openJournal(deadLetter), Clock.systemUTC());
    }

    private static BrokerSettings settings(Mosquitto broker) {
        return new BrokerSettings(broker.url(), true, Optional.empty(), Optional.empty(), Optional.empty(),
                "rotation", "rotation", 300, BrokerSettings.ALL_KINDS);
    }
}
