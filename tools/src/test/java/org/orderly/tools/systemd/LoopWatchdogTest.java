package org.orderly.tools.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoopWatchdogTest {
    private final AtomicLong cycles = new AtomicLong();

    @Test
    void readyOnlyAfterTheFirstCycleThenWatchdogOnlyWhileCycling() {
        LoopWatchdog dog = new LoopWatchdog(cycles::get, new ServiceManager.Absent(), Optional.of(Duration.ofSeconds(15)));

        assertThat(dog.check()).as("no cycle yet").isEmpty();
        cycles.set(3);
        assertThat(dog.check()).containsExactly("READY=1", "WATCHDOG=1");
        cycles.set(5);
        assertThat(dog.check()).containsExactly("WATCHDOG=1");
        assertThat(dog.check()).as("stalled at 5: systemd must not be fed").isEmpty();
        assertThat(dog.check()).isEmpty();
        cycles.set(6);
        assertThat(dog.check()).as("cycling again").containsExactly("WATCHDOG=1");
    }

    @Test
    void withoutAWatchdogOnlyReadinessIsSent() {
        LoopWatchdog dog = new LoopWatchdog(cycles::get, new ServiceManager.Absent(), Optional.empty());

        cycles.set(1);
        assertThat(dog.check()).containsExactly("READY=1");
        cycles.set(2);
        assertThat(dog.check()).isEmpty();
    }

    @Test
    void itsLogLineSaysWhatIsSentAndThatNothingIsOutsideSystemd() {
        assertThat(new LoopWatchdog(cycles::get, new ServiceManager.Absent(), Optional.of(Duration.ofSeconds(15))).summary())
                .isEqualTo("none (not started by systemd: NOTIFY_SOCKET is unset)");
        assertThat(new LoopWatchdog(cycles::get, new ServiceManager.Absent(), Optional.empty()).summary())
                .isEqualTo("none (not started by systemd: NOTIFY_SOCKET is unset)");
    }
}
