package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/** `orderly aggregate` run as a process of its own with its default options, and what its journal holds. */
final class AggregateProcess {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AggregateProcess() {
    }

    /**
     * Starts `orderly aggregate --broker {brokerUrl} --plaintext --out {dir}/load.csv --journal {journal}`, its output in
     * {@code log}, once it has joined its group.
     */
    static Process start(String brokerUrl, Path dir, Path journal, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.orderly.tools.OrderlyCommand", "aggregate", "--broker", brokerUrl, "--plaintext",
                "--out", dir.resolve("load.csv").toString(), "--journal", journal.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(30), () -> read(log).contains(": group ") || !p.isAlive());
        assertThat(p.isAlive()).as("aggregate process; its log: %s", read(log)).isTrue();
        return p;
    }

    /** The distinct seqs journalled (a crash may leave a last line unfinished). */
    static Set<Long> journalledSeqs(Path journal) {
        Set<Long> seqs = new TreeSet<>();
        try {
            if (!Files.exists(journal)) {
                return seqs;
            }
            for (String line : Files.readAllLines(journal)) {
                if (line.endsWith("}")) {
                    seqs.add(JSON.readTree(line).get("seq").asLong());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading " + journal, e);
        }
        return seqs;
    }

    /** The process's log so far, "" before it has one. */
    static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
