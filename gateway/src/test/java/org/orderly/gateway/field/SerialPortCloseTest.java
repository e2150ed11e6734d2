package org.orderly.gateway.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orderly.gateway.web.CapturedLog;

/**
 * A serial port's close that never returns (jSerialComm's, of a port whose adapter was pulled out:
 * SerialAdapterPulledOutTest) holds its caller no longer than the bound: one WARN names the port, and the close is left
 * on a daemon thread named for it. Until 2026-12-05 the close ran on the bus's (line's) thread, which it could hold for
 * ever.
 */
class SerialPortCloseTest {

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCloseThatNeverReturnsIsLeftOnItsOwnThreadWithOneWarn() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Thread> closer = new AtomicReference<>();
        try (CapturedLog log = new CapturedLog()) {
            SerialPortClose.within("/dev/ttyUSB0", () -> {
                closer.set(Thread.currentThread());
                started.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, Duration.ofSeconds(1));

            assertThat(log.lines("WARN", "/dev/ttyUSB0")).as(log.text()).singleElement().asString()
                    .endsWith("serial port /dev/ttyUSB0: its close did not finish within 1 s (the adapter pulled out?); "
                            + "left on thread 'close /dev/ttyUSB0', the port is opened afresh at the next try");
            assertThat(started.await(30, TimeUnit.SECONDS)).as("the close started").isTrue();
            assertThat(closer.get()).satisfies(t -> {
                assertThat(t.getName()).isEqualTo("close /dev/ttyUSB0");
                assertThat(t.isDaemon()).isTrue();
                assertThat(t.isAlive()).isTrue();
            });
        } finally {
            never.countDown();
        }
    }

    @Test
    void aCloseThatFailsIsSaidWithItsPort() throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            SerialPortClose.within("/dev/ttyUSB0", () -> {
                throw new IllegalStateException("native close failed");
            });

            assertThat(log.lines("WARN")).as(log.text()).singleElement().asString()
                    .endsWith("closing serial port /dev/ttyUSB0 failed: java.lang.IllegalStateException: native close failed");
        }
    }
}
