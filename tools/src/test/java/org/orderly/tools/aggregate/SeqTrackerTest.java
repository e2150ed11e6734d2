package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.tools.aggregate.SeqTracker.Outcome.DUPLICATE;
import static org.orderly.tools.aggregate.SeqTracker.Outcome.FILLS_GAP;
import static org.orderly.tools.aggregate.SeqTracker.Outcome.FRESH;

import org.junit.jupiter.api.Test;

class SeqTrackerTest {
    private final SeqTracker seqs = new SeqTracker();

    @Test
    void aRepeatedSeqIsADuplicatePerGateway() {
        assertThat(seqs.see("a", 10)).isEqualTo(FRESH);
        assertThat(seqs.see("a", 11)).isEqualTo(FRESH);
        assertThat(seqs.see("a", 11)).isEqualTo(DUPLICATE);
        assertThat(seqs.see("a", 10)).isEqualTo(DUPLICATE);
        assertThat(seqs.see("b", 11)).isEqualTo(FRESH);
        assertThat(seqs.openGaps()).isZero();
    }

    @Test
    void aSkippedSeqIsAGapUntilItArrives() {
        seqs.see("a", 1);
        seqs.see("a", 4);
        assertThat(seqs.openGaps()).isEqualTo(2);
        assertThat(seqs.gapsSeen()).isEqualTo(2);

        assertThat(seqs.see("a", 3)).isEqualTo(FILLS_GAP);
        assertThat(seqs.see("a", 3)).isEqualTo(DUPLICATE);
        assertThat(seqs.openGaps()).isEqualTo(1);
        assertThat(seqs.gapsSeen()).isEqualTo(2);
    }

    @Test
    void anOutcomeAskedForIsNotRecorded() {
        assertThat(seqs.outcome("a", 5)).isEqualTo(FRESH);
        seqs.see("a", 1);
        seqs.see("a", 4);
        assertThat(seqs.outcome("a", 3)).isEqualTo(FILLS_GAP);
        assertThat(seqs.outcome("a", 4)).isEqualTo(DUPLICATE);
        assertThat(seqs.outcome("a", 6)).isEqualTo(FRESH);

        assertThat(seqs.see("a", 3)).isEqualTo(FILLS_GAP);
        assertThat(seqs.see("a", 5)).isEqualTo(FRESH);
        assertThat(seqs.openGaps()).isEqualTo(1);
    }

    @Test
    void aHugeJumpIsBoundedInMemory() {
        seqs.see("a", 0);
        seqs.see("a", 1_000_000_000L);
        assertThat(seqs.gapsSeen()).isEqualTo(999_999_999L);
        assertThat(seqs.openGaps()).isEqualTo(SeqTracker.MAX_OPEN_GAPS_PER_GATEWAY);
        assertThat(seqs.forgotten()).isEqualTo(999_999_999L - SeqTracker.MAX_OPEN_GAPS_PER_GATEWAY);
        assertThat(seqs.see("a", 999_999_999L)).isEqualTo(FILLS_GAP);
    }
}
