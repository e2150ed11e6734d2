package org.orderly.bridge;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bridge has started so far (its executor, the Pi4J context, the control pilot, the pile, the CoAP server),
 * each with how to stop it, so that a stop at any moment stops exactly that, last started first: the JVM's shutdown
 * hook (SIGTERM from systemd or a restart loop), installed before the first part starts, or a part that fails to start.
 * A pile that has driven its outputs once is closed (relay open, pilot in standby) whenever the stop comes.
 *
 * <p>Parts start one at a time under a lock: a stop waits for the part in progress (up to a bound), so nothing is
 * stopped while it is being started and nothing started is left running; after it, a further part is refused
 * ({@link Stopping}) instead of started. The gateway's {@code Startup} does the same for {@code orderly run}; the
 * bridge runs on its own device without the gateway, so it has this small equivalent.
 */
final class StartedParts {
    private static final Logger LOG = LoggerFactory.getLogger(StartedParts.class);

    /** Starts one part. */
    @FunctionalInterface
    interface Start<T> {
        T start() throws Exception;
    }

    /** Stops one started part. */
    @FunctionalInterface
    interface Stop<T> {
        void stop(T part) throws Exception;
    }

    /** A part was to start after a stop began: what has started is the stop's to stop, not the caller's. */
    static final class Stopping extends IllegalStateException {
        Stopping(String owner, String part) {
            super(owner + ": " + part + " not started: stopping");
        }
    }

    private interface Stopper {
        void stop() throws Exception;
    }

    private record Part(String name, Stopper stopper) {
    }

    private final String owner;
    // Fair: a stop waiting for the part in progress goes before the start-up's next part.
    private final ReentrantLock starting = new ReentrantLock(true);
    private final Deque<Part> started = new ArrayDeque<>();
    private volatile String inProgress;
    private volatile boolean running;
    private boolean stopping;
    private boolean stoppedAll;

    /** @param owner begins the log lines, e.g. {@code "pile P1"} */
    StartedParts(String owner) {
        this.owner = owner;
    }

    /**
     * Starts {@code name} and keeps it to be stopped by {@code stop}; returns it. A part that fails to start has
     * stopped whatever of it had started (its start's own business) and throws.
     *
     * @throws Stopping when a stop has begun: the part is not started
     */
    <T> T start(String name, Start<T> start, Stop<? super T> stop) throws Exception {
        starting.lock();
        try {
            refuseIfStopping(name);
            inProgress = name;
            T part = start.start();
            keep(new Part(name, () -> stop.stop(part)));
            return part;
        } finally {
            inProgress = null;
            starting.unlock();
        }
    }

    /**
     * Says every part has started: a stop from now on is an ordinary one.
     *
     * @throws Stopping when a stop has begun
     */
    void running() {
        starting.lock();
        try {
            refuseIfStopping("the rest");
            running = true;
        } finally {
            starting.unlock();
        }
    }

    /** Whether a stop has begun. */
    synchronized boolean isStopping() {
        return stopping;
    }

    /**
     * For the shutdown hook: waits up to {@code waitForPart} for a part being started to finish (a part that hangs is
     * stopped when it finishes, or left to the JVM's exit), then stops every part started, last started first, and
     * refuses any further one. Once only; a later call does nothing.
     */
    void stop(Duration waitForPart) {
        String part = inProgress;
        stop(running ? "stopping" : "stopping during start-up"
                + (part == null ? "" : " (once " + part + " has started)") + "; stopping what has started", waitForPart);
    }

    /** For a start-up that failed: stops every part started, last started first. */
    void abandon() {
        stop("start-up failed; stopping what has started", Duration.ZERO);
    }

    private void stop(String saying, Duration waitForPart) {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true; // before waiting: the next part is refused even if it takes the lock first
        }
        LOG.info("{}: {}", owner, saying);
        boolean locked = false;
        try {
            locked = starting.tryLock(waitForPart.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (!locked) {
                LOG.warn("{}: {} still starting after {} ms; stopping what started before it", owner, inProgress,
                        waitForPart.toMillis());
            }
            LOG.info("{}: stopped, last started first: {}", owner, String.join(", ", stopAll()));
        } finally {
            if (locked) {
                starting.unlock();
            }
        }
    }

    private synchronized void refuseIfStopping(String part) {
        if (stopping) {
            throw new Stopping(owner, part);
        }
    }

    /** Keeps {@code part}; when the stop has already stopped the rest (it did not wait for this one), stops it now. */
    private void keep(Part part) {
        synchronized (this) {
            if (!stoppedAll) {
                started.push(part);
                return;
            }
        }
        LOG.warn("{}: {} finished starting after the stop; stopping it", owner, part.name());
        stopOne(part);
    }

    private List<String> stopAll() {
        List<Part> toStop;
        synchronized (this) {
            stoppedAll = true;
            toStop = new ArrayList<>(started);
            started.clear();
        }
        List<String> names = new ArrayList<>();
        for (Part part : toStop) {
            names.add(stopOne(part) ? part.name() : part.name() + " (failed)");
        }
        return names;
    }

    /** Stops one part; a part that fails to stop is logged and the others are still stopped. */
    private boolean stopOne(Part part) {
        try {
            part.stopper().stop();
            return true;
        } catch (Exception e) {
            LOG.error("{}: stopping {} failed; stopping the rest", owner, part.name(), e);
            return false;
        }
    }
}
