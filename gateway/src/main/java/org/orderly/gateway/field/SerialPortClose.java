package org.orderly.gateway.field;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial port's close that holds its bus's (or line's) thread no longer than {@link #BOUND}. jSerialComm 2.11.4's
 * close of a port whose device has just gone (an RS-485 adapter pulled out) can wait for ever: it holds the port's lock
 * while it waits for the port's event thread, and that thread, told of the disconnection, is running j2mod's listener,
 * which closes the port too and waits for that lock (Fazecast/jSerialComm issues #266 and #577 tell of such closes). So
 * the close runs on a daemon thread of its own named for the port; one that has not returned by the bound is said in
 * one WARN and left on that thread, and the bus carries on: its next open makes a fresh port object, which the stuck
 * one's lock does not hold up.
 */
public final class SerialPortClose {
    /** How long a close may hold its bus's thread. */
    public static final Duration BOUND = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(SerialPortClose.class);

    private SerialPortClose() {
    }

    /** Runs {@code close} of serial port {@code port} (its path), waiting for it at most {@link #BOUND}. */
    public static void within(String port, Runnable close) {
        within(port, close, BOUND);
    }

    /**
     * Starts {@code close} of serial port {@code port} (its path) on a thread of its own and returns at once: for a
     * thread that must not wait for it. A failure is said in one WARN.
     */
    public static void begin(String port, Runnable close) {
        CompletableFuture.runAsync(close, onItsOwnThread("close " + port)).exceptionally(e -> {
            LOG.warn("closing serial port {} failed: {}", port, e.getCause() != null ? e.getCause().toString() : e.toString());
            return null;
        });
    }

    static void within(String port, Runnable close, Duration bound) {
        CompletableFuture<Void> closing = CompletableFuture.runAsync(close, onItsOwnThread("close " + port));
        try {
            closing.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stuck) {
            LOG.warn("serial port {}: its close did not finish within {} s (the adapter pulled out?); left on thread "
                    + "'close {}', the port is opened afresh at the next try", port, bound.toSeconds(), port);
        } catch (ExecutionException e) {
            LOG.warn("closing serial port {} failed: {}", port, e.getCause().toString());
        } catch (InterruptedException stop) {
            // Stopped while waiting: the close goes on on its own thread; the stop is the caller's to see.
            Thread.currentThread().interrupt();
        }
    }

    /** One daemon thread per close: a stuck close must not keep the gateway from exiting, nor hold up the next. */
    private static Executor onItsOwnThread(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }
}
