package org.orderly.serial;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The JVM shutdown hook (SIGTERM, Ctrl-C) of a long-running orderly program (the gateway's {@code orderly run} and
 * {@code orderly demo}, the firmware-bridge), installed before the first part of its start-up starts: a stop at any
 * moment, start-up included, closes what has started, last started first. Installed after start-up instead, a SIGTERM
 * during it would leave what had started open. It runs before jSerialComm's own hook closes the serial ports
 * ({@link StopBeforePortsClose}): the program's lines and meters close their own ports, none is closed under a read
 * and none reopened during the stop.
 */
public final class StopOnSignal {
    /**
     * How long a stop waits for the part being started (a store, a server, a GPIO write): well within systemd's 90 s
     * stop timeout.
     */
    public static final Duration WAIT_FOR_PART = Duration.ofSeconds(30);

    /** A program's stop: what it has started, stopped last started first, waiting up to its argument for a part. */
    @FunctionalInterface
    public interface Stop {
        void stop(Duration waitForPart);
    }

    private final CountDownLatch stopped = new CountDownLatch(1);

    private StopOnSignal() {
    }

    /**
     * Installs the hook, on a thread named {@code threadName}: {@code stop}, then {@code atLast} whatever the stop did
     * (the program writes out its log's queue there, the lines saying what was closed, before the JVM halts).
     */
    public static StopOnSignal install(String threadName, Stop stop, Runnable atLast) {
        StopOnSignal signal = new StopOnSignal();
        StopBeforePortsClose.install(new Thread(() -> {
            try {
                stop.stop(WAIT_FOR_PART);
            } finally {
                try {
                    atLast.run();
                } finally {
                    signal.stopped.countDown();
                }
            }
        }, threadName));
        return signal;
    }

    /** Returns once the hook has closed everything. */
    public void await() throws InterruptedException {
        stopped.await();
    }

    /**
     * For a program whose start-up the hook stopped: waits for the hook, then gives the exit status 0, which lets the
     * JVM's exit go on with the signal's status (143 for SIGTERM). A non-zero status given while the JVM shuts down
     * would halt it at once, racing the signal's and cutting the stop short.
     */
    public int awaitStop() throws InterruptedException {
        stopped.await();
        return 0;
    }
}
