package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A gateway whose store the operator deleted or moved aside numbers its fresh store from the clock's milliseconds and
 * says so in its first message, a {@code store.numbered} event naming {@code seqFrom} (docs/upstream.md, "events"):
 * the jump from the old store's last number is counted as skipped on purpose, not as lost messages.
 */
class FreshStoreNumbersTest {
    private static final Instant TS = Instant.parse("2026-12-05T06:00:00Z");
    private final MessageValidator validator = new MessageValidator();
    private final SeqTracker seqs = new SeqTracker();

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

    private Skipped skippedBy(String json) {
        Inbound said = validator.check(GatewayJson.topic("gw", "events"), json.getBytes(StandardCharsets.UTF_8));
        assertThat(said).isInstanceOf(Inbound.SkipNotice.class);
        return ((Inbound.SkipNotice) said).skipped();
    }
}
