package org.orderly.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AwaitTest {
    @Test
    void holdingReturnsOnlyAfterTheConditionHeldForTheWholeHold() throws Exception {
        long start = System.nanoTime();
        Await.holding("always", Duration.ofSeconds(5), Duration.ofMillis(300), () -> true);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(300_000_000L);
    }

    @Test
    void aConditionThatBreaksBeforeTheHoldIsOverNeverCounts() {
        long[] lastBreak = {System.nanoTime()};
        // True until it has been for 200 ms, then false at the next look, again and again: never 300 ms without a
        // break, however late the looks come. Until 2026-12-06 it was true or false by the clock (100 ms true, 40 ms
        // false), and a machine busy enough to space the looks more than 40 ms apart could miss every false spell.
        assertThatThrownBy(() -> Await.holding("flapping", Duration.ofMillis(1000), Duration.ofMillis(300), () -> {
            long now = System.nanoTime();
            if (now - lastBreak[0] >= 200_000_000L) {
                lastBreak[0] = now;
                return false;
            }
            return true;
        }))
                .isInstanceOf(AssertionError.class).hasMessage("not within 1000 ms: flapping, for 300 ms");
    }

    @Test
    void aTimeoutSaysTheLastValueSeen() {
        int[] looks = {0};
        assertThatThrownBy(() -> Await.untilSeeing("three", Duration.ofMillis(100), () -> ++looks[0] < 0,
                () -> "2 of 3"))
                .isInstanceOf(AssertionError.class).hasMessage("not within 100 ms: three; last seen: 2 of 3");
    }

    @Test
    void untilGivingReturnsTheFirstValueApprovedAndATimeoutSaysTheLastRead() throws Exception {
        int[] reads = {0};
        assertThat(Await.untilGiving("the third read", Duration.ofSeconds(5), () -> ++reads[0], n -> n >= 3))
                .isEqualTo(3);
        assertThatThrownBy(() -> Await.untilGiving("a negative read", Duration.ofMillis(100), () -> 7, n -> n < 0))
                .isInstanceOf(AssertionError.class).hasMessage("not within 100 ms: a negative read; last seen: 7");
    }
}
