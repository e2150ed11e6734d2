package org.orderly.gateway.field.modbus;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.MeterPoller;
import org.orderly.gateway.field.PollingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the meters of one bus on one thread. Each cycle reads every transformer meter, then pile meters round-robin
 * (continuing where the last cycle stopped) while the cycle has room, then waits for the next cycle. Requests are
 * strictly serial, separated by the bus's inter-frame gap; a failed request is retried with doubling backoff, except an
 * exception response, which the meter would only repeat. A busy answer (exception 06) is asked again as
 * {@link BusyRetry#DEFAULT} says, on this poller's sleeper. On a bus with a transformer meter the next cycle's
 * transformer read, the overload protection's, must not be pushed late by anything before it: a pile meter is begun
 * only while the cycle has room for its gap and a timeout, a retry only while it has room for its backoff and a
 * timeout, a busy retry only while the wait and the request after it fit; a meter denied one is stale for that cycle,
 * not late, and a failure whose retries had no room is reported with the requests that were sent. A bus without a
 * transformer meter has nothing due at a cycle's end and holds none of them to it. A pile meter's further blocks are
 * not held to it: one that answered its first answers the next as quickly, and one that stops answering ends its read
 * at that timeout. A meter that timed out or stayed busy is not asked for its remaining blocks in that cycle. A stop
 * (the thread interrupted) ends the poll as a stop, reporting nothing.
 * Every failure goes to the {@link PollListener} and the log; none stops the loop. Readings and failures are stamped
 * with the wall clock; the pacing and each reading's age go by the ticker, which NTP cannot step.
 */
public final class BusPoller implements MeterPoller {

    private static final Logger LOG = LoggerFactory.getLogger(BusPoller.class);

    private final Bus bus;
    private final ModbusLink link;
    private final LatestReadings store;
    private final PollListener listener;
    private final Clock clock;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final List<Meter> transformers;
    private final List<Meter> piles;
    private final Map<String, FailureKind> failing = new HashMap<>();
    private final PollingLoop<Meter> cycles;
    private Tick lastExchangeEnd;

    /** @param link sends each request once: a busy answer is asked again here, not by the link */
    public BusPoller(Bus bus, ModbusLink link, LatestReadings store, PollListener listener, Clock clock, Ticker ticker,
                     Sleeper sleeper) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.link = Objects.requireNonNull(link, "link");
        this.store = Objects.requireNonNull(store, "store");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.transformers = bus.meters().stream().filter(m -> m.role() == MeterRole.TRANSFORMER).toList();
        this.piles = bus.meters().stream().filter(m -> m.role() == MeterRole.PILE).toList();
        this.cycles = new PollingLoop<>("bus " + bus.name(), transformers, piles, bus.timing().cycle(), false,
                guardsTransformers() ? bus.timing().interFrameGap().plus(bus.timing().timeout()) : Duration.ZERO,
                ticker, sleeper, this::pollMeter);
    }

    /** A poller talking to real hardware through j2mod, sleeping in real time. */
    public static BusPoller overJ2mod(Bus bus, LatestReadings store, PollListener listener, Clock clock,
                                      Ticker ticker) {
        return new BusPoller(bus, new J2modLink(new ModbusConnection(bus.endpoint(), bus.timing().timeout(), BusyRetry.NONE)),
                store, listener, clock, ticker, Sleeper.REAL);
    }

    /** Starts the bus thread. */
    @Override
    public void start() {
        cycles.start("modbus-" + bus.name());
        LOG.info("polling bus {} at {}: {} transformer meter(s), {} pile meter(s), cycle {}",
                bus.name(), bus.endpoint(), transformers.size(), piles.size(), bus.timing().cycle());
    }

    /** One cycle: transformer meters, then piles round-robin while time is left, then the wait. */
    public void runCycle() throws InterruptedException {
        cycles.runCycle();
    }

    /** Reads every block of {@code meter} and publishes what was read. */
    void pollMeter(Meter meter) throws InterruptedException {
        Map<String, Double> values = new LinkedHashMap<>();
        for (ReadBlock block : meter.blocks()) {
            int[] words;
            try {
                words = readWithRetries(meter, block);
            } catch (Failed f) {
                report(meter, block, f);
                if (f.error.kind() == FailureKind.TIMEOUT || f.error.kind() == FailureKind.CONNECTION
                        || f.error.kind() == FailureKind.BUSY) {
                    break;
                }
                continue;
            }
            for (RegisterPoint p : block.points()) {
                values.put(p.quantity(), RegisterDecoder.decode(words, p.address() - block.start(), p));
            }
        }
        if (!values.isEmpty()) {
            Reading reading = new Reading(meter.id(), values, clock.instant(), ticker.now());
            store.publish(reading);
            FailureKind was = failing.remove(meter.id());
            if (was != null) {
                LOG.info("bus {}: meter {} (unit {}) answering again after {}", bus.name(), meter.id(), meter.unitId(), was);
            }
            notify(() -> listener.onReading(reading));
        }
    }

    private int[] readWithRetries(Meter meter, ReadBlock block) throws InterruptedException, Failed {
        BusTiming timing = bus.timing();
        Requests requests = new Requests(meter, block);
        FieldReadException last = null;
        for (int retry = 0; retry <= timing.retries(); retry++) {
            if (retry > 0) {
                Duration backoff = timing.backoffBefore(retry);
                if (!cycleHasRoomFor(backoff, timing.timeout())) {
                    break; // it could time out past the cycle's end: stale for a cycle rather than the transformer late
                }
                sleeper.sleep(backoff);
            }
            try {
                return BusyRetry.DEFAULT.run(requests::send, sleeper, wait -> cycleHasRoomFor(wait, requests.lastTook));
            } catch (FieldReadException e) {
                last = e;
                if (e.kind() == FailureKind.EXCEPTION_RESPONSE || e.kind() == FailureKind.BUSY) {
                    break; // refused; or busy on each try the busy retry had time for
                }
            }
        }
        throw new Failed(last, requests.sent);
    }

    /**
     * Whether a meter may be asked again after {@code wait}: only if that request, taking {@code requestTakes}, ends by
     * the end of the cycle, when the next cycle's transformer meters are due. A retry after a timeout or a garbled
     * answer is given the timeout: the meter is already failing. A busy meter's is given as long as its busy answer
     * took: it does answer, and the timeout would leave a busy retry no room on the gateway's 500 ms cycle and 300 ms
     * timeout. Always on a bus without a transformer meter.
     */
    private boolean cycleHasRoomFor(Duration wait, Duration requestTakes) {
        if (!guardsTransformers()) {
            return true;
        }
        Duration gap = bus.timing().interFrameGap();
        Duration untilSent = wait.compareTo(gap) < 0 ? gap : wait;
        return cycles.cycleEnd().map(end -> !end.isBefore(ticker.now().plus(untilSent).plus(requestTakes)))
                .orElse(true);
    }

    /** Whether the cycle's end is a transformer meter's read, which nothing before it may push late. */
    private boolean guardsTransformers() {
        return !transformers.isEmpty();
    }

    /** The requests for one block, counted and timed: each is sent after the bus's gap. */
    private final class Requests {
        private final Meter meter;
        private final ReadBlock block;
        private int sent;
        private Duration lastTook = Duration.ZERO;

        Requests(Meter meter, ReadBlock block) {
            this.meter = meter;
            this.block = block;
        }

        int[] send() throws FieldReadException, InterruptedException {
            awaitGap();
            sent++;
            Tick start = ticker.now();
            try {
                return link.read(meter.unitId(), block.function(), block.start(), block.count());
            } finally {
                lastExchangeEnd = ticker.now();
                lastTook = lastExchangeEnd.since(start);
            }
        }
    }

    private void awaitGap() throws InterruptedException {
        if (lastExchangeEnd != null) {
            Duration wait = lastExchangeEnd.plus(bus.timing().interFrameGap()).since(ticker.now());
            if (!wait.isNegative() && !wait.isZero()) {
                sleeper.sleep(wait);
            }
        }
    }

    private void report(Meter meter, ReadBlock block, Failed f) {
        PollFailure failure = new PollFailure(bus.name(), meter.id(), block, f.error.kind(), f.attempts,
                f.error.getMessage(), clock.instant());
        FailureKind before = failing.put(meter.id(), f.error.kind());
        if (before != f.error.kind()) {
            LOG.warn("bus {}: meter {} (unit {}) {} failed after {} attempt(s): {}", bus.name(), meter.id(),
                    meter.unitId(), block, f.attempts, f.error.getMessage());
        } else {
            LOG.debug("bus {}: meter {} (unit {}) {} failed again after {} attempt(s): {}", bus.name(), meter.id(),
                    meter.unitId(), block, f.attempts, f.error.getMessage());
        }
        notify(() -> listener.onFailure(failure));
    }

    private void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("bus {}: poll listener threw; ignored", bus.name(), e);
        }
    }

    /** Stops the thread (waiting up to a cycle plus a timeout for it) and closes the link. */
    @Override
    public void close() {
        cycles.stop(bus.timing().cycle().plus(bus.timing().timeout()).multipliedBy(2));
        link.close();
    }

    /** A request that failed on every attempt. */
    private static final class Failed extends Exception {
        private final transient FieldReadException error;
        private final int attempts;

        Failed(FieldReadException error, int attempts) {
            super(error.getMessage(), error, false, false);
            this.error = error;
            this.attempts = attempts;
        }
    }
}
