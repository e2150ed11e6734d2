package org.orderly.gateway.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start-up has started so far, each part with how to close it, so that whoever ends it closes exactly that, last
 * started first: a later part that fails to start, the owner's {@link #close()}, or a shutdown that arrives before the
 * start-up is done ({@link #stop}, from a JVM shutdown hook on SIGTERM, registered before the first part starts).
 *
 * <p>Every part starts under one lock ({@link #begin}), shared with the scopes made by {@link #child}: a shutdown waits
 * for the part in progress (up to a bound), so nothing is closed while it is being started and nothing started is
 * left open; after it, a further part is refused ({@link Stopped}) instead of started.
 */
public final class Startup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Startup.class);

    /** Closes one started part; it reports its own failures as unchecked exceptions. */
    @FunctionalInterface
    public interface Closer<T> {
        void close(T started);
    }

    /**
     * A part was asked to start after a stop began or the start-up was closed. What has started is the stop's to
     * close: a caller catches this only to get out of its way, closing nothing itself.
     */
    public static final class Stopped extends IllegalStateException {
        /** {@code part} refused because {@code scope} is shutting down (also for an owner that refuses it itself). */
        public Stopped(String scope, String part) {
            super(part + " not started: " + scope + " is shutting down");
        }
    }

    /** What the scopes of one start-up share: one part at a time starts, and a stop sees which, and whether all have. */
    private static final class Tree {
        // Fair: a shutdown waiting for the part in progress goes before the start-up's next part.
        final ReentrantLock lock = new ReentrantLock(true);
        volatile String starting;
        volatile boolean complete;
        // Set before a stop waits for the part in progress, so the start-up's next part or completion is refused
        // even if it takes the lock first.
        volatile boolean stopping;
    }

    /** One thing to close; closing says the names of the parts it closed. */
    private record Entry(String name, Supplier<List<String>> close) {
    }

    private final String name;
    private final Tree tree;
    private final Deque<Entry> started = new ArrayDeque<>();
    private boolean closed;

    private Startup(String name, Tree tree) {
        this.name = name;
        this.tree = tree;
    }

    /** A new start-up, e.g. {@code "orderly run"}; the name begins its log lines and messages. */
    public static Startup of(String name) {
        return new Startup(name, new Tree());
    }

    /**
     * A scope for the parts of one component (the gateway), closed as one part of this scope, at the place in its
     * order where it was made: by the component itself when it closes, or with this scope.
     */
    public Startup child(String childName) {
        Startup child = new Startup(childName, tree);
        add(new Entry(childName, child::closeAll));
        return child;
    }

    /**
     * Begins starting a part, under the start-up's lock until the returned step is closed: start it in a
     * try-with-resources block on the step and hand it to {@link Step#started}, e.g.
     * {@code try (Startup.Step s = startup.begin("store")) { store = s.started(Store.open(...), Store::close); }}.
     *
     * @throws Stopped when the start-up has been stopped or closed: the part must not start
     */
    public Step begin(String part) {
        tree.lock.lock();
        if (refused()) {
            tree.lock.unlock();
            throw new Stopped(name, part);
        }
        tree.starting = part;
        return new Step(part);
    }

    /** One part being started; closing the step (started or not) lets a waiting shutdown go on. */
    public final class Step implements AutoCloseable {
        private final String part;
        private boolean open = true;

        private Step(String part) {
            this.part = part;
        }

        /** Keeps {@code thing}, just started, to be closed by {@code closer}; returns it. */
        public <T> T started(T thing, Closer<? super T> closer) {
            add(new Entry(part, () -> {
                closer.close(thing);
                return List.of(part);
            }));
            return thing;
        }

        /** As {@link #started(Object, Closer)} for a part that closes itself. */
        public <T extends AutoCloseable> T started(T thing) {
            return started(thing, Startup::closeUnchecked);
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                tree.starting = null;
                tree.lock.unlock();
            }
        }
    }

    /**
     * Keeps an action for the close, run after every part started after it (so, kept first, it runs last: a final
     * log line).
     */
    public void atClose(String what, Runnable action) {
        add(new Entry(what, () -> {
            action.run();
            return List.of();
        }));
    }

    /**
     * Says start-up is complete, before the owner says it runs: a stop from now on is an ordinary one.
     *
     * @throws Stopped when a shutdown has begun (it closes what has started)
     */
    public void complete() {
        tree.lock.lock();
        try {
            if (refused()) {
                throw new Stopped(name, "the rest");
            }
            tree.complete = true;
        } finally {
            tree.lock.unlock();
        }
    }

    /**
     * Closes every part started, last started first, once; a part that fails to close is logged and the others are
     * still closed. Waits for a part being started on another thread.
     */
    @Override
    public void close() {
        tree.lock.lock();
        try {
            closeAll();
        } finally {
            tree.lock.unlock();
        }
    }

    /**
     * For a shutdown that may come at any moment, start-up included: waits up to {@code waitForPart} for a part being
     * started to finish (a part that hangs is left to the JVM's exit), then closes every part started and refuses
     * any further one.
     */
    public void stop(Duration waitForPart) {
        synchronized (started) {
            if (closed) {
                return; // closed by its owner (a failed start) or stopped already: nothing is left
            }
        }
        tree.stopping = true;
        boolean early = !tree.complete;
        String starting = tree.starting;
        if (early) {
            LOG.info("{}: stopping during start-up{}; closing what has started", name,
                    starting == null ? "" : " (once " + starting + " has started)");
        }
        boolean locked = false;
        // A caller interrupted before the stop still waits for the part being started (tryLock would throw at once, and
        // the parts be closed under it); its interrupt is set again as the stop returns. One that comes during the wait
        // ends it.
        boolean interruptedBefore = Thread.interrupted();
        boolean interruptedWaiting = false;
        try {
            locked = tree.lock.tryLock(waitForPart.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interruptedWaiting = true;
            Thread.currentThread().interrupt();
        }
        try {
            if (interruptedWaiting) {
                LOG.warn("{}: the stop was interrupted while {} was starting; closing what started before it", name,
                        tree.starting);
            } else if (!locked) {
                LOG.warn("{}: {} still starting after {} s; closing what started before it", name, tree.starting,
                        waitForPart.toSeconds());
            }
            List<String> closedParts = closeAll();
            if (early) {
                LOG.info("{}: stopped during start-up; closed, last started first: {}", name,
                        String.join(", ", closedParts));
            }
        } finally {
            if (locked) {
                tree.lock.unlock();
            }
            if (interruptedBefore) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean refused() {
        synchronized (started) {
            return closed || tree.stopping;
        }
    }

    /** Closes what this scope holds, last started first; the names closed, children's parts included. */
    private List<String> closeAll() {
        List<Entry> toClose;
        synchronized (started) {
            if (closed) {
                return List.of();
            }
            closed = true;
            toClose = new ArrayList<>(started);
            started.clear();
        }
        List<String> names = new ArrayList<>();
        // Each part closes on a thread not interrupted, so that its bounded wait (the store writer's last writes) is
        // waited: a stop from an interrupted thread, or a part that keeps the interrupt its own wait took (the upstream
        // link), would otherwise end every later part's wait at once. The caller sees its interrupt again at the end.
        boolean interrupted = false;
        for (Entry e : toClose) {
            interrupted |= Thread.interrupted();
            try {
                names.addAll(e.close().get());
            } catch (RuntimeException failure) {
                LOG.error("{}: closing {} failed; closing the rest", name, e.name(), failure);
                names.add(e.name() + " (failed)");
            }
        }
        if (interrupted | Thread.interrupted()) {
            Thread.currentThread().interrupt();
        }
        return names;
    }

    /** Keeps {@code e}; when the start-up was closed meanwhile (a stop that did not wait), closes it at once instead. */
    private void add(Entry e) {
        synchronized (started) {
            if (!closed) {
                started.push(e);
                return;
            }
        }
        LOG.warn("{}: {} finished starting after the shutdown; closing it", name, e.name());
        e.close().get();
    }

    private static void closeUnchecked(AutoCloseable c) {
        try {
            c.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing " + c + " failed: " + e.getMessage(), e);
        }
    }
}
