package org.orderly.gateway.field.modbus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.FailureRateHint;
import org.orderly.gateway.field.LateAsks;
import org.orderly.gateway.field.LateCheck;
import org.orderly.gateway.field.MeterFailureLog;
import org.orderly.gateway.field.MeterPoller;
import org.orderly.gateway.field.PileReadTimes;
import org.orderly.gateway.field.PollingLoop;
import org.orderly.gateway.field.PortAdvice;
import org.orderly.gateway.field.RetryAfterCut;
import org.orderly.gateway.field.SerialPortMissing;
import org.orderly.gateway.field.SerialPortNotOpened;
import org.orderly.gateway.field.TimeoutBound;
import org.orderly.text.Count;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the meters of one bus on one thread. Each cycle reads every transformer meter, then pile meters round-robin
 * (continuing where the last cycle stopped) while the cycle has room, then waits for the next cycle. Requests are
 * strictly serial, separated by the bus's inter-frame gap; a failed request is retried with doubling backoff, except an
 * exception response, which the meter would only repeat. A busy answer (exception 06) is asked again as
 * {@link BusyRetry#DEFAULT} says, on this poller's sleeper. On a bus with a transformer meter the next cycle's
 * transformer read, the overload protection's, must not be pushed late by anything before it: a pile meter's request
 * waits for its answer no longer than is left before the gap before that read, so one silent late in a cycle costs
 * only the rest of the cycle, and that cut is no failure of the meter, only a pile not read this cycle. A pile meter is
 * begun while the cycle has room for its read as long as its last one took (a tenth more), or a whole timeout when that
 * is not known (not read yet, failed, cut short); a retry only while the cycle has room for its backoff and a timeout,
 * a busy retry only while the wait and the request after it fit; a meter denied one is stale for that cycle, not late,
 * and a failure whose retries had no room is reported with the requests that were sent. A transformer meter's retry
 * also leaves room for each pile driver's request that has waited a whole cycle ({@link #keptForPiles}). A bus without
 * a transformer meter has nothing due at a cycle's end and holds none of them to it. A meter that timed out or stayed
 * busy is not asked for its remaining blocks in that cycle; a poll with a block lost so (or garbled) publishes nothing,
 * the meter's last reading kept, so that half a reading never replaces a whole one ({@link #pollMeter}). A stop (the
 * thread interrupted) ends the poll as a stop, reporting nothing.
 * On a serial bus the pile drivers send their reads and writes through this poller ({@link #pileRequests()}), the
 * port's one master: they run in order before each pile meter request and while a cycle is waited out, never among
 * the transformer meters' reads, each begun only with room for a whole timeout before the next transformer read; once
 * the oldest has waited {@link PileRequestWait#BOUND} for that room (a transformer meter too slow to leave it), they
 * are run in a turn ahead of the next cycle's transformer read, which waits for them ({@link #pileRequestsTurn}), and
 * the log says it once ({@link PileRequestWait}).
 * A serial port that will not open (or fails as a port) is said once, in one WARN naming the port, why and the meters
 * and piles on it, and tried again with back-off ({@link ShutPort}): meanwhile no request is sent, each meter's failure
 * is reported as before (the port not tried: no attempt) and each pile request fails at once, its driver told the bus
 * has said it ({@link BusPortShut}); once the port answers, INFO says so. The {@link PollListener} is told of each
 * try that fails ({@link PollListener#onPortUnavailable}, the page's alarm) and of the port opening again.
 * Every failure goes to the log and the {@link PollListener} as {@link MeterFailureLog} says (WARN once a meter has
 * failed polls in a row, or one in 20 or more over 10 minutes, which the listener is told of too); none stops the loop.
 * A meter whose polls time out is asked again, given longer, to say whether it answers late and what timeout to give
 * (over j2mod only): when that WARN is said, in it, on a bus without a transformer meter, or of its one transformer
 * meter, whose reading is missing anyway ({@link LateAsks#atOnce}); otherwise after a later cycle's transformer reads, only
 * in what the cycle leaves before the next, in a line of its own ({@link #lateCheck}, {@link LateAsks}), so that the
 * ask never pushes the transformer read late.
 * Readings and failures are stamped with the clock it is given (the world's), a reading when its first request was sent
 * (as old as its oldest block, whichever holds the total), a failure when it was given up; the pacing and each
 * reading's age go by the ticker, which NTP cannot step.
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
    /** What the log says of the meters failing: WARN once one has failed polls in a row, or too many of them. */
    private final MeterFailureLog failureLog;
    /** How long each pile meter's last read took, every request answered, and its reads cut short in a row. */
    private final PileReadTimes pileReads;
    private final PollingLoop<Meter> cycles;
    private final PileRequests pileRequests;
    /** How long the pile requests have waited unrun, and when they are given a turn ahead of the transformer read. */
    private final PileRequestWait pileWait;
    /** This cycle's transformer meter reads, and the last cycle's: what took the cycle, when pile requests waited. */
    private List<TransformerRead> transformerReads = new ArrayList<>();
    private List<TransformerRead> lastTransformerReads = List.of();
    /** When this cycle's transformer meter reads began (after a turn of the pile requests), and the last cycle's. */
    private Tick transformersBegan;
    /** Pile requests run in this cycle's room (not in a turn), and in the last cycle's. */
    private int pileRequestsRun;
    private int lastPileRequestsRun;
    /** Requests sent to meters, each try counted: a transformer meter's read counts its own. */
    private int meterRequestsSent;
    /** A serial bus's port while it will not open; never shut on TCP, whose connections are each request's. */
    private final ShutPort port;
    private final boolean serial;
    /** Whether a meter whose polls time out is asked again, given longer ({@link #lateCheck}). */
    private final boolean asksLate;
    /** The longest timeout the bus takes: what a meter answering late is told to give it is held to it. */
    private final TimeoutBound timeoutBound;
    /** Meters whose polls time out, asked given longer only in the room after a cycle's transformer reads. */
    private final LateAsks lateAsks;
    /** Pile drivers send their requests through this poller: it waits out a cycle ready to run them. */
    private volatile boolean servesPiles;
    /** The next cycle's start while this poller waits for it; null otherwise. */
    private Tick idleUntil;
    private Tick lastExchangeEnd;
    /** Why the port is shut, while it is: the cause of each request refused meanwhile. */
    private FieldReadException lastPortFailure;

    /**
     * @param link sends each request once: a busy answer is asked again here, not by the link
     * @param pileWaitBound how long a pile request waits for room before its turn ahead of the transformer read
     * @param asksLate whether {@code link} is j2mod's on the bus's endpoint, so that a meter whose polls time out may be
     *                 asked again, given longer, on a link of its own to that endpoint ({@link LateAnswer}): a
     *                 scripted link's endpoint has nothing behind it
     * @param timeoutBound the longest timeout the bus takes (less with Modbus piles on it), which a late meter's
     *                     advice is held to
     */
    BusPoller(Bus bus, ModbusLink link, LatestReadings store, PollListener listener, Clock clock, Ticker ticker,
              Sleeper sleeper, Duration pileWaitBound, boolean asksLate, TimeoutBound timeoutBound) {
        this.asksLate = asksLate;
        this.timeoutBound = Objects.requireNonNull(timeoutBound, "timeoutBound");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.link = Objects.requireNonNull(link, "link");
        this.store = Objects.requireNonNull(store, "store");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.transformers = bus.meters().stream().filter(m -> m.role() == MeterRole.TRANSFORMER).toList();
        this.piles = bus.meters().stream().filter(m -> m.role() == MeterRole.PILE).toList();
        this.pileRequests = new PileRequests(bus.name(), ticker);
        this.pileWait = new PileRequestWait(bus.name(), pileWaitBound);
        this.failureLog = new MeterFailureLog(LOG, "bus " + bus.name(), FailureRateHint.of(bus.endpoint()), ticker,
                listener);
        this.lateAsks = new LateAsks(LOG, "bus " + bus.name());
        this.pileReads = new PileReadTimes(LOG, "bus " + bus.name(), "give the transformer meter a bus of its own");
        this.serial = bus.endpoint() instanceof BusEndpoint.Serial;
        this.port = new ShutPort(bus.timing().cycle());
        this.cycles = new PollingLoop<>("bus " + bus.name(), transformers, piles, bus.timing().cycle(), false,
                guardsTransformers() ? this::roomToBegin : PollingLoop.PileRoom.any(), ticker, this::idle,
                this::pollThenAsk);
    }

    /**
     * A poller talking to real hardware through j2mod, sleeping in real time.
     *
     * @param timeoutBound the longest {@code timing.timeoutMs} the bus takes, which what a meter answering late is told
     *                     to give it is held to
     */
    public static BusPoller overJ2mod(Bus bus, TimeoutBound timeoutBound, LatestReadings store, PollListener listener,
                                      Clock clock, Ticker ticker) {
        return new BusPoller(bus, new J2modLink(new ModbusConnection(bus.endpoint(), bus.timing().timeout(), BusyRetry.NONE)),
                store, listener, clock, ticker, Sleeper.REAL, PileRequestWait.BOUND, true, timeoutBound);
    }

    /** Starts the bus thread. */
    @Override
    public void start() {
        cycles.start("modbus-" + bus.name());
        LOG.info("polling bus {} at {}: {}, {}, cycle {}", bus.name(), bus.endpoint(),
                Count.of(transformers.size(), "transformer meter"), Count.of(piles.size(), "pile meter"), bus.timing().cycle());
    }

    /**
     * Where the pile drivers of this bus send their reads and writes, so that one master serves the port: this poller
     * runs them from now on.
     */
    public PileRequests pileRequests() {
        servesPiles = true;
        return pileRequests;
    }

    /** One cycle: transformer meters, then piles round-robin while time is left, then the wait. */
    public void runCycle() throws InterruptedException {
        cycles.runCycle();
    }

    /**
     * How much of the cycle must be left to begin {@code pile} on a bus with a transformer meter: the gap before it,
     * its read, and the gap before the transformer's request. Its read is taken to last as long as its last one did,
     * with a tenth more for jitter (a pile meter slower than that is cut short, stale for a round, and the transformer
     * on time all the same: the margin spares reads, it does not guard the transformer), or, not known (not read yet,
     * or its last read failed or was cut short), a whole timeout: a pile meter falling silent is then given one, and
     * reported as timing out, before it is begun late in a cycle again.
     */
    private Duration roomToBegin(Meter pile) {
        return pileReads.roomToBegin(pile.id(), bus.timing().interFrameGap(), bus.timing().timeout());
    }

    /**
     * Polls {@code meter}; after the last transformer meter's, asks a meter whose polls time out again, given longer,
     * in the room the cycle leaves ({@link #askLateInRoom}).
     */
    private void pollThenAsk(Meter meter) throws InterruptedException {
        pollMeter(meter);
        if (lateAsks.waiting() && meter == transformers.get(transformers.size() - 1)) {
            askLateInRoom();
        }
    }

    /**
     * Reads every block of {@code meter} and publishes what was read: all of it, or without the blocks it refused (an
     * exception response: registers it does not serve); nothing when a block was lost to a timeout, a lost
     * connection, a busy meter or a garbled answer, the last reading kept (it ages, and goes stale, as it would).
     */
    void pollMeter(Meter meter) throws InterruptedException {
        if (meter.role() == MeterRole.TRANSFORMER && meter == transformers.get(0)) {
            beginCycle();
        }
        Map<String, Double> values = new LinkedHashMap<>();
        failureLog.pollBegan(meter.id(), named(meter));
        awaitGap();
        // Stamped when its first request goes out, not when its last answer came: Reading says why.
        Tick began = ticker.now();
        Instant beganAt = clock.instant();
        int sentBefore = meterRequestsSent;
        int blocksAsked = 0;
        int blocksFailed = 0;
        boolean answered = true;
        // A block lost to a fault (not refused): what the poll read is not published, as half a reading it would
        // replace the whole last one, the total among what it lacks (the control would see no reading at all).
        boolean lost = false;
        Duration servingPiles = Duration.ZERO;
        for (ReadBlock block : meter.blocks()) {
            blocksAsked++;
            if (meter.role() == MeterRole.PILE) {
                Tick serving = ticker.now();
                servePiles();
                servingPiles = servingPiles.plus(ticker.now().since(serving));
            }
            int[] words;
            try {
                words = readWithRetries(meter, block);
            } catch (FailedRead f) {
                blocksFailed++;
                report(meter, block, f);
                lost |= !f.error().kind().refusal();
                if (f.error().kind() == FailureKind.TIMEOUT || f.error().kind() == FailureKind.CONNECTION
                        || f.error().kind() == FailureKind.BUSY) {
                    answered = false;
                    break;
                }
                continue;
            } catch (CutShort c) {
                notReadThisCycle(meter, block, c);
                return;
            }
            for (RegisterPoint p : block.points()) {
                values.put(p.quantity(), RegisterDecoder.decode(words, p.address() - block.start(), p));
            }
        }
        if (meter.role() == MeterRole.PILE) {
            remember(meter, answered ? ticker.now().since(began).minus(servingPiles) : null);
        } else {
            Tick ended = ticker.now();
            transformerReads.add(new TransformerRead(meter, blocksAsked, blocksFailed, meterRequestsSent - sentBefore,
                    ended.since(began), ended));
        }
        if (blocksFailed == 0) {
            failureLog.answeredWhole(meter.id(), named(meter));
            lateAsks.forget(meter.id());
        }
        if (!values.isEmpty() && !lost) {
            Reading reading = new Reading(meter.id(), values, beganAt, began);
            store.publish(reading);
            notify(() -> listener.onReading(reading));
        }
    }

    /**
     * A pile meter whose request was cut short at the cycle's end: not a failure of the meter (nothing reported, its
     * failing state as it was), a pile not read this cycle, as one not begun for want of room. What its earlier blocks
     * gave is dropped: a reading replaces the whole last one, and a complete reading a round older serves better than
     * half a fresh one. Its read is begun again only with room for a whole timeout.
     */
    private void notReadThisCycle(Meter meter, ReadBlock block, CutShort c) {
        pileReads.cutShort(meter.id(), pileNamed(meter), block, c.timeout.toString());
    }

    /** A pile meter's last read: how long it took, every request answered; null when it failed or was cut short. */
    private void remember(Meter pile, Duration took) {
        pileReads.readEnded(pile.id(), pileNamed(pile), took);
    }

    /** A pile meter as the log lines on its reads name it. */
    private static String pileNamed(Meter pile) {
        return "pile meter " + pile.id() + " (unit " + pile.unitId() + ")";
    }

    private int[] readWithRetries(Meter meter, ReadBlock block) throws InterruptedException, FailedRead, CutShort {
        BusTiming timing = bus.timing();
        Requests requests = new Requests(meter, block);
        FieldReadException last = null;
        for (int retry = 0; retry <= timing.retries(); retry++) {
            if (retry > 0) {
                Duration backoff = timing.backoffBefore(retry);
                if (!cycleHasRoomForRetry(backoff, last, meter)) {
                    break; // it could time out past the cycle's end: stale for a cycle rather than the transformer late
                }
                sleeper.sleep(backoff);
            }
            try {
                return BusyRetry.DEFAULT.run(requests::send, sleeper,
                        wait -> cycleHasRoomFor(wait, requests.lastTook.plus(keptForPiles(meter))));
            } catch (FieldReadException e) {
                if (requests.cutShortIn != null) {
                    throw new CutShort(requests.cutShortIn);
                }
                last = AnsweredBusyBefore.told(e);
                if (e.kind() == FailureKind.EXCEPTION_RESPONSE || e.kind() == FailureKind.BUSY) {
                    break; // refused; or busy on each try the busy retry had time for
                }
                if (port.isShut()) {
                    break; // the port is tried again on its own back-off, not the meter's retries
                }
            }
        }
        throw new FailedRead(last, requests.sent);
    }

    /**
     * Whether the cycle has room for a retry of {@code meter} after {@code last}, its backoff {@code wait} first: a
     * retry after a timeout, a garbled answer or a lost connection is given the timeout; after an exchange cut at its
     * deadline while the meter still replied (a reply a byte at a time), on a serial bus with a transformer meter none
     * in that cycle, for any meter, the transformer meter too ({@link RetryAfterCut}, the DL/T 645 poller's rule with
     * the same inputs: the cut also closed the port, which the retry would open again), on TCP the cut's deadline
     * alone (the next request's connection is new, and nothing of the old reply meets it). Until 2026-12-07 both were
     * counted as the quiet wait and the cut: on the pty rig (a byte every 100 ms, 300 ms timeout, 1600 ms cycle) a
     * serial retry counted as 718 ms took 1005, past the cycle's end, and a TCP
     * meter cut at 400 ms was not retried where its retry fitted (400 + 20 + 700 + 10 ms counted, over the 1 s cycle;
     * {@code DrippingRtuRetryTest}, {@code DrippingRetryRoomTest}).
     */
    private boolean cycleHasRoomForRetry(Duration wait, FieldReadException last, Meter meter) {
        Optional<ReplyCut> cut = last.replyCut();
        if (retryBarredByCut(cut, serial, !transformers.isEmpty())) {
            return false;
        }
        Duration takes = cut.map(ReplyCut::deadline).orElse(bus.timing().timeout());
        return cycleHasRoomFor(wait, takes.plus(keptForPiles(meter)));
    }

    /**
     * Whether {@link RetryAfterCut} bars the retry after {@code cut}: only a cut whose rest may still come down a serial
     * line ({@link ReplyCut#restMayStillCome}); a port timeout after another unit's address has had the quiet the retry
     * would wait for, and the retry is judged by room as after a silent unit (until 2026-12-07, mend61f, it was barred:
     * a pile meter after a transformer meter tried once in the cycle, not three times: {@code BusPollerRetryAfterCutTest}).
     */
    static boolean retryBarredByCut(Optional<ReplyCut> cut, boolean serial, boolean lineHasTransformerMeter) {
        return RetryAfterCut.barred(cut.filter(ReplyCut::restMayStillCome).isPresent() && serial, lineHasTransformerMeter);
    }

    /**
     * What a transformer meter's retry must leave of the cycle, beyond its own gap after it, for the pile drivers'
     * requests that have waited a whole cycle: the gap before each and a whole timeout. Its tries could otherwise fill
     * every cycle while it is silent (on the default timing three end 960 ms into a 1 s cycle), and the piles'
     * requests, each begun only with room for a whole timeout, would wait for as long as the meter stays silent, their
     * leases lapsing unrenewed. Only those passed over: on a bus whose transformer reads leave a pile request its room,
     * one that came too late for a cycle's room is run after the next cycle's transformer reads, less than a cycle
     * after it came, so a request that has waited a cycle was kept by what the meter's reads took. One that has not can
     * wait for the retry of a garbled or lost answer, which gives the control this cycle's reading rather than the last
     * one's (with Modbus piles reading their status every second some request nearly always waits). The meter's first
     * try is always sent; a retry gives way, the meter asked again next cycle. Nothing for a pile meter, whose read
     * comes after the queued requests (they run before each of its blocks).
     */
    private Duration keptForPiles(Meter meter) {
        if (meter.role() != MeterRole.TRANSFORMER || !servesPiles) {
            return Duration.ZERO;
        }
        int passedOver = pileRequests.waitedAtLeast(bus.timing().cycle());
        return bus.timing().interFrameGap().plus(bus.timing().timeout()).multipliedBy(passedOver);
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
        return cycles.cycleEnd().or(() -> Optional.ofNullable(idleUntil))
                .map(end -> !end.isBefore(ticker.now().plus(untilSent).plus(requestTakes).plus(gap)))
                .orElse(true);
    }

    /**
     * How long a request to {@code meter} sent now may wait for its answer: the bus's timeout, or for a pile meter on
     * a bus with a transformer meter no longer than is left before the gap before the next transformer read, in whole
     * steps of the link's timeout (a millisecond on TCP, j2mod's unit; a tenth of a second on a serial port), so that a
     * pile silent late in a cycle costs only what is left of it. Zero when not a step is left.
     */
    private Duration timeoutFor(Meter meter) {
        Duration full = bus.timing().timeout();
        if (meter.role() != MeterRole.PILE || !guardsTransformers()) {
            return full;
        }
        Duration gap = bus.timing().interFrameGap();
        long step = timeoutStep().toMillis();
        return cycles.cycleEnd().map(end -> end.since(ticker.now()).minus(gap))
                .filter(left -> left.compareTo(full) < 0)
                .map(left -> left.isNegative() ? Duration.ZERO : Duration.ofMillis(left.toMillis() / step * step))
                .orElse(full);
    }

    /**
     * The steps in which the link keeps a timeout. A serial port through j2mod and jSerialComm waits in tenths of a
     * second, rounded to the nearest and at least one (measured on Linux, RequestTimeoutTest: 10 to 110 ms waited
     * 102-107 ms, 150 and 190 ms 203-207, 250 ms 308-319): a timeout cut to what is left is cut to whole tenths
     * there, none when less than a tenth is left. A TCP socket keeps it to the millisecond.
     */
    private Duration timeoutStep() {
        return bus.endpoint() instanceof BusEndpoint.Serial ? Duration.ofMillis(100) : Duration.ofMillis(1);
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
        /** The timeout a request was given when the cycle's end cut it short; null while none was. */
        private Duration cutShortIn;

        Requests(Meter meter, ReadBlock block) {
            this.meter = meter;
            this.block = block;
        }

        int[] send() throws FieldReadException, InterruptedException {
            refuseWhileShut();
            awaitGap();
            Duration timeout = timeoutFor(meter);
            if (timeout.isZero()) {
                cutShortIn = timeout;
                throw new FieldReadException(FailureKind.TIMEOUT, "unit " + meter.unitId() + " " + block
                        + ": not sent, no room before the transformer read", null);
            }
            sent++;
            meterRequestsSent++;
            Tick start = ticker.now();
            try {
                // the link's own timeout is the bus's (overJ2mod): a request given all of it is sent as any other
                int[] words = timeout.equals(bus.timing().timeout())
                        ? link.read(meter.unitId(), block.function(), block.start(), block.count())
                        : link.read(meter.unitId(), block.function(), block.start(), block.count(), timeout);
                portAnswered();
                return words;
            } catch (FieldReadException e) {
                portFailedOrAnswered(e);
                // A timeout shorter than the bus's that ran out: the cycle's end, not the meter, ended the wait. A TCP
                // gateway's answer that the unit behind it is silent (0A, 0B) is the meter's failure as any.
                if (e.kind() == FailureKind.TIMEOUT && timeout.compareTo(bus.timing().timeout()) < 0
                        && !FailureClassifier.gatewaySaidNoReply(e)) {
                    cutShortIn = timeout;
                }
                throw e;
            } finally {
                lastExchangeEnd = ticker.now();
                lastTook = lastExchangeEnd.since(start);
            }
        }
    }

    /**
     * The wait between cycles: on a bus whose pile drivers send through this poller, spent running their requests as
     * they come; otherwise asleep. A request that does not fit before the next cycle's transformer read waits for it.
     */
    private void idle(Duration d) throws InterruptedException {
        if (!servesPiles) {
            sleeper.sleep(d);
            return;
        }
        Tick until = ticker.now().plus(d);
        idleUntil = until;
        try {
            for (;;) {
                boolean allRun = servePiles();
                Duration left = until.since(ticker.now());
                if (left.isNegative() || left.isZero()) {
                    return;
                }
                if (!allRun) {
                    sleeper.sleep(left);
                    return;
                }
                if (!pileRequests.awaitAny(left)) {
                    // none came: what the ticker says is still left, as a sleeper paces the poller's cycles
                    Duration rest = until.since(ticker.now());
                    if (rest.compareTo(Duration.ZERO) > 0) {
                        sleeper.sleep(rest);
                    }
                    return;
                }
            }
        } finally {
            idleUntil = null;
        }
    }

    /**
     * Runs the pile drivers' queued requests, oldest first, each once (a busy pile asked again as
     * {@link BusyRetry#DEFAULT} says), after the bus's gap; on a bus with a transformer meter each only while the gap,
     * the bus's whole timeout and the gap before the next transformer read are left. A request never has its wait cut
     * short: it is not begun without room for all of it. Whether every queued request was run.
     */
    private boolean servePiles() throws InterruptedException {
        Duration timeout = bus.timing().timeout();
        for (Optional<PileRequests.Pending> next = pileRequests.peek(); next.isPresent(); next = pileRequests.peek()) {
            if (!cycleHasRoomFor(Duration.ZERO, timeout)) {
                return false;
            }
            PileRequests.Pending p = next.get();
            pileRequests.take(p);
            runPileRequest(p, wait -> cycleHasRoomFor(wait, timeout));
            pileRequestsRun++;
        }
        return true;
    }

    /**
     * At a cycle's start, before its transformer meter reads: the last cycle's account closed, and the pile requests'
     * turn when the oldest has waited {@link PileRequestWait#BOUND} for room (said then: {@link PileRequestWait}).
     */
    private void beginCycle() throws InterruptedException {
        lastTransformerReads = List.copyOf(transformerReads);
        transformerReads = new ArrayList<>();
        lastPileRequestsRun = pileRequestsRun;
        pileRequestsRun = 0;
        Tick lastBegan = transformersBegan;
        if (servesPiles && pileWait.turnDue(pileRequests.waitingNow(), ticker.now(), () -> whatTookTheCycle(lastBegan))) {
            pileRequestsTurn();
        }
        transformersBegan = ticker.now();
    }

    /**
     * The pile requests' turn ahead of the transformer read: every request waiting, oldest first, each with the bus's
     * whole timeout, and those their drivers send meanwhile (a status read's next register, the limit after the
     * watchdog: sent as soon as the answer before is back, so waited for through the gap the bus keeps anyway), until
     * none comes or the turn has lasted a cycle. The transformer read waits for it: late by at most a cycle, the gap
     * and a timeout, once in {@link PileRequestWait#BOUND} at most, where the piles' leases would otherwise lapse.
     */
    private void pileRequestsTurn() throws InterruptedException {
        Tick began = ticker.now();
        Duration longest = bus.timing().cycle();
        int run = 0;
        while (ticker.now().since(began).compareTo(longest) < 0) {
            Optional<PileRequests.Pending> next = pileRequests.peek();
            if (next.isEmpty() && pileRequests.awaitAny(bus.timing().interFrameGap())) {
                next = pileRequests.peek();
            }
            if (next.isEmpty()) {
                break;
            }
            PileRequests.Pending p = next.get();
            pileRequests.take(p);
            runPileRequest(p, wait -> ticker.now().plus(wait).since(began).compareTo(longest) < 0);
            run++;
        }
        LOG.debug("bus {}: {} run ahead of the transformer read in {} ms", bus.name(), Count.of(run, "pile request"),
                ticker.now().since(began).toMillis());
    }

    /**
     * What the WARN of pile requests waiting says took the last cycle: its transformer meter reads (each meter's
     * requests, tries and retries, and how long they took), what they left of it, and the pile requests run in that.
     */
    private String whatTookTheCycle(Tick lastBegan) {
        Duration cycle = bus.timing().cycle();
        // from the cycle's start to the last meter's last answer, the gaps between its reads too
        Duration took = lastBegan == null || lastTransformerReads.isEmpty()
                ? lastTransformerReads.stream().map(TransformerRead::took).reduce(Duration.ZERO, Duration::plus)
                : lastTransformerReads.get(lastTransformerReads.size() - 1).ended().since(lastBegan);
        Duration left = cycle.minus(took);
        Duration room = bus.timing().interFrameGap().plus(bus.timing().timeout()).plus(bus.timing().interFrameGap());
        return "in the last cycle of " + cycle.toMillis() + " ms the transformer meter reads took " + took.toMillis()
                + " ms (" + String.join("; ", lastTransformerReads.stream().map(TransformerRead::toString).toList())
                + "), leaving " + (left.isNegative() ? 0 : left.toMillis()) + " ms, in which "
                + Count.of(lastPileRequestsRun, "pile request") + " ran; each is begun only with " + room.toMillis()
                + " ms left (the gap, the bus's whole "
                + bus.timing().timeout().toMillis() + " ms timeout, the gap before the transformer read)";
    }

    /**
     * One pile request, run on the link after the gap, a busy answer asked again while {@code busyRetry} allows; what
     * it answered or threw goes to its driver.
     */
    private void runPileRequest(PileRequests.Pending p, BusyRetry.Budget busyRetry) throws InterruptedException {
        try {
            refuseWhileShut();
            p.answer().complete(BusyRetry.DEFAULT.run(() -> {
                awaitGap();
                try {
                    int[] answer = p.exchange().run(link);
                    portAnswered();
                    return answer;
                } catch (FieldReadException e) {
                    portFailedOrAnswered(e);
                    throw e;
                } finally {
                    lastExchangeEnd = ticker.now();
                }
            }, sleeper, busyRetry));
        } catch (FieldReadException e) {
            // A timeout after busy answers says them, as a meter's does: the pile is there and was busy, not silent
            p.answer().completeExceptionally(port.isShut() && e.kind() == FailureKind.CONNECTION
                    ? new FieldReadException(FailureKind.CONNECTION, "bus " + bus.name() + ": its serial port is not open",
                            new BusPortShut(bus.name(), e))
                    : AnsweredBusyBefore.told(e));
        } catch (InterruptedException | RuntimeException e) {
            p.answer().completeExceptionally(e);
            throw e;
        }
    }

    /** Fails a request at once, sending nothing, while the port is shut and not due to be tried again. */
    private void refuseWhileShut() throws FieldReadException {
        if (serial && !port.mayTry(cycleStart())) {
            throw new FieldReadException(FailureKind.CONNECTION, "bus " + bus.name() + ": not sent: serial port "
                    + portName() + " is not open (tried again " + Count.of(port.waitCycles(), "cycle") + " after its last try)",
                    lastPortFailure);
        }
    }

    /** When the cycle this poller is in, or waits out, began: a shut port's tries are counted in cycles. */
    private Tick cycleStart() {
        Tick end = cycles.cycleEnd().orElse(idleUntil);
        return end == null ? ticker.now() : end.plus(bus.timing().cycle().negated());
    }

    /** After an exchange that failed: on a serial bus a lost connection is the port's failure, any other an answer. */
    private void portFailedOrAnswered(FieldReadException e) {
        if (!serial) {
            return;
        }
        if (e.kind() != FailureKind.CONNECTION) {
            portAnswered();
            return;
        }
        lastPortFailure = e;
        PortUnavailable unavailable = new PortUnavailable(bus.name(), portReason(e),
                bus.meters().stream().map(Meter::id).toList());
        notify(() -> listener.onPortUnavailable(unavailable));
        if (port.failed(cycleStart())) {
            LOG.warn("bus {}: {}; {}the port is tried again at the next cycle, then after twice as many cycles each time"
                    + " it stays shut, up to every {}", bus.name(), portShutWhy(e), dependents(), ShutPort.LONGEST_WAIT);
        } else {
            LOG.debug("bus {}: serial port {} still not open: {}; tried again in {}", bus.name(), portName(),
                    e.getMessage(), Count.of(port.waitCycles(), "cycle"));
        }
    }

    private void portAnswered() {
        if (!serial) {
            return;
        }
        int tries = port.opened();
        lastPortFailure = null;
        if (tries > 0) {
            LOG.info("bus {}: serial port {} open again after {} failed tries", bus.name(), portName(), tries);
            notify(() -> listener.onPortOpen(bus.name()));
        }
    }

    private String portName() {
        return ((BusEndpoint.Serial) bus.endpoint()).port();
    }

    /** Why the port would not open, and what to check, in the commissioning commands' words where they know it. */
    private String portShutWhy(FieldReadException e) {
        return PortAdvice.forBus(e, bus.name()).orElse(portReason(e));
    }

    /** Why the port would not open, without what to check: the words {@link #portShutWhy} begins with. */
    private String portReason(FieldReadException e) {
        return SerialPortMissing.in(e).map(Throwable::getMessage)
                .or(() -> SerialPortNotOpened.in(e).map(Throwable::getMessage))
                .orElse("serial port " + portName() + " failed: " + e.getMessage());
    }

    /** What the shut port keeps from working: its meters, not read, and its piles, not driven. */
    private String dependents() {
        StringBuilder says = new StringBuilder();
        if (!bus.meters().isEmpty()) {
            says.append("not read: ").append(String.join(", ", bus.meters().stream()
                    .map(m -> "meter " + m.id() + " (unit " + m.unitId() + ")").toList())).append("; ");
        }
        if (!bus.piles().isEmpty()) {
            says.append("not driven: ").append(String.join(", ", bus.piles().stream().map(p -> "pile " + p).toList()))
                    .append("; ");
        } else if (servesPiles) {
            says.append("not driven: the piles on it; ");
        }
        return says.toString();
    }

    private void awaitGap() throws InterruptedException {
        if (lastExchangeEnd != null) {
            Duration wait = lastExchangeEnd.plus(bus.timing().interFrameGap()).since(ticker.now());
            if (!wait.isNegative() && !wait.isZero()) {
                sleeper.sleep(wait);
            }
        }
    }

    private void report(Meter meter, ReadBlock block, FailedRead f) {
        PollFailure failure = new PollFailure(bus.name(), meter.id(), block.toString(), f.error().kind(), f.attempts(),
                f.error().getMessage(), clock.instant());
        if (f.error().kind() == FailureKind.CONNECTION && port.isShut()) {
            failureLog.failedAsSaid(named(meter), failure, "not read: the port is shut (said above): " + failure.message());
        } else {
            failureLog.failed(named(meter), failure,
                    block + " failed after " + Count.of(failure.attempts(), "attempt") + ": " + failure.message(),
                    asksLate && LateAnswer.silent(f.error()) ? lateCheck(meter, block) : whatCame(meter, block, f.error()));
        }
    }

    /**
     * How the WARN of {@code meter}, whose polls of {@code block} timed out, learns whether it answers given longer
     * ({@link LateAnswer}). On a bus with a transformer meter, whose next read nothing may push late, it is asked
     * later, only in what a cycle leaves after the transformer read ({@link LateAsks}), unless it is the bus's one
     * transformer meter: its reading, the one the ask could push late, is already missing (the control holds the
     * piles to what it allows without one), and it is asked at once, as on a bus without one, given the whole wait.
     */
    private LateCheck lateCheck(Meter meter, ReadBlock block) {
        Duration timeout = bus.timing().timeout();
        LateAsks.Ask ask = wait -> askOnce(meter, block, wait);
        Function<Duration, String> advice = took -> advice(took, timeout);
        boolean loneTransformer = meter.role() == MeterRole.TRANSFORMER && transformers.size() == 1;
        if (!guardsTransformers() || loneTransformer) {
            return lateAsks.atOnce(named(meter), timeout, ask, advice);
        }
        return lateAsks.later(meter.id(), named(meter), timeout, ask, advice);
    }

    /**
     * How the WARN of {@code meter}, whose Modbus TCP connection ended while a reply of {@code block} was awaited,
     * learns how much of a reply came ({@link ReplyBytes}): j2mod says the same of a server that closed without a word
     * and of a meter that sent part of its reply, and only the second is a meter that answers, to be looked at for
     * what cuts its replies. Asked on a connection of its own, the poller's dropped first (a converter may take one
     * at a time), given the bus's timeout for the whole reply, or for a pile meter on a bus with a transformer meter no
     * more than is left before the next transformer read ({@link #timeoutFor}); not of one of several transformer
     * meters, whose ask would push the next one's read late.
     */
    private LateCheck whatCame(Meter meter, ReadBlock block, FieldReadException error) {
        if (!asksLate || !(bus.endpoint() instanceof BusEndpoint.Tcp tcp) || error.kind() != FailureKind.CONNECTION
                || !FailureClassifier.endedEarly(error)
                || meter.role() == MeterRole.TRANSFORMER && transformers.size() > 1) {
            return LateCheck.NONE;
        }
        return () -> {
            Duration wait = timeoutFor(meter);
            if (wait.isZero()) {
                return Optional.empty();
            }
            link.disconnect();
            try {
                return ReplyBytes.ask(tcp, meter.unitId(), block.function(), block.start(), block.count(), wait)
                        .flatMap(ReplyBytes::cutShort);
            } finally {
                lastExchangeEnd = ticker.now();
            }
        };
    }

    /**
     * One ask of {@code meter} ({@link LateAnswer#once}) on a link of its own: the poller's is dropped first (a serial
     * port has one user at a time; the next request opens it again).
     */
    private Optional<Duration> askOnce(Meter meter, ReadBlock block, Duration wait) throws InterruptedException {
        link.disconnect();
        try {
            return LateAnswer.once(bus.endpoint(), meter.unitId(), block, wait);
        } finally {
            lastExchangeEnd = ticker.now();
        }
    }

    /**
     * Asks the first meter {@link LateAsks} holds, after the gap, given at most what is left before the gap before the
     * next transformer read, in the steps the link keeps a timeout in ({@link #timeoutStep}). The pile meters and pile
     * requests of the cycle have what the ask leaves, as after a slow transformer read.
     */
    private void askLateInRoom() throws InterruptedException {
        awaitGap();
        Duration gap = bus.timing().interFrameGap();
        long step = timeoutStep().toMillis();
        Duration room = cycles.cycleEnd().map(end -> end.since(ticker.now()).minus(gap))
                .map(left -> left.isNegative() ? Duration.ZERO : Duration.ofMillis(left.toMillis() / step * step))
                .orElse(Duration.ZERO);
        lateAsks.askIn(room);
    }

    /** What a meter that answered after {@code took} is told to give its bus. */
    private String advice(Duration took, Duration timeout) {
        return LateAnswer.advice("it", took, timeout, ms -> "timing.timeoutMs " + ms + " of bus '" + bus.name() + "'",
                timeoutBound);
    }

    /** The meter as log lines name it. */
    private static String named(Meter meter) {
        return "meter " + meter.id() + " (unit " + meter.unitId() + ")";
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
        pileRequests.stop();
        link.close();
    }

    /**
     * One transformer meter's read in a cycle, for the WARN of pile requests waiting: its blocks asked (the rest are
     * left for the next cycle after a timeout), those that failed, the requests sent for them (tries and retries), and
     * how long it took from its first request to its last answer.
     */
    private record TransformerRead(Meter meter, int blocks, int failed, int requests, Duration took, Tick ended) {

        @Override
        public String toString() {
            return named(meter) + ": " + Count.of(requests, "request") + " for " + Count.of(blocks, "block") + " in "
                    + took.toMillis() + " ms" + (failed == 0 ? "" : ", " + failed + " failed");
        }
    }

    /** A pile meter's request the cycle's end cut short, given {@link #timeout}: not read this cycle, not failed. */
    private static final class CutShort extends Exception {
        private final transient Duration timeout;

        CutShort(Duration timeout) {
            super("cut short at the cycle's end after " + timeout, null, false, false);
            this.timeout = timeout;
        }
    }
}
