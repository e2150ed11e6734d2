package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/**
 * A fresh store's {@code online}, numbered as one heard of the old store and sent before its {@code store.numbered},
 * is held aside as a duplicate by its number until the event says the numbers begin again (docs/aggregate.md, step 3).
 * The broker has its acknowledgement by then; `orderly aggregate` killed (SIGKILL) while it is held must not lose it:
 * its line is in the journal, and the merge takes it when the event comes, also to the next run.
 */
class HeldAsideCrashTest {
    private static final String GATEWAY = "gw-held-crash";

    @TempDir
    Path dir;

    @Test
    void aMessageHeldAsideAndAcknowledgedSurvivesAKillOfTheInstance() throws Exception {
        Stores at = Stores.fromNow();
        Instant now = at.now();
        Instant before = at.before();
        long old = at.old();
        long from = at.from();
        Path journal = dir.resolve("journal.jsonl");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            GatewayPublisher gw = new GatewayPublisher(broker.url(), GATEWAY);
            Process run = AggregateProcess.start(broker.url(), dir, journal, dir.resolve("run-1.log"));
            try {
                for (long seq = old; seq < old + 10; seq++) {
                    gw.telemetry(GATEWAY, seq, before.plusSeconds(seq - old));
                }
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20),
                        () -> AggregateProcess.journalledSeqs(journal).size() == 10);
                gw.publish(GatewayJson.topic(GATEWAY, "state"), GatewayJson.online(GATEWAY, from + 1,
                        now.minusSeconds(10), from + 2));
                // Killed only once the broker has the online's acknowledgement: it would give it again otherwise.
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> allAcknowledged(broker));
                run.destroyForcibly(); // SIGKILL: a crash
                assertThat(run.waitFor(20, TimeUnit.SECONDS)).as("run 1 killed").isTrue();

                run = AggregateProcess.start(broker.url(), dir, journal, dir.resolve("run-2.log"));
                gw.publish(GatewayJson.topic(GATEWAY, "events"), GatewayJson.numbered(GATEWAY, from,
                        now.minusSeconds(10), from));
                for (long seq = from + 3; seq <= from + 9; seq++) {
                    gw.telemetry(GATEWAY, seq, now.minusSeconds(from + 9 - seq));
                }
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20),
                        () -> AggregateProcess.journalledSeqs(journal).contains(from + 9));
                run.destroy();
                assertThat(run.waitFor(20, TimeUnit.SECONDS)).as("run 2 stopped").isTrue();
            } finally {
                run.destroyForcibly();
                gw.close();
            }
        }
        assertThat(Files.readAllLines(journal)).as("the journal").anySatisfy(line -> assertThat(line)
                .contains("\"id\":\"" + GATEWAY + ":" + (from + 1) + "\"", "\"type\":\"state\"", "\"held\":true"));
        List<BucketRow> merged = JournalMerge.merge(List.of(journal), Duration.ofMinutes(1));
        assertThat(merged).as("the journal, merged: the old store's 10, the online, the event and 7").isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.accepted()).isEqualTo(19);
                    assertThat(r.duplicates()).isZero();
                    assertThat(r.openGaps()).as("the online's number and the will it names").isZero();
                });
    }

    /** Every message the broker sent an instance of the group has been acknowledged, the online's among them. */
    private static boolean allAcknowledged(Mosquitto broker) {
        List<String> log = broker.log().lines().toList();
        long stateSent = log.stream().filter(l -> l.contains("Sending PUBLISH to aggregate-")
                && l.contains("'orderly/v1/" + GATEWAY + "/state'")).count();
        long sent = log.stream().filter(l -> l.contains("Sending PUBLISH to aggregate-")).count();
        long acked = log.stream().filter(l -> l.contains("Received PUBACK from aggregate-")).count();
        return stateSent > 0 && acked == sent;
    }
}
