package org.orderly.gateway.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.PollFailure;
import org.orderly.gateway.field.modbus.Reading;

/**
 * The count the real-time DL/T 645 test relies on: a transformer poll that failed is a poll begun, and one pushed late
 * that then failed is late (read60e's probe: readings at 0 and 1000 ms, a poll due at 2000 begun at 2700 and failing at
 * 2850, a reading at 3000, was counted on time when a failed poll was taken as begun when due).
 */
class TransformerReadTimesTest {
    private static final Duration CYCLE = Duration.ofMillis(1000);
    private static final Duration TIMEOUT = Duration.ofMillis(150);
    private final TestTicker ticker = new TestTicker();
    private final TransformerReadTimes times = new TransformerReadTimes("tx", ticker, TIMEOUT);

    @Test
    void aPollPushedLateThatThenFailedIsLate() {
        readAt(0);
        readAt(1000);
        ticker.set(Duration.ofMillis(2850));
        times.onFailure(failure());
        readAt(3000);
        assertThat(times.polls()).isEqualTo(4);
        assertThat(times.failed()).isEqualTo(1);
        assertThat(times.count()).isEqualTo(3);
        assertThat(times.apartMs()).containsExactly(1000L, 1700L, 300L);
        assertThat(times.late(CYCLE)).isEqualTo(1);
    }

    @Test
    void aPollThatFailedOnTimeIsOnTime() {
        readAt(0);
        readAt(1000);
        ticker.set(Duration.ofMillis(2160));
        times.onFailure(failure());
        readAt(3000);
        assertThat(times.polls()).isEqualTo(4);
        assertThat(times.late(CYCLE)).isZero();
    }

    @Test
    void aPollPushedLateThatWasGarbledIsLate() {
        readAt(0);
        readAt(1000);
        ticker.set(Duration.ofMillis(2640));
        times.onFailure(failure(FailureKind.GARBLED));
        readAt(3000);
        assertThat(times.failures()).containsExactly(FailureKind.GARBLED);
        assertThat(times.apartMs()).containsExactly(1000L, 1640L, 360L);
        assertThat(times.late(CYCLE)).isEqualTo(1);
    }

    private void readAt(long ms) {
        ticker.set(Duration.ofMillis(ms));
        times.onReading(new Reading("tx", Map.of("power", 1.0), Instant.EPOCH, ticker.now()));
    }

    private static PollFailure failure() {
        return failure(FailureKind.TIMEOUT);
    }

    private static PollFailure failure(FailureKind kind) {
        return new PollFailure("line", "tx", "02030000", kind, 1, "no reply", Instant.EPOCH);
    }
}
