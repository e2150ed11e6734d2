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
    void aHugeJumpIsOneRunCountedWhole() {
        seqs.see("a", 0);
        seqs.see("a", 1_000_000_000L);
        assertThat(seqs.gapsSeen()).isEqualTo(999_999_999L);
        assertThat(seqs.openGaps()).isEqualTo(999_999_999L);
        assertThat(seqs.forgotten()).isZero();
        assertThat(seqs.see("a", 999_999_999L)).isEqualTo(FILLS_GAP);
        assertThat(seqs.see("a", 500_000_000L)).isEqualTo(FILLS_GAP);
        assertThat(seqs.openGaps()).isEqualTo(999_999_997L);
    }

    @Test
    void aGatewaysRunsAreBoundedInMemoryTheOldestForgottenFirst() {
        seqs.see("a", 0);
        // Every other seq: each gap is a run of its own.
        for (long seq = 2; seq <= 2 * (SeqTracker.MAX_RUNS_PER_GATEWAY + 5); seq += 2) {
            seqs.see("a", seq);
        }
        assertThat(seqs.gapsSeen()).isEqualTo(SeqTracker.MAX_RUNS_PER_GATEWAY + 5);
        assertThat(seqs.openGaps()).isEqualTo(SeqTracker.MAX_RUNS_PER_GATEWAY);
        assertThat(seqs.forgotten()).isEqualTo(5);
        assertThat(seqs.see("a", 1)).as("forgotten").isEqualTo(DUPLICATE);
        assertThat(seqs.see("a", 11)).isEqualTo(FILLS_GAP);
    }

    @Test
    void numbersTheGatewayNamedAsSkippedAreCountedByReasonNotAsMissing() {
        seqs.see("a", 1);
        seqs.see("a", 10);
        seqs.explain("a", new Skipped(SkipReason.TRIMMED, 3, 6));
        assertThat(seqs.openGaps()).as("2, 7, 8, 9").isEqualTo(4);
        assertThat(seqs.skips()).isEqualTo(new Skips(0, 4, 0));
        // Named twice (two events over the same numbers, or a redelivered event): counted once.
        seqs.explain("a", new Skipped(SkipReason.TIME_UNKNOWN, 2, 7));
        assertThat(seqs.openGaps()).as("8, 9").isEqualTo(2);
        assertThat(seqs.skips()).isEqualTo(new Skips(0, 4, 2));
        assertThat(seqs.gapsSeen()).isEqualTo(8);

        // One that arrives after all is taken, and no longer counted as skipped.
        assertThat(seqs.outcome("a", 4)).isEqualTo(FILLS_GAP);
        assertThat(seqs.see("a", 4)).isEqualTo(FILLS_GAP);
        assertThat(seqs.see("a", 4)).isEqualTo(DUPLICATE);
        assertThat(seqs.skips()).isEqualTo(new Skips(0, 3, 2));
        // Numbers that arrived, or lie below the first seen, are not skipped.
        seqs.explain("a", new Skipped(SkipReason.SET_ASIDE, 0, 1));
        seqs.explain("b", new Skipped(SkipReason.SET_ASIDE, 0, 1));
        assertThat(seqs.skips()).isEqualTo(new Skips(0, 3, 2));
        assertThat(seqs.openGaps()).isEqualTo(2);
    }

    @Test
    void aNumberBelowTheFirstHeardIsFreshAndWhatLiesBetweenIsMissing() {
        assertThat(seqs.see("a", 10)).isEqualTo(FRESH);
        assertThat(seqs.outcome("a", 7)).isEqualTo(FRESH);
        assertThat(seqs.see("a", 7)).isEqualTo(FRESH);
        assertThat(seqs.openGaps()).isEqualTo(2);
        assertThat(seqs.see("a", 8)).isEqualTo(FILLS_GAP);
        assertThat(seqs.see("a", 9)).isEqualTo(FILLS_GAP);
        assertThat(seqs.see("a", 7)).isEqualTo(DUPLICATE);
        assertThat(seqs.see("a", 6)).isEqualTo(FRESH);
        assertThat(seqs.openGaps()).isZero();
        assertThat(seqs.gapsSeen()).isEqualTo(2);
    }

    @Test
    void numbersNamedBeforeTheyLieWithinWhatWasHeardAreNotMissingOnceTheyDo() {
        // The event first (another topic, or another instance's journal, came later), then a lower number.
        seqs.see("a", 7);
        seqs.explain("a", new Skipped(SkipReason.TRIMMED, 3, 5));
        assertThat(seqs.skips()).isEqualTo(Skips.NONE);
        assertThat(seqs.see("a", 2)).isEqualTo(FRESH);
        assertThat(seqs.openGaps()).as("6").isEqualTo(1);
        assertThat(seqs.skips()).isEqualTo(new Skips(0, 3, 0));
        assertThat(seqs.see("a", 4)).as("arrived after all").isEqualTo(FILLS_GAP);
        assertThat(seqs.skips()).isEqualTo(new Skips(0, 2, 0));
    }

    /** A will below the first number heard opens no gap; a lower number after it opens one that leaves it out. */
    @Test
    void aWillBelowTheLowestHeardOpensNoGap() {
        seqs.see("a", 30);
        assertThat(seqs.see("a", 11, true)).isEqualTo(FRESH);
        assertThat(seqs.openGaps()).isZero();
        assertThat(seqs.outcome("a", 11)).isEqualTo(DUPLICATE);
        assertThat(seqs.see("a", 11, true)).as("the gateway's copy of the broker's").isEqualTo(DUPLICATE);
        assertThat(seqs.see("a", 5)).isEqualTo(FRESH);
        assertThat(seqs.openGaps()).as("6..29 but the will heard").isEqualTo(23);
        assertThat(seqs.see("a", 11)).isEqualTo(DUPLICATE);
        assertThat(seqs.see("a", 12)).isEqualTo(FILLS_GAP);
        assertThat(seqs.openGaps()).isEqualTo(22);
    }
}
