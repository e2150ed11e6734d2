package org.orderly.tools;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.orderly.gateway.app.Startup;
import org.orderly.log.LogAtExit;
import org.orderly.serial.StopBeforePortsClose;

/**
 * The JVM shutdown hook (SIGTERM, Ctrl-C) of a long-running command, installed before the first part of its
 * {@link Startup} starts: a stop at any moment, start-up included, closes what has started, last started first.
 * Installed after start-up instead, a SIGTERM during it would leave the store, pollers and servers open. It runs before
 * jSerialComm's own hook closes the serial ports ({@link StopBeforePortsClose}): the lines close theirs, none reopened.
 */
final class StopOnSignal {
    /** How long a stop waits for the part being started (a store, a server): well within systemd's 90 s stop timeout. */
    static final Duration WAIT_FOR_PART = Duration.ofSeconds(30);

    private final CountDownLatch stopped = new CountDownLatch(1);

    private StopOnSignal() {
    }

    static StopOnSignal install(Startup startup, String threadName) {
        StopOnSignal signal = new StopOnSignal();
        StopBeforePortsClose.install(new Thread(() -> {
            try {
                startup.stop(WAIT_FOR_PART);
            } finally {
                // the lines saying what was closed, written out before the JVM halts
                LogAtExit.flush();
                signal.stopped.countDown();
            }
        }, threadName));
        return signal;
    }

    /** Returns once the hook has closed everything. */
    void await() throws InterruptedException {
        stopped.await();
    }

    /**
     * For a command whose start-up the hook stopped: waits for the hook, then gives the exit status 0, which lets the
     * JVM's exit go on with the signal's status (143 for SIGTERM). A non-zero status given while the JVM shuts down
     * would halt it at once, racing the signal's.
     */
    int awaitStop() throws InterruptedException {
        stopped.await();
        return 0;
    }
}
