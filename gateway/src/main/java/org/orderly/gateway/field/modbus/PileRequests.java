package org.orderly.gateway.field.modbus;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;

/**
 * The pile drivers' requests on a serial bus, run by the bus's {@link BusPoller} on its own master, in the order they
 * came, between its meter reads: one RS-485 port takes one master. Each driver's thread blocks in {@link #read} or
 * {@link #write} until the poller has run its request, and is given what the poller's link answered or threw. A stop
 * (the driver's thread interrupted) withdraws a request not yet begun. The poller's close (the gateway stopping) ends
 * every waiting request, and every later one, as a stop too: an {@link InterruptedException}, as the driver's own stop
 * does, for a request the stop abandoned is no failure of its pile. Thread-safe: the drivers' threads submit, the
 * poller's thread runs. Each request is stamped with when it came, on the poller's ticker, and names whose it is (a
 * pile's driver sends through {@link #forPile}), so the poller can say which piles have waited how long.
 */
public final class PileRequests implements ModbusLink {

    /** One exchange, run on the poller's link. */
    @FunctionalInterface
    interface Exchange {
        int[] run(ModbusLink link) throws FieldReadException, InterruptedException;
    }

    /**
     * A request waiting for the poller, and where its answer goes.
     *
     * @param queuedAt when it came, on the poller's ticker
     * @param whose    the pile it is for, as the log names it: {@code pile a (unit 7)}, or {@code unit 7} when its
     *                 driver did not say
     */
    record Pending(Exchange exchange, CompletableFuture<int[]> answer, Tick queuedAt, String whose) {
    }

    private final String bus;
    private final Ticker ticker;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private boolean closed;

    PileRequests(String bus, Ticker ticker) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** Where pile {@code pileId}'s driver sends: the same queue, its requests named by the pile in the poller's log. */
    public ModbusLink forPile(String pileId) {
        Objects.requireNonNull(pileId, "pileId");
        PileRequests queue = this;
        return new ModbusLink() {
            @Override
            public int[] read(int unitId, FunctionCode function, int start, int count)
                    throws FieldReadException, InterruptedException {
                return queue.submit(whose(pileId, unitId), link -> link.read(unitId, function, start, count));
            }

            @Override
            public int[] read(int unitId, FunctionCode function, int start, int count, Duration timeout)
                    throws FieldReadException, InterruptedException {
                return queue.submit(whose(pileId, unitId), link -> link.read(unitId, function, start, count, timeout));
            }

            @Override
            public void write(int unitId, WriteFunction function, int address, int raw)
                    throws FieldReadException, InterruptedException {
                queue.write(whose(pileId, unitId), unitId, function, address, raw);
            }

            @Override
            public void disconnect() {
                queue.disconnect();
            }

            @Override
            public void close() {
                queue.close();
            }
        };
    }

    private static String whose(String pileId, int unitId) {
        return pileId == null ? "unit " + unitId : "pile " + pileId + " (unit " + unitId + ")";
    }

    @Override
    public int[] read(int unitId, FunctionCode function, int start, int count)
            throws FieldReadException, InterruptedException {
        return submit(whose(null, unitId), link -> link.read(unitId, function, start, count));
    }

    @Override
    public int[] read(int unitId, FunctionCode function, int start, int count, Duration timeout)
            throws FieldReadException, InterruptedException {
        return submit(whose(null, unitId), link -> link.read(unitId, function, start, count, timeout));
    }

    @Override
    public void write(int unitId, WriteFunction function, int address, int raw)
            throws FieldReadException, InterruptedException {
        write(whose(null, unitId), unitId, function, address, raw);
    }

    private void write(String whose, int unitId, WriteFunction function, int address, int raw)
            throws FieldReadException, InterruptedException {
        submit(whose, link -> {
            link.write(unitId, function, address, raw);
            return new int[0];
        });
    }

    private int[] submit(String whose, Exchange exchange) throws FieldReadException, InterruptedException {
        Pending p = new Pending(exchange, new CompletableFuture<>(), ticker.now(), whose);
        synchronized (this) {
            if (closed) {
                throw stopped();
            }
            queue.addLast(p);
            notifyAll();
        }
        try {
            return p.answer().get();
        } catch (InterruptedException stop) {
            p.answer().cancel(false); // the poller skips it if not begun
            throw stop;
        } catch (CancellationException e) {
            throw stopped();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FieldReadException f) {
                throw f;
            }
            if (e.getCause() instanceof InterruptedException) {
                throw stopped(); // the poller stopped while this request waited, or while it ran it
            }
            throw new IllegalStateException("bus " + bus + ": a pile's request failed unexpectedly", e.getCause());
        }
    }

    private InterruptedException stopped() {
        return new InterruptedException("bus " + bus + ": its poller stopped");
    }

    /** The oldest request still wanted, left queued; empty when none. */
    synchronized Optional<Pending> peek() {
        while (!queue.isEmpty() && queue.peekFirst().answer().isDone()) {
            queue.removeFirst(); // withdrawn by a stop
        }
        return Optional.ofNullable(queue.peekFirst());
    }

    /** How many requests still wanted, not yet begun, came at least {@code d} ago on the poller's ticker. */
    synchronized int waitedAtLeast(Duration d) {
        Tick now = ticker.now();
        return (int) queue.stream()
                .filter(p -> !p.answer().isDone() && now.since(p.queuedAt()).compareTo(d) >= 0)
                .count();
    }

    /** The requests still wanted, not yet begun, oldest first. */
    synchronized List<Pending> waitingNow() {
        return queue.stream().filter(p -> !p.answer().isDone()).toList();
    }

    /** Takes {@code p}, the request {@link #peek} gave, off the queue to run it. */
    synchronized void take(Pending p) {
        queue.remove(p);
    }

    /**
     * Waits up to {@code d} for a request to come; whether one is queued. Bounded on the JVM's clock, not the poller's
     * ticker: it bounds a monitor wait, which only the JVM's clock ends, and a hand-moved ticker standing still would
     * keep it waiting for ever; the poller paces what is left of its wait on its ticker after it.
     */
    synchronized boolean awaitAny(Duration d) throws InterruptedException {
        long until = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); queue.isEmpty() && left > 0; left = until - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return !queue.isEmpty();
    }

    /** Nothing: the connection is the poller's link's. */
    @Override
    public void disconnect() {
        // the poller's to drop
    }

    /** Nothing: a pile driver closing leaves the bus to its poller, which {@link #stop}s this. */
    @Override
    public void close() {
        // the poller's to stop
    }

    /** Ends every waiting request, and every later one, as a stop. */
    void stop() {
        synchronized (this) {
            closed = true;
            queue.forEach(p -> p.answer().completeExceptionally(stopped()));
            queue.clear();
            notifyAll();
        }
    }
}
