package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orderly.tools.aggregate.SharedSubscriptionTest.awaitTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;
import org.orderly.testkit.powercut.PowerCutFileSystem;
import org.orderly.tools.aggregate.LineFile.Durability;

/**
 * Two rare faults together (docs/aggregate.md, steps 3 and 6): a fresh store's {@code online}, held aside as a
 * duplicate by its number, whose journal line a failed force lost, and then its {@code store.numbered}, which takes it
 * from memory before the broker gives it again. The broker's copy is then a known duplicate; it must not be
 * acknowledged until the line that stands for the message is on the disk, or the journal has nothing of it. And the
 * merge of a journal in which a failed force put the event's line after the fresh store's.
 */
class HeldAsideForceFailureTest {
    private static final String GATEWAY = "gw-held-force";
    private static final String CLIENT = "held-force-instance";

    @TempDir
    Path dir;
    private PowerCutFileSystem disk;

    @BeforeEach
    void disk() throws IOException {
        disk = PowerCutFileSystem.over(Files.createDirectories(dir.resolve("disk")));
    }

    @Test
    void aHeldMessageWhoseLineAFailedForceLostIsJournalledWhenTheBrokerGivesItAgainAfterTheEvent() throws Exception {
        Stores at = Stores.fromNow();
        Instant now = at.now();
        long from = at.from();
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            Aggregator aggregator = aggregator();
            try (AggregateClient client = AggregateClient.start(settings(broker), aggregator);
                 GatewayPublisher gw = new GatewayPublisher(broker.url(), GATEWAY)) {
                for (long seq = at.old(); seq < at.old() + 10; seq++) {
                    gw.telemetry(GATEWAY, seq, at.before().plusSeconds(seq - at.old()));
                }
                awaitTrue(Duration.ofSeconds(20), () -> pubacks(broker) == 10);

                disk.fileForceFails(true);
                gw.publish(GatewayJson.topic(GATEWAY, "state"), GatewayJson.online(GATEWAY, from + 1,
                        now.minusSeconds(10), from + 2));
                // The online's line, held aside, is the eleventh written; a failed force has lost it.
                awaitTrue(Duration.ofSeconds(20), () -> aggregator.lineLost(11));
                disk.fileForceFails(false);
                // Before the broker gives the online again (the instance reconnects for it after 5 s).
                gw.publish(GatewayJson.topic(GATEWAY, "events"), GatewayJson.numbered(GATEWAY, from,
                        now.minusSeconds(10), from));
                awaitTrue(Duration.ofSeconds(60), () -> broker.log().contains("Sending PUBLISH to " + CLIENT + " (d1"));
                awaitTrue(Duration.ofSeconds(20), () -> allAcknowledged(broker));
                for (long seq = from + 3; seq <= from + 9; seq++) {
                    gw.telemetry(GATEWAY, seq, now.minusSeconds(from + 9 - seq));
                }
                awaitTrue(Duration.ofSeconds(20), () -> aggregator.counters().accepted() == 19
                        && allAcknowledged(broker));
            } finally {
                aggregator.close();
            }
        }
        assertThat(mergedAfterAPowerCut()).as("the old store's 10, the online, the event and 7")
                .allSatisfy(r -> {
                    assertThat(r.accepted()).isEqualTo(19);
                    assertThat(r.openGaps()).as("the online's number and the will it names").isZero();
                });
    }

    /**
     * The other order of the same faults: the event takes the held message while the force that covers its line is
     * still to come, and that force fails. The copy the broker gives again must wait for a line written again.
     */
    @Test
    void aHeldMessageTakenBeforeTheForceOfItsLineFailsWaitsForItsLineWrittenAgain() throws Exception {
        Stores at = Stores.fromNow();
        Instant now = at.now();
        long from = at.from();
        try (Aggregator aggregator = aggregator()) {
            oldStoreOnTheDisk(aggregator, at);
            byte[] online = bytes(GatewayJson.online(GATEWAY, from + 1, now.minusSeconds(10), from + 2));
            long held = aggregator.accept(GatewayJson.topic(GATEWAY, "state"), online).line();
            byte[] numbered = bytes(GatewayJson.numbered(GATEWAY, from, now.minusSeconds(10), from));
            aggregator.accept(GatewayJson.topic(GATEWAY, "events"), numbered);
            failedForce(aggregator);
            assertThat(aggregator.lineLost(held)).as("the online's held line, lost").isTrue();

            long again = aggregator.accept(GatewayJson.topic(GATEWAY, "state"), online).line();
            assertThat(again).as("the line the online's ack waits for, given again").isNotZero();
            aggregator.accept(GatewayJson.topic(GATEWAY, "events"), numbered);
            aggregator.force();
            assertThat(aggregator.lineLost(again)).isFalse();
            assertThat(aggregator.counters().accepted()).as("the old store's 10, the online and the event")
                    .isEqualTo(12);
        }
        assertThat(mergedAfterAPowerCut()).as("the old store's 10, the online and the event").allSatisfy(r -> {
            assertThat(r.accepted()).isEqualTo(12);
            assertThat(r.openGaps()).as("the online's number and the will it names").isZero();
        });
    }

    /**
     * The event's own line lost by a failed force, and a fresh store's message numbered as one of the old store's
     * taken after that force, its line on the disk and acknowledged: the event's line, written again when the broker
     * gives it again, follows that message's in the journal. The merge has to take the message at the event as the
     * instance did, not drop it as a duplicate of the old store's number.
     */
    @Test
    void aFreshStoresMessageJournalledBeforeItsEventWrittenAgainIsMergedAsTheInstanceTookIt() throws Exception {
        Stores at = Stores.fromNow();
        Instant now = at.now();
        long from = at.from();
        try (Aggregator aggregator = aggregator()) {
            oldStoreOnTheDisk(aggregator, at);
            byte[] numbered = bytes(GatewayJson.numbered(GATEWAY, from, now.minusSeconds(10), from));
            long event = aggregator.accept(GatewayJson.topic(GATEWAY, "events"), numbered).line();
            failedForce(aggregator);
            assertThat(aggregator.lineLost(event)).as("the event's line, lost").isTrue();
            long fresh = aggregator.accept(TelemetryJson.topic(GATEWAY), bytes(TelemetryJson.of(GATEWAY, from + 3,
                    now.minusSeconds(5), 1))).line();
            aggregator.force();
            assertThat(aggregator.lineLost(fresh)).as("the fresh store's telemetry, on the disk").isFalse();

            aggregator.accept(GatewayJson.topic(GATEWAY, "events"), numbered);
            aggregator.force();
            assertThat(aggregator.counters().accepted()).as("the old store's 10, the event and the fresh store's one")
                    .isEqualTo(12);
        }
        assertThat(mergedAfterAPowerCut()).as("the old store's 10, the event and the fresh store's one")
                .allSatisfy(r -> assertThat(r.accepted()).isEqualTo(12));
    }

    /** The old store's ten telemetry messages, taken and forced. */
    private static void oldStoreOnTheDisk(Aggregator aggregator, Stores at) throws IOException {
        for (long seq = at.old(); seq < at.old() + 10; seq++) {
            aggregator.accept(TelemetryJson.topic(GATEWAY), bytes(TelemetryJson.of(GATEWAY, seq,
                    at.before().plusSeconds(seq - at.old()), 1)));
        }
        aggregator.force();
    }

    /** The journal's rows merged once the power went (what was not forced lost), at least one. */
    private List<BucketRow> mergedAfterAPowerCut() throws Exception {
        disk.cut(PowerCutFileSystem.Cut.NAMES_LOST);
        List<BucketRow> merged = JournalMerge.merge(List.of(dir.resolve("disk/journal.jsonl")), Duration.ofMinutes(1));
        assertThat(merged).as("the journal after a power cut, merged").isNotEmpty();
        return merged;
    }

    /** A force of the journal fails, as on a disk that reports an I/O error; the next one goes through. */
    private void failedForce(Aggregator aggregator) {
        disk.fileForceFails(true);
        assertThatThrownBy(aggregator::force).isInstanceOf(IOException.class);
        disk.fileForceFails(false);
    }

    private Aggregator aggregator() throws IOException {
        return new Aggregator(CLIENT, Duration.ofMinutes(1), Duration.ofSeconds(15), Duration.ofMinutes(5),
                new LineFile(dir.resolve("load.csv"), ExportFormat.CSV.header(), Durability.EACH_LINE),
                ExportFormat.CSV, AggregateCommand.openJournal(disk.path("journal.jsonl")), Clock.systemUTC());
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** How many PUBACKs the broker has had from the instance. */
    private static long pubacks(Mosquitto broker) {
        return broker.log().lines().filter(l -> l.contains("Received PUBACK from " + CLIENT)).count();
    }

    /**
     * The broker has had a PUBACK for every message it sent the instance: one for each first sending (a sending again
     * carries the DUP flag, d1, and shares its message's PUBACK).
     */
    private static boolean allAcknowledged(Mosquitto broker) {
        List<String> log = broker.log().lines().toList();
        long sent = log.stream().filter(l -> l.contains("Sending PUBLISH to " + CLIENT + " (d0")).count();
        return sent == pubacks(broker);
    }

    private static BrokerSettings settings(Mosquitto broker) {
        return new BrokerSettings(broker.url(), true, Optional.empty(), Optional.empty(), Optional.empty(), CLIENT,
                "held-force", 300, BrokerSettings.ALL_KINDS);
    }
}
