package org.orderly.gateway.field.modbus;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deadline of one Modbus exchange, TCP or RTU, request sent to reply complete. j2mod's transports wait their timeout
 * for each read of the socket or port, not for the whole reply: a meter or RS-485 converter that sends its reply a byte
 * at a time, each byte within the timeout, was waited as long as it dripped (a TCP read given 300 ms took 2.6 s,
 * docs/benchmarks.md), and on a bus with a transformer meter pushed that meter's read, the overload protection's,
 * seconds late. At the deadline {@code cutOff} runs (it closes the socket or port, so the blocked read fails at once)
 * and the exchange is a timeout.
 * One daemon thread for the whole process, which only runs cut-offs, and ends after 10 s without one to watch: no
 * thread per read or per bus. It ends at once, its last cut-off run, when the last Modbus connection open closes
 * ({@link #opened}, {@link #closed}): it holds its copy of these classes, and a replaced Kura bundle revision's stayed
 * reachable those 10 s after its stop (until 2026-12-07: {@code KuraClassLoaderIT}; docs/benchmarks.md, "The Kura
 * bundle's upgrades").
 */
final class ExchangeDeadline {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeDeadline.class);
    private static final Object LOCK = new Object();
    /** The watch; null before the first exchange and once the last connection closed. Guarded by LOCK. */
    private static ScheduledThreadPoolExecutor watch;
    /** Modbus connections opened and not yet closed. Guarded by LOCK. */
    private static int connections;

    private static final int OPEN = 0;
    private static final int ENDED = 1;
    private static final int CUT = 2;

    /** Whichever of the owner's end and the deadline comes first settles it. */
    private final AtomicInteger state = new AtomicInteger(OPEN);
    private final ScheduledFuture<?> due;

    private ExchangeDeadline(Runnable cutOff, int millis) {
        // Scheduled under the lock: the last connection's close takes the watch away under it before shutting it down,
        // so a deadline is never given to a watch shut down (until the read of 2026-12-07 it could be, between the two:
        // RejectedExecutionException, read56f's probe).
        synchronized (LOCK) {
            if (watch == null) {
                watch = watch();
            }
            due = watch.schedule(() -> {
                if (state.compareAndSet(OPEN, CUT)) {
                    cutOff.run();
                }
            }, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Starts an exchange's deadline: {@code cutOff} runs {@code millis} from now unless {@link #end} came first. */
    static ExchangeDeadline start(Runnable cutOff, int millis) {
        return new ExchangeDeadline(cutOff, millis);
    }

    /**
     * Ends the watch (again, harmlessly) and says whether the deadline cut the exchange off first. Once it says
     * false the cut-off will not run.
     */
    boolean end() {
        if (state.compareAndSet(OPEN, ENDED)) {
            due.cancel(false);
        }
        return state.get() == CUT;
    }

    /** A Modbus connection was made: the watch outlives no connection open, and ends once none is ({@link #closed}). */
    static void opened() {
        synchronized (LOCK) {
            connections++;
        }
    }

    /**
     * A Modbus connection closed for good; the last open one ends the watch and waits for its thread: the cut-offs still
     * due run first (an exchange of a connection closed under it), so this waits at most that exchange's deadline.
     */
    static void closed() {
        ScheduledThreadPoolExecutor ended;
        synchronized (LOCK) {
            connections--;
            if (connections > 0 || watch == null) {
                return;
            }
            ended = watch;
            watch = null;
        }
        ended.shutdown();
        try {
            if (!ended.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the Modbus exchange deadline's thread did not end within 30 s of the last connection's close;"
                        + " it ends after its last cut-off");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the thread ends after its last cut-off all the same
        }
    }

    private static ScheduledThreadPoolExecutor watch() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "modbus-exchange-deadline");
            t.setDaemon(true); // it holds nothing a stop must wait for: an exchange it watches ends with its owner
            return t;
        });
        executor.setRemoveOnCancelPolicy(true); // an exchange ended in time leaves nothing queued
        // Ends when no exchange was watched for a while: a static thread left running would hold a replaced Kura
        // bundle revision's classes for good (docs/operations.md, metaspace at an upgrade); the next one starts it again.
        executor.setKeepAliveTime(10, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
