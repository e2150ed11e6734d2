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
        long start = System.nanoTime();
        // true for 100 ms, false for 40 ms (longer than the 10 ms between looks), again and again: never 300 ms without
        // a break
        assertThatThrownBy(() -> Await.holding("flapping", Duration.ofMillis(1000), Duration.ofMillis(300),
                () -> (System.nanoTime() - start) / 1_000_000 % 140 < 100))
                .isInstanceOf(AssertionError.class).hasMessage("not within 1000 ms: flapping, for 300 ms");
    }
}
