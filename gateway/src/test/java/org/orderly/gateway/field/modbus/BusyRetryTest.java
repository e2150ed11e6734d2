package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Exception 06 (server device busy) is tried again a bounded number of times, after doubling waits; nothing else is. */
class BusyRetryTest {

    private static final int SERVER_DEVICE_BUSY = 6;
    private static final int ILLEGAL_DATA_ADDRESS = 2;

    private final List<Duration> slept = new ArrayList<>();
    private final Sleeper sleeper = slept::add;

    @Test
    void aBusyAnswerIsTriedAgainAfterAWaitThatDoubles() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result = BusyRetry.DEFAULT.run(() -> {
            if (calls.incrementAndGet() <= 2) {
                throw new ModbusSlaveException(SERVER_DEVICE_BUSY);
            }
            return "read";
        }, sleeper);
        assertThat(result).isEqualTo("read");
        assertThat(calls).hasValue(3);
        assertThat(slept).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void busyOnEveryTryGivesUpAfterTheRetriesWithTheBusyAnswer() {
        AtomicInteger calls = new AtomicInteger();
        Throwable thrown = catchThrowable(() -> BusyRetry.DEFAULT.run(() -> {
            calls.incrementAndGet();
            throw new ModbusSlaveException(SERVER_DEVICE_BUSY);
        }, sleeper));
        assertThat(calls).hasValue(4);
        assertThat(slept).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(FailureClassifier.classify(thrown)).isEqualTo(FailureKind.BUSY);
    }

    @Test
    void anotherExceptionResponseIsNotTriedAgain() {
        AtomicInteger calls = new AtomicInteger();
        Throwable thrown = catchThrowable(() -> BusyRetry.DEFAULT.run(() -> {
            calls.incrementAndGet();
            throw new ModbusSlaveException(ILLEGAL_DATA_ADDRESS);
        }, sleeper));
        assertThat(calls).hasValue(1);
        assertThat(slept).isEmpty();
        assertThat(FailureClassifier.classify(thrown)).isEqualTo(FailureKind.EXCEPTION_RESPONSE);
    }

    @Test
    void aWaitTheBudgetHasNoRoomForIsNotTakenAndTheLastBusyAnswerIsThrown() {
        AtomicInteger calls = new AtomicInteger();
        Throwable thrown = catchThrowable(() -> BusyRetry.DEFAULT.run(() -> {
            calls.incrementAndGet();
            throw new ModbusSlaveException(SERVER_DEVICE_BUSY);
        }, sleeper, wait -> wait.compareTo(Duration.ofMillis(100)) < 0));
        assertThat(calls).hasValue(2);
        assertThat(slept).containsExactly(Duration.ofMillis(50));
        assertThat(FailureClassifier.classify(thrown)).isEqualTo(FailureKind.BUSY);
    }

    @Test
    void anInterruptWhileItWaitsIsThrownAsAStopNotAsTheBusyAnswer() {
        AtomicInteger calls = new AtomicInteger();
        Throwable thrown = catchThrowable(() -> BusyRetry.DEFAULT.run(() -> {
            calls.incrementAndGet();
            throw new ModbusSlaveException(SERVER_DEVICE_BUSY);
        }, d -> {
            throw new InterruptedException("stopped");
        }));
        assertThat(calls).hasValue(1);
        assertThat(thrown).isInstanceOf(InterruptedException.class).hasMessage("stopped");
    }
}
