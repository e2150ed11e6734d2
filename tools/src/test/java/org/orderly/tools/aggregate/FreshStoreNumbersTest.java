package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/**
 * A gateway whose store the operator deleted or moved aside numbers its fresh store from the clock's milliseconds and
 * says so in its first message, a {@code store.numbered} event naming {@code seqFrom} (docs/upstream.md, "events"):
 * the jump from the old store's last number is counted as skipped on purpose, not as lost messages.
 */
class FreshStoreNumbersTest {
    private static final Instant TS = Instant.parse("2026-12-05T06:00:00Z");
    /** The old store's first number, {@link #TS}'s milliseconds. */
    private static final long OLD = TS.toEpochMilli();
    /** When the fresh store, an hour after the old one's first message, sends. */
    private static final Instant LATER = TS.plusSeconds(3600);
    private final MessageValidator validator = new MessageValidator();
    private final SeqTracker seqs = new SeqTracker();
    @TempDir
    Path dir;

    @Test
    void theJumpToAFreshStoresFirstNumberIsSkippedNotMissing() {
        long from = TS.toEpochMilli();
        for (long seq = 1; seq <= 5; seq++) {
            seqs.see("gw", seq);
        }
        // The fresh store's online is published at connect, before its first message, the event, reaches the grid.
        seqs.see("gw", from + 1);
        assertThat(seqs.openGaps()).as("6 .. the event's number, until the event arrives").isEqualTo(from - 5);
        Inbound said = validator.check(GatewayJson.topic("gw", "events"), GatewayJson.numbered("gw", from, TS, from)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(said).isInstanceOf(Inbound.SkipNotice.class);
        Skipped skipped = ((Inbound.SkipNotice) said).skipped();
        assertThat(skipped).isEqualTo(new Skipped(SkipReason.STORE_NUMBERED, 0, from - 1));
        assertThat(seqs.see("gw", from)).isEqualTo(SeqTracker.Outcome.FILLS_GAP);
        seqs.explain("gw", skipped);
        assertThat(seqs.openGaps()).as("nothing lost").isZero();
        assertThat(seqs.skips().storeMovedAside()).as("the jump, 6 .. from - 1").isEqualTo(from - 6);
    }

    /**
     * A fresh store begun while the clock was not set numbers from its floor's milliseconds plus 2^51 and a random
     * offset; a store begun after it with the clock set numbers from the clock's milliseconds, below: inside the jump
     * the first announced, its numbers are taken as late arrivals in it, none dropped as a duplicate, none lost.
     */
    @Test
    void aStoreBegunBelowAnUnsetClocksStoreFillsItsJump() {
        long unset = TS.toEpochMilli() + (1L << 51) + 123_456_789L;
        for (long seq = 1; seq <= 5; seq++) {
            seqs.see("gw", seq);
        }
        assertThat(seqs.see("gw", unset)).isEqualTo(SeqTracker.Outcome.FRESH);
        seqs.explain("gw", skippedBy(GatewayJson.numbered("gw", unset, TS, unset)));
        seqs.see("gw", unset + 1);
        assertThat(seqs.openGaps()).as("the unset clock's store's jump is no loss").isZero();
        assertThat(seqs.skips().storeMovedAside()).isEqualTo(unset - 6);

        long set = TS.plusSeconds(86_400).toEpochMilli();
        assertThat(seqs.see("gw", set)).as("the clock set store's first number").isEqualTo(SeqTracker.Outcome.FILLS_GAP);
        seqs.explain("gw", skippedBy(GatewayJson.numbered("gw", set, TS, set)));
        assertThat(seqs.see("gw", set + 1)).isEqualTo(SeqTracker.Outcome.FILLS_GAP);
        assertThat(seqs.openGaps()).as("nothing lost").isZero();
        assertThat(seqs.skips().storeMovedAside()).as("the jump less the two numbers that arrived in it")
                .isEqualTo(unset - 8);
    }

    /**
     * Numbers rise within one store only (docs/upstream.md, "The envelope"). An instance that first hears a gateway
     * while its store begun with the clock not set numbers from far above the clock's milliseconds, then hears the
     * store replaced by one begun with the clock set, numbered below everything it heard: the fresh store's
     * {@code online} first, then its {@code store.numbered}, then the rest. Until 2026-12-05 the range from the fresh
     * store's numbers up to the lowest number heard of the old one (some 2^51 numbers) was counted in
     * {@code openGaps}, lost messages, for as long as the instance ran.
     */
    @Test
    void aFreshStoreNumberedBelowTheStoreFirstHeardCountsNothingLost() {
        long unset = TS.toEpochMilli() + (1L << 51) + 123_456_789L;
        for (long seq = unset + 40; seq <= unset + 45; seq++) {
            assertThat(seqs.see("gw", seq)).isEqualTo(SeqTracker.Outcome.FRESH);
        }
        long set = TS.plusSeconds(86_400).toEpochMilli();
        assertThat(seqs.see("gw", set + 1)).as("the fresh store's online").isEqualTo(SeqTracker.Outcome.FRESH);
        assertThat(seqs.see("gw", set)).as("its store.numbered").isEqualTo(SeqTracker.Outcome.FRESH);
        Skipped skipped = skippedBy(GatewayJson.numbered("gw", set, TS, set));
        seqs.explain("gw", skipped);
        for (long seq = set + 2; seq <= set + 4; seq++) {
            assertThat(seqs.see("gw", seq)).as("the fresh store's %d, no duplicate", seq - set)
                    .isEqualTo(SeqTracker.Outcome.FILLS_GAP);
        }
        assertThat(seqs.openGaps()).as("nothing lost").isZero();
        assertThat(seqs.skips().storeMovedAside()).as("from the fresh store's last number heard to the old store's"
                + " lowest").isEqualTo(unset + 40 - (set + 5));
        assertThat(seqs.see("gw", set + 6)).as("a later message of the fresh store, taken out of the jump").isEqualTo(
                SeqTracker.Outcome.FILLS_GAP);
        assertThat(seqs.skips().storeMovedAside()).isEqualTo(unset + 40 - (set + 5) - 1);
    }

    /**
     * A fresh store (deleted, moved aside, or restored from a backup with {@code orderly restore}) numbers from the
     * clock's milliseconds; a clock behind where it was when the old store began puts them among the old store's
     * numbers heard. Its {@code store.numbered} says the numbers begin again there: numbers from it up are the fresh
     * store's, taken, none dropped as a duplicate; a copy of the old store's message given again after it (QoS 1, same
     * number and {@code ts}) is a duplicate, as is a copy of the event. Until 2026-12-05 the event and every message of
     * the fresh store numbered at or below the old store's highest heard were dropped as duplicates.
     */
    @Test
    void aFreshStoreNumberedAmongTheOldStoresNumbersIsTakenNotDroppedAsDuplicates() {
        long old = TS.toEpochMilli();
        for (long seq = old; seq <= old + 20; seq++) {
            assertThat(seqs.see("gw", seq, TS.plusSeconds(seq - old), false, null)).isEqualTo(SeqTracker.Outcome.FRESH);
        }
        long from = old + 5;
        Instant later = TS.plusSeconds(3600);
        Skipped numbered = skippedBy(GatewayJson.numbered("gw", from, later, from));
        assertThat(seqs.outcome("gw", from, later, numbered)).as("the event").isEqualTo(SeqTracker.Outcome.FRESH);
        assertThat(seqs.see("gw", from, later, false, numbered)).isEqualTo(SeqTracker.Outcome.FRESH);
        seqs.explain("gw", numbered);
        for (long seq = from + 1; seq <= from + 30; seq++) {
            if (seq == from + 6) {
                assertThat(seqs.see("gw", old + 20, TS.plusSeconds(20), false, null))
                        .as("the old store's last (the fresh store's %d), given again", old + 20 - from)
                        .isEqualTo(SeqTracker.Outcome.DUPLICATE);
            }
            Instant ts = later.plusSeconds(seq - from);
            assertThat(seqs.outcome("gw", seq, ts, null)).as("the fresh store's %d", seq - from)
                    .isEqualTo(SeqTracker.Outcome.FRESH);
            assertThat(seqs.see("gw", seq, ts, false, null)).isEqualTo(SeqTracker.Outcome.FRESH);
        }
        assertThat(seqs.see("gw", from, later, false, numbered)).as("the event, given again")
                .isEqualTo(SeqTracker.Outcome.DUPLICATE);
        assertThat(seqs.see("gw", from + 30, later.plusSeconds(30), false, null)).as("the fresh store's, given again")
                .isEqualTo(SeqTracker.Outcome.DUPLICATE);
        assertThat(seqs.see("gw", old + 4, TS.plusSeconds(4), false, null)).as("the old store's below the fresh one's")
                .isEqualTo(SeqTracker.Outcome.DUPLICATE);
        assertThat(seqs.openGaps()).as("nothing lost").isZero();
        assertThat(seqs.skips()).as("no jump: the numbers began again among those heard").isEqualTo(Skips.NONE);
    }

    /**
     * The same end to end: a gateway's old store, then its fresh store numbered among the old one's numbers, through
     * Mosquitto to an instance with a journal, and the journal merged. Until 2026-12-05 the instance dropped the event
     * and the fresh store's first five, numbered as old ones heard, as duplicates: accepted 14, duplicates 7.
     */
    @Test
    void aFreshStoreAmongTheOldStoresNumbersThroughTheBroker(@TempDir Path dir) throws Exception {
        Stores at = Stores.fromNow();
        AggregateInstance agg = throughTheBroker(dir, "gw-renumbered", at.before(), 21, gw -> {
            // The store deleted while the gateway was stopped, its clock now behind where it was: the fresh store's
            // numbers begin among the old one's.
            gw.publish(GatewayJson.topic("gw-renumbered", "events"),
                    GatewayJson.numbered("gw-renumbered", at.from(), at.now(), at.from()));
            for (long seq = at.from() + 1; seq <= at.from() + 9; seq++) {
                if (seq == at.from() + 3) {
                    // The old store's last message (numbered as the fresh store's fifth) given again, as the broker
                    // gives a copy that was in flight.
                    gw.telemetry("gw-renumbered", at.old() + 9, at.before().plusSeconds(9));
                }
                gw.telemetry("gw-renumbered", seq, at.now().minusSeconds(at.from() + 9 - seq));
            }
        });
        Aggregator.Counters c = agg.counters();
        assertThat(c.accepted()).as("the old store's 10, the event and the fresh store's 9: %s", c).isEqualTo(20);
        assertThat(c.duplicates()).as("the old store's copy").isEqualTo(1);
        assertThat(c.openGaps()).isZero();
        assertThat(agg.journalledSeqs()).as("journalled").containsExactlyElementsOf(LongStream.concat(
                LongStream.range(at.old(), at.old() + 10), LongStream.rangeClosed(at.from(), at.from() + 9)).boxed()
                .toList());
        assertThat(agg.journalled()).filteredOn(j -> j.path("seq").asLong() == at.from() + 5)
                .extracting(j -> j.path("ts").asText()).as("the old store's and the fresh store's, not the copy")
                .containsExactly(at.before().plusSeconds(9).toString(), at.now().minusSeconds(4).toString());
        assertMergedSays(agg, 20);
    }

    /**
     * The fresh store's {@code online} is published at connect, before its first message, the {@code store.numbered}
     * event, reaches the grid: numbered among the old store's numbers heard, it arrives before anything says the
     * numbers begin again. Its number heard, it is no copy of the old store's message (another {@code ts}): held aside,
     * and taken once the event says the numbers begin again at or below it. Until 2026-12-05 it was dropped as a
     * duplicate, and its number, and the will it named, then counted as lost.
     */
    @Test
    void aFreshStoresOnlineBeforeItsEventAmongTheOldStoresNumbersIsTaken() throws Exception {
        Aggregator.Counters c = oldThenFresh(-1, OLD + 5, agg -> { });
        assertThat(c.accepted()).as("the old store's 21, the online, the event and 8: %s", c).isEqualTo(31);
        assertThat(c.duplicates()).isZero();
        assertThat(c.openGaps()).as("nothing lost; the will the online names is held").isZero();
    }

    /**
     * A message numbered as one heard, with another {@code ts} than any heard, but stamped before the fresh store's
     * event: a copy of the old store's heard longer ago, not one the fresh store sent before its event (stamped after
     * it, by the same clock). It stays a duplicate when the event begins the numbers again below it, and the fresh
     * store's message of that number is taken.
     */
    @Test
    void anOldCopyHeldAsideBeforeTheEventStaysADuplicate() throws Exception {
        long from = OLD + 5;
        Aggregator.Counters c = oldThenFresh(-1, from,
                agg -> agg.accept(TelemetryJson.topic("gw"), telemetry(from + 3, TS.plusSeconds(-10)), false));
        assertThat(c.duplicates()).as("the old copy").isEqualTo(1);
        List<String> lines = Files.readAllLines(dir.resolve("journal.jsonl")).stream()
                .filter(l -> l.contains("\"seq\":" + (from + 3) + ",")).toList();
        assertThat(lines).as("the old store's %d, the old copy held aside, and the fresh store's 3", from + 3 - OLD)
                .hasSize(3);
        assertThat(lines.get(1)).as("the old copy, journalled held before its ack").contains("\"held\":true");
        assertThat(lines.get(2)).as("the fresh store's").contains(LATER.plusSeconds(3).toString())
                .doesNotContain("held");
    }

    /**
     * The limit (docs/aggregate.md, step 3): a message of the old store that reaches this instance only after the
     * fresh store's event (it went to a peer first, or its journal line failed and the broker gives it again), numbered
     * from {@code seqFrom} up, cannot be told from the fresh store's: the envelope carries no store identity, and its
     * {@code ts}, from a clock that was ahead then, is no earlier. It is taken as the fresh store's, and the fresh
     * store's message of that number then dropped as a duplicate. Pinned so that a change of it is seen.
     */
    @Test
    void anOldStoresMessageArrivingAfterTheEventIsTakenAsTheFreshStores() {
        long old = TS.toEpochMilli();
        long late = old + 12;
        for (long seq = old; seq <= old + 20; seq++) {
            if (seq != late) {
                seqs.see("gw", seq, TS.plusSeconds(seq - old), false, null);
            }
        }
        long from = old + 5;
        Instant later = TS.plusSeconds(3600);
        Skipped numbered = skippedBy(GatewayJson.numbered("gw", from, later, from));
        assertThat(seqs.see("gw", from, later, false, numbered)).isEqualTo(SeqTracker.Outcome.FRESH);
        seqs.explain("gw", numbered);
        assertThat(seqs.see("gw", late, TS.plusSeconds(late - old), false, null))
                .as("the old store's %d, after the event", late - old).isEqualTo(SeqTracker.Outcome.FRESH);
        for (long seq = from + 1; seq <= late; seq++) {
            assertThat(seqs.see("gw", seq, later.plusSeconds(seq - from), false, null))
                    .as("the fresh store's %d", seq - from)
                    .isEqualTo(seq == late ? SeqTracker.Outcome.DUPLICATE : SeqTracker.Outcome.FILLS_GAP);
        }
        assertThat(seqs.openGaps()).as("the old store's %d, counted missing at the event, though it came (as the"
                + " fresh store's)", late - old).isEqualTo(1);
    }

    /**
     * The fresh store's {@code online}, sent before its event, numbered where the old store's number was missing: it
     * fills that gap when it comes, and once the event says the numbers begin again below it, it is the fresh store's
     * (the newest arrival just above the event's number, stamped after it), not forgotten with the old store's
     * numbers: no gap is counted where it was.
     */
    @Test
    void aFreshStoresOnlineInAGapOfTheOldStoreBeforeItsEventStaysHeard() throws Exception {
        long from = OLD + 5;
        Aggregator.Counters c = oldThenFresh(from + 1, from, agg -> { });
        assertThat(c.accepted()).as("the old store's 20, the online, the event and 8: %s", c).isEqualTo(30);
        assertThat(c.duplicates()).isZero();
        assertThat(c.openGaps()).as("the online's number heard, its will held").isZero();
    }

    /**
     * The fresh store's {@code online} before its event, numbered as one of the old store's heard, through Mosquitto
     * to an instance with a journal, and the journal merged: the {@code online} is journalled when it comes, marked
     * held (on the disk before its ack), and the merge takes it at the event, which said the numbers begin again, as
     * the instance did.
     */
    @Test
    void aFreshStoresOnlineBeforeItsEventThroughTheBroker(@TempDir Path dir) throws Exception {
        Stores at = Stores.fromNow();
        AggregateInstance agg = throughTheBroker(dir, "gw-online-first", at.before(), 19, gw -> {
            gw.publish(GatewayJson.topic("gw-online-first", "state"),
                    GatewayJson.online("gw-online-first", at.from() + 1, at.now().minusSeconds(10), at.from() + 2));
            gw.publish(GatewayJson.topic("gw-online-first", "events"),
                    GatewayJson.numbered("gw-online-first", at.from(), at.now().minusSeconds(10), at.from()));
            for (long seq = at.from() + 3; seq <= at.from() + 9; seq++) {
                gw.telemetry("gw-online-first", seq, at.now().minusSeconds(at.from() + 9 - seq));
            }
        });
        Aggregator.Counters c = agg.counters();
        assertThat(c.accepted()).as("the old store's 10, the online, the event and 7: %s", c).isEqualTo(19);
        assertThat(c.duplicates()).isZero();
        assertThat(c.openGaps()).as("the will the online names is held").isZero();
        assertThat(agg.journalledSeqs()).as("journalled, the online held before the event").containsExactlyElementsOf(
                LongStream.concat(LongStream.range(at.old(), at.old() + 10), LongStream.concat(
                        LongStream.of(at.from() + 1, at.from()), LongStream.rangeClosed(at.from() + 3, at.from() + 9)))
                        .boxed().toList());
        assertMergedSays(agg, 19);
    }

    /**
     * A fresh store's {@code store.numbered} whose own number lies in a gap of the old store's numbers heard (never
     * heard, so no copy): the numbers begin again there as for one heard. Until 2026-12-05 it filled the gap as the
     * old store's, and the fresh store's messages numbered as the old store's heard were dropped as duplicates.
     */
    @Test
    void aFreshStoreNumberedInAGapOfTheOldStoresNumbersIsTaken() throws Exception {
        long from = OLD + 5;
        Aggregator.Counters c = oldThenFresh(from, from,
                agg -> assertThat(agg.counters().openGaps()).as("the old store's %d", from - OLD).isEqualTo(1));
        assertThat(c.accepted()).as("the old store's 20, the online, the event and 8: %s", c).isEqualTo(30);
        assertThat(c.duplicates()).isZero();
        assertThat(c.openGaps()).as("the old store's %d, missing, and nothing of the fresh store", from - OLD)
                .isEqualTo(1);
    }

    /**
     * The ordinary jump: a fresh store numbered above all heard, its {@code online} first, opening a gap up to the
     * event's own number, which fills it. That is no fresh store numbered in a gap of the old one's: the numbers
     * heard above the event's are the fresh store's own, arrived just before.
     */
    @Test
    void aFreshStoreAboveAllHeardWithItsOnlineFirstIsTheJump() throws Exception {
        long from = OLD + 1000;
        Aggregator.Counters c = oldThenFresh(-1, from, agg -> { });
        assertThat(c.accepted()).isEqualTo(31);
        assertThat(c.openGaps()).isZero();
        assertThat(c.skipped().storeMovedAside()).as("the jump").isEqualTo(from - OLD - 21);
    }

    /**
     * A gateway's two stores through the broker: the old one's numbers from {@code before}'s milliseconds ({@code old}),
     * ten minutes before {@code now}; the fresh one's from {@code old + 4}, among them.
     */
    /** What a gateway's fresh store sends. */
    @FunctionalInterface
    private interface Sends {
        void to(GatewayPublisher gw) throws Exception;
    }

    /**
     * Through Mosquitto to an instance with a journal: the old store's ten messages, numbered from {@code before}'s
     * milliseconds and stamped a second apart from it, then what {@code fresh} sends; the instance, closed once it
     * received {@code total}.
     */
    private static AggregateInstance throughTheBroker(Path dir, String gateway, Instant before, int total, Sends fresh)
            throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            AggregateInstance agg = new AggregateInstance(broker.url(), gateway + "-agg", gateway, dir);
            GatewayPublisher gw = new GatewayPublisher(broker.url(), gateway);
            try {
                long old = before.toEpochMilli();
                for (long seq = old; seq < old + 10; seq++) {
                    gw.telemetry(gateway, seq, before.plusSeconds(seq - old));
                }
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.counters().received() == 10);
                fresh.to(gw);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.counters().received() == total);
            } finally {
                gw.close();
                agg.close();
            }
            return agg;
        }
    }

    /** The instance's journal, merged, says what the instance did: all taken, nothing a duplicate, nothing lost. */
    private static void assertMergedSays(AggregateInstance agg, long accepted) throws Exception {
        List<BucketRow> merged = JournalMerge.merge(List.of(agg.journal), Duration.ofMinutes(1));
        assertThat(merged).as("the journal, merged, says the same").isNotEmpty().allSatisfy(r -> {
            assertThat(r.accepted()).isEqualTo(accepted);
            assertThat(r.duplicates()).isZero();
            assertThat(r.openGaps()).isZero();
        });
    }

    /** What a test does to the aggregator between the old store's messages and the fresh store's. */
    @FunctionalInterface
    private interface Between {
        void at(Aggregator agg) throws Exception;
    }

    /**
     * Through an aggregator whose clock is a minute past {@link #LATER}: the old store's messages ({@link #oldStore},
     * from {@link #OLD}, but {@code missing}), what {@code between} does, then a fresh store beginning at {@code from}
     * ({@link #freshStoreOnlineFirst}, at {@link #LATER}). The counters once all is taken; the journal is in dir.
     */
    private Aggregator.Counters oldThenFresh(long missing, long from, Between between) throws Exception {
        try (Aggregator agg = aggregator(LATER.plusSeconds(60))) {
            oldStore(agg, OLD, missing);
            between.at(agg);
            freshStoreOnlineFirst(agg, from, LATER);
            return agg.counters();
        }
    }

    /** The old store's messages {@code old..old + 20}, but {@code missing} (-1: none), stamped a second apart. */
    private static void oldStore(Aggregator agg, long old, long missing) throws IOException {
        for (long seq = old; seq <= old + 20; seq++) {
            if (seq != missing) {
                agg.accept(TelemetryJson.topic("gw"), telemetry(seq, TS.plusSeconds(seq - old)), false);
            }
        }
    }

    /**
     * A fresh store beginning at {@code from}, as a gateway sends it: its {@code online} ({@code from + 1}, naming the
     * will {@code from + 2}) first, published at connect, then its {@code store.numbered}, then telemetry
     * {@code from + 3 .. from + 10}.
     */
    private static void freshStoreOnlineFirst(Aggregator agg, long from, Instant later) throws IOException {
        agg.accept(GatewayJson.topic("gw", "state"), bytes(GatewayJson.online("gw", from + 1, later, from + 2)), false);
        agg.accept(GatewayJson.topic("gw", "events"), bytes(GatewayJson.numbered("gw", from, later, from)), false);
        for (long seq = from + 3; seq <= from + 10; seq++) {
            agg.accept(TelemetryJson.topic("gw"), telemetry(seq, later.plusSeconds(seq - from)), false);
        }
    }

    private Aggregator aggregator(Instant now) throws Exception {
        return new Aggregator("fresh", Duration.ofMinutes(1), Duration.ofSeconds(15),
                new TsBounds(Duration.ofMinutes(5), Duration.ofHours(192)),
                new LineFile(dir.resolve("load.csv"), ExportFormat.CSV.header(), LineFile.Durability.NONE),
                ExportFormat.CSV, new LineFile(dir.resolve("journal.jsonl"), null, LineFile.Durability.NONE), null,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static byte[] telemetry(long seq, Instant ts) {
        return bytes(TelemetryJson.of("gw", seq, ts, 1));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private Skipped skippedBy(String json) {
        Inbound said = validator.check(GatewayJson.topic("gw", "events"), json.getBytes(StandardCharsets.UTF_8));
        assertThat(said).isInstanceOf(Inbound.SkipNotice.class);
        return ((Inbound.SkipNotice) said).skipped();
    }
}
