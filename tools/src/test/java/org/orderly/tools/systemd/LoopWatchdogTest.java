package org.orderly.tools.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;

/** The judgement "the loop is alive", on an injected ticker: checks at systemd's interval, cycles at the period. */
class LoopWatchdogTest {
    private static final Optional<Duration> SYSTEMD_30S = Optional.of(Duration.ofSeconds(15));
    private static final Optional<Duration> NO_SYSTEMD = Optional.empty();

    private final AtomicLong cycles = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong(123_456_789L);
    private final Ticker ticker = () -> new Tick(nanos.get());

    private LoopWatchdog dog(Duration period, Optional<Duration> interval) {
        return new LoopWatchdog(cycles::get, period, ticker, new ServiceManager.Absent(), interval);
    }

    private void after(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void readyOnlyAfterTheFirstCycleThenWatchdogOnlyWhileCycling() {
        LoopWatchdog dog = dog(Duration.ofSeconds(1), SYSTEMD_30S);

        assertThat(dog.check()).as("no cycle yet").isEmpty();
        cycles.set(3);
        assertThat(dog.check()).containsExactly("READY=1", "WATCHDOG=1");
        after(Duration.ofSeconds(15));
        cycles.set(18);
        assertThat(dog.check()).containsExactly("WATCHDOG=1");
        after(Duration.ofSeconds(15));
        assertThat(dog.check()).as("no cycle for 15 s at a period of 1 s: stalled, systemd must not be fed").isEmpty();
        assertThat(dog.stalled()).isTrue();
        after(Duration.ofSeconds(15));
        assertThat(dog.check()).isEmpty();
        cycles.set(19);
        assertThat(dog.check()).as("cycling again").containsExactly("WATCHDOG=1");
        assertThat(dog.stalled()).isFalse();
    }

    /**
     * The tester's case (W14): {@code periodMs: 60000} under the packaged unit's {@code WatchdogSec=30s}, so systemd
     * is fed every 15 s while a cycle comes once a minute. Every check must feed it while the cycles come on time; a
     * loop that then hangs must go unfed within a few periods.
     */
    @Test
    void aPeriodLongerThanTheCheckIsFedAtEveryCheckWhileItsCyclesComeOnTime() {
        LoopWatchdog dog = dog(Duration.ofSeconds(60), SYSTEMD_30S);
        cycles.set(1);
        assertThat(dog.check()).containsExactly("READY=1", "WATCHDOG=1");
        for (int minute = 1; minute <= 3; minute++) {
            for (int check = 1; check <= 3; check++) {
                after(Duration.ofSeconds(15));
                assertThat(dog.check()).as("minute %d, %d s after the cycle", minute, 15 * check)
                        .containsExactly("WATCHDOG=1");
            }
            after(Duration.ofSeconds(15));
            cycles.incrementAndGet();
            assertThat(dog.check()).as("minute %d, its cycle", minute).containsExactly("WATCHDOG=1");
        }
        assertThat(dog.stalled()).isFalse();

        // The loop hangs in its fourth cycle: a cycle 15 s late is no hang of a 60 s loop, three periods are.
        for (int s = 15; s <= 75; s += 15) {
            after(Duration.ofSeconds(15));
            assertThat(dog.check()).as("%d s without a cycle", s).containsExactly("WATCHDOG=1");
        }
        for (int s = 90; s <= 180; s += 15) {
            after(Duration.ofSeconds(15));
            dog.check();
        }
        assertThat(dog.stalled()).as("three periods without a cycle").isTrue();
        after(Duration.ofSeconds(15));
        assertThat(dog.check()).as("stalled: systemd is not fed").isEmpty();
    }

    /** Outside systemd the check runs every second; a 5 s period must not read as a stall between its cycles. */
    @Test
    void aPeriodLongerThanTheReadinessCheckIsNoStall() {
        LoopWatchdog dog = dog(Duration.ofSeconds(5), NO_SYSTEMD);
        cycles.set(1);
        assertThat(dog.check()).containsExactly("READY=1");
        for (int cycle = 2; cycle <= 4; cycle++) {
            for (int s = 1; s <= 4; s++) {
                after(Duration.ofSeconds(1));
                assertThat(dog.check()).isEmpty();
                assertThat(dog.stalled()).as("cycle %d, %d s after the last", cycle, s).isFalse();
            }
            after(Duration.ofSeconds(1));
            cycles.set(cycle);
            assertThat(dog.check()).isEmpty();
        }
        assertThat(dog.stalled()).isFalse();
    }

    /** At the default period a cycle a second or two late (a busy CPU, a GC pause) is no stall either. */
    @Test
    void aCycleLateByASecondAtTheDefaultPeriodIsNoStall() {
        LoopWatchdog dog = dog(Duration.ofSeconds(1), NO_SYSTEMD);
        cycles.set(10);
        dog.check();
        after(Duration.ofSeconds(1));
        cycles.set(11);
        dog.check();
        after(Duration.ofSeconds(1));
        dog.check();
        after(Duration.ofSeconds(1));
        dog.check();
        assertThat(dog.stalled()).as("a cycle 2 s late").isFalse();
        cycles.set(14);
        after(Duration.ofMillis(10));
        dog.check();
        assertThat(dog.stalled()).isFalse();
    }

    @Test
    void withoutAWatchdogOnlyReadinessIsSent() {
        LoopWatchdog dog = dog(Duration.ofSeconds(1), NO_SYSTEMD);

        cycles.set(1);
        assertThat(dog.check()).containsExactly("READY=1");
        after(Duration.ofSeconds(1));
        cycles.set(2);
        assertThat(dog.check()).isEmpty();
    }

    @Test
    void itsLogLineSaysWhatIsSentAndThatNothingIsOutsideSystemd() {
        assertThat(dog(Duration.ofSeconds(1), SYSTEMD_30S).summary())
                .isEqualTo("none (not started by systemd: NOTIFY_SOCKET is unset)");
        assertThat(dog(Duration.ofSeconds(1), NO_SYSTEMD).summary())
                .isEqualTo("none (not started by systemd: NOTIFY_SOCKET is unset)");
    }
}
