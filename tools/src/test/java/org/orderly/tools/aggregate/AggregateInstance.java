package org.orderly.tools.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.orderly.tools.aggregate.LineFile.Durability;

/** One aggregate instance in the test's JVM: the same classes `orderly aggregate` wires, on a loopback broker. */
final class AggregateInstance implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String clientId;
    final Path out;
    final Path journal;
    final Aggregator aggregator;
    private final AggregateClient client;

    AggregateInstance(String brokerUrl, String clientId, String group, Path dir) throws Exception {
        this(brokerUrl, clientId, group, dir, 0);
    }

    /** With a session the broker keeps {@code sessionExpirySeconds} after the connection ends. */
    AggregateInstance(String brokerUrl, String clientId, String group, Path dir, long sessionExpirySeconds)
            throws Exception {
        this(new BrokerSettings(brokerUrl, true, Optional.empty(), Optional.empty(), Optional.empty(), clientId, group,
                sessionExpirySeconds, BrokerSettings.ALL_KINDS), dir);
    }

    /** With the broker, TLS and session of {@code settings}. */
    AggregateInstance(BrokerSettings settings, Path dir) throws Exception {
        String clientId = settings.clientId();
        this.clientId = clientId;
        this.out = dir.resolve(clientId + ".csv");
        this.journal = dir.resolve(clientId + ".jsonl");
        this.aggregator = new Aggregator(clientId, Duration.ofMinutes(1), Duration.ofSeconds(15),
                Duration.ofMinutes(5), new LineFile(out, ExportFormat.CSV.header(), Durability.EACH_LINE),
                ExportFormat.CSV, AggregateCommand.openJournal(journal), Clock.systemUTC());
        this.client = AggregateClient.start(settings, aggregator);
    }

    Aggregator.Counters counters() {
        return aggregator.counters();
    }

    /** The journal's lines so far: every message this instance accepted. */
    List<JsonNode> journalled() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(journal)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    /** The seqs of the journal's lines so far, in the order they were accepted. */
    List<Long> journalledSeqs() {
        try {
            return journalled().stream().map(j -> j.get("seq").asLong()).toList();
        } catch (IOException e) {
            throw new IllegalStateException("reading " + journal, e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
        aggregator.close();
    }
}
