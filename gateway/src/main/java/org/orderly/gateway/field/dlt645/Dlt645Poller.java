package org.orderly.gateway.field.dlt645;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
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
import org.orderly.gateway.field.SlowAnswer;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.FailedRead;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.PollFailure;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.PortUnavailable;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.field.modbus.Sleeper;
import org.orderly.gateway.field.TimeoutBound;
import org.orderly.text.Count;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the DL/T 645 meters of one RS-485 line on one thread, the way {@code BusPoller} polls Modbus: every
 * transformer meter each cycle, then pile meters round-robin, then the wait. On a line with a transformer meter, whose
 * next read nothing may push late (the overload protection's), a pile meter is begun only with room for its read before
 * it ({@link #roomToBegin}), its waits cut to what is left ({@link #waitFor}) and retried only with room for a whole
 * timeout; one cut short is not read this cycle, no failure of it, and the rest are carried to the next cycle. On a line
 * without one, at least one pile meter a cycle, each read to its end. A poll
 * reads the meter's identifiers in order, one exchange each (or one a block, for a meter with block reads on, until it
 * refuses the block, answers it at a length not the block's, or is silent to it while answering its first quantity
 * asked alone: then one a quantity, said once in a WARN), separated
 * by the line's gap and retried with backoff (a refusal is not retried); it publishes one {@link Reading} with what was
 * read (without what the meter refused; nothing when an identifier was lost to a fault, the meter's last reading kept),
 * stamped when its
 * first request was sent, as old as its oldest value (on the clock it is given, the world's, for display, on the ticker
 * for its age and for matching the piles' reports against; the pacing, too, goes by the ticker, which NTP cannot step).
 * A meter that does not answer is not asked for its other identifiers that cycle.
 * Every failure goes to the log and the {@link PollListener} as {@link MeterFailureLog} says, as the Modbus poller's
 * do: a failed poll between good ones is DEBUG, a meter whose polls fail three in a row one WARN, one failing one poll
 * in 20 or more over 10 minutes a WARN each such window (and its listener told, for the page's alarm), a port that will
 * not open (or is not there) a WARN at once, its listener told at each try and when it opens again; the line is
 * reopened after a port failure. None stops the loop. A meter whose polls time out is asked again, given longer, to
 * say whether it answers and what timeout to give the bus: in its WARN on a line without a transformer meter, or of
 * its one transformer meter ({@link LateAsks#atOnce}); otherwise in the wait at a later cycle's end, only in what is left
 * before the next transformer read, in a line of its own ({@link #lateCheck}), never pushing that read late.
 */
public final class Dlt645Poller implements MeterPoller {
    private static final Logger LOG = LoggerFactory.getLogger(Dlt645Poller.class);

    private final String name;
    private final LineOpener opener;
    private final BusTiming timing;
    private final List<Dlt645Meter> transformers;
    private final List<Dlt645Meter> piles;
    private final List<Dlt645Meter> meters;
    private final LatestReadings store;
    private final PollListener listener;
    private final Clock clock;
    private final Ticker ticker;
    private final Sleeper sleeper;
    /** What the log says of the meters failing: WARN only once one has failed polls in a row. */
    private final MeterFailureLog failureLog;
    private Dlt645Client client;
    private final PollingLoop<Dlt645Meter> cycles;
    private Tick lastExchangeEnd;
    /** Whether the last open of the line failed, told to the listener: its next open that succeeds is told too. */
    private boolean portUnavailable;
    /** The blocks each meter does not read as written (refused, or answered at another length), by meter id. */
    private final Map<String, Set<DataBlock>> refused = new HashMap<>();
    /** Whether the line is a serial port of the gateway's own, whose failing to open is the page's port alarm. */
    private final boolean serialPort;
    /** The longest {@code timing.timeoutMs} the bus takes: what a meter answering late is told to give it at most. */
    private final TimeoutBound timeoutBound;
    /** Meters whose polls time out, asked given longer only in the wait at a cycle's end ({@link #idle}). */
    private final LateAsks lateAsks;
    /** Whether the last cycle ended in a wait: one whose polls overran it has none, and no room for an ask. */
    private boolean waited = true;
    /**
     * While a meter is asked given longer in the wait at a cycle's end: when that wait ends, the next transformer read
     * due ({@link #idle}); null otherwise.
     */
    private Tick idleEnds;
    /** How long each pile meter's last whole read took ({@link #roomToBegin}), and its reads cut short in a row. */
    private final PileReadTimes pileReads;
    /**
     * Meters silent to a block's first quantity asked alone ({@link #notRead}), not so asked again until they answer
     * something: a meter silent to everything costs that ask once, not each poll.
     */
    private final Set<String> silentAlone = new HashSet<>();
    /**
     * Whether the line's first transformer meter's first request of this cycle is still to be sent: set as the cycle
     * begins with it, taken by that request ({@link #transformerDue}); its retries and later identifiers go without.
     */
    private boolean firstTransformerRequestDue;

    /**
     * @param reached how the line is reached: {@link FailureRateHint#RS485} a serial port of the gateway's own,
     *                {@link FailureRateHint#MODBUS_TCP} a connection to an RS-485-to-Ethernet converter, whose failing
     *                is its meters' (as on a Modbus TCP bus), not the page's port alarm
     * @param timeoutBound the longest {@code timing.timeoutMs} the bus takes ({@code BusTimeouts})
     */
    public Dlt645Poller(String name, LineOpener opener, FailureRateHint reached, BusTiming timing, TimeoutBound timeoutBound,
                        List<Dlt645Meter> meters, LatestReadings store, PollListener listener, Clock clock, Ticker ticker,
                        Sleeper sleeper) {
        this.timeoutBound = Objects.requireNonNull(timeoutBound, "timeoutBound");
        this.name = Objects.requireNonNull(name, "name");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.store = Objects.requireNonNull(store, "store");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.meters = List.copyOf(meters);
        this.transformers = meters.stream().filter(m -> m.role() == MeterRole.TRANSFORMER).toList();
        this.piles = meters.stream().filter(m -> m.role() == MeterRole.PILE).toList();
        this.serialPort = Objects.requireNonNull(reached, "reached") == FailureRateHint.RS485;
        this.failureLog = new MeterFailureLog(LOG, "DL/T 645 line " + name, reached, ticker, listener);
        this.lateAsks = new LateAsks(LOG, "DL/T 645 line " + name);
        this.pileReads = new PileReadTimes(LOG, "DL/T 645 line " + name, "give the pile meters a line of their own");
        // With a transformer meter, whose next read nothing may push late, a pile meter is begun only with room for
        // its read before it (none at all when the transformer meter fills the cycle: PollingLoop says so); without
        // one, nothing is due at a cycle's end and at least one pile meter is read each cycle.
        this.cycles = new PollingLoop<>("DL/T 645 line " + name, transformers, piles, timing.cycle(),
                transformers.isEmpty(), transformers.isEmpty() ? PollingLoop.PileRoom.any() : this::roomToBegin,
                ticker, this::idle, this::pollMeter);
    }

    @Override
    public void start() {
        cycles.start("dlt645-" + name);
        LOG.info("polling DL/T 645 line {}: {}, {}, cycle {}", name, Count.of(transformers.size(), "transformer meter"),
                Count.of(piles.size(), "pile meter"), timing.cycle());
    }

    /** One cycle: transformer meters, then pile meters round-robin while time is left, then the wait. */
    public void runCycle() throws InterruptedException {
        cycles.runCycle();
    }

    void pollMeter(Dlt645Meter meter) throws InterruptedException {
        if (!transformers.isEmpty() && meter == transformers.get(0)) {
            if (!waited && lateAsks.waiting()) {
                lateAsks.askIn(Duration.ZERO); // said not to be asked: the cycles leave no room
            }
            waited = false;
            firstTransformerRequestDue = true;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        failureLog.pollBegan(meter.id(), named(meter));
        awaitGap();
        // Stamped when its first request goes out, not when its last answer came: Reading says why.
        Tick began = ticker.now();
        Instant beganAt = clock.instant();
        boolean whole = true;
        // An identifier lost to a fault (not refused): what the poll read is not published, as half a reading it
        // would replace the whole last one, the total among what it lacks (the control would see no reading at all).
        boolean lost = false;
        Deque<ReadStep> steps = new ArrayDeque<>(ReadStep.plan(meter, refusedBlocks(meter)));
        while (!steps.isEmpty()) {
            ReadStep step = steps.pop();
            FailedRead f;
            try {
                withRetries(meter, timing.retries(), wait -> step.readFrom(clientWaiting(meter, wait), meter.address()))
                        .forEach((di, v) -> values.put(di.quantity(), meter.primary(di, v)));
                silentAlone.remove(meter.id());
                continue;
            } catch (FailedRead failed) {
                f = failed;
                if (f.error().kind() == FailureKind.EXCEPTION_RESPONSE) {
                    silentAlone.remove(meter.id()); // a refusal is an answer too
                }
            } catch (CutShort c) {
                notReadThisCycle(meter, step, c);
                return;
            }
            if (step instanceof ReadStep.Block b) {
                Optional<String> blockNotRead;
                try {
                    blockNotRead = notRead(meter, b, f.error());
                } catch (CutShort c) {
                    notReadThisCycle(meter, step, c);
                    return;
                }
                if (blockNotRead.isPresent()) {
                    fallBack(meter, b, blockNotRead.get());
                    List<ReadStep> singly = b.singly();
                    for (int i = singly.size() - 1; i >= 0; i--) {
                        steps.push(singly.get(i));
                    }
                    continue;
                }
            }
            whole = false;
            report(meter, step, f);
            lost |= !f.error().kind().refusal();
            if (f.error().kind() == FailureKind.TIMEOUT || f.error().kind() == FailureKind.CONNECTION) {
                break;
            }
        }
        if (meter.role() == MeterRole.PILE) {
            remember(meter, whole ? ticker.now().since(began) : null);
        }
        if (whole) {
            failureLog.answeredWhole(meter.id(), named(meter));
            lateAsks.forget(meter.id());
        }
        if (!values.isEmpty() && !lost) {
            Reading reading = new Reading(meter.id(), values, beganAt, began);
            store.publish(reading);
            tell(() -> listener.onReading(reading));
        }
    }

    /** The blocks {@code meter} has refused, whose quantities it is read one at a time for. */
    private Set<DataBlock> refusedBlocks(Dlt645Meter meter) {
        return refused.computeIfAbsent(meter.id(), id -> EnumSet.noneOf(DataBlock.class));
    }

    /**
     * Whether {@code meter}, whose read of {@code step}'s block failed with {@code failure}, does not read that block, and
     * why in words: it refused it or answered it at another length ({@link DataBlock#notReadBy}); or it was silent to it
     * and answers the block's first quantity asked alone at once (one exchange, not retried): a meter that ignores
     * block reads instead of refusing them, as some do, which would otherwise be taken for a silent one every poll.
     * That single ask is not made again of a meter silent to it until the meter has answered something: a meter silent
     * to everything costs it once, not each poll.
     */
    private Optional<String> notRead(Dlt645Meter meter, ReadStep.Block step, FieldReadException failure)
            throws CutShort, InterruptedException {
        if (DataBlock.notReadBy(failure)) {
            return Optional.of(failure.getMessage() + ")");
        }
        if (!SilentToBlocks.worthAsking(failure) || silentAlone.contains(meter.id())) {
            return Optional.empty();
        }
        ReadStep alone = SilentToBlocks.alone(step);
        try {
            withRetries(meter, 0, wait -> alone.readFrom(clientWaiting(meter, wait), meter.address()));
        } catch (FailedRead f) {
            if (!SilentToBlocks.answeredEvenSo(f.error())) {
                silentAlone.add(meter.id());
                return Optional.empty();
            }
        }
        return Optional.of(failure.getMessage() + ", while it answers " + alone.asked() + " asked alone): "
                + SilentToBlocks.WHAT + ", and each start of the gateway costs a poll's timeouts");
    }

    /**
     * The meter does not read {@code step}'s block as the standard writes it: said once, with {@code why} (closing the
     * bracket of the block's name), and its quantities read one at a time from now on (this poll too, so no reading is
     * lost to it). Nothing of the refused reply is used.
     */
    private void fallBack(Dlt645Meter meter, ReadStep.Block step, String why) {
        refusedBlocks(meter).add(step.block());
        LOG.warn("DL/T 645 line {}: {} does not read block {} ({}: its {} are read one at a time from now on, {} "
                        + "exchanges a poll instead of 1 (its blockReads asked for blocks; set it false to read it so "
                        + "from the start)", name, named(meter), step.block(), why,
                step.wanted().stream().map(DataId::quantity).toList(), step.wanted().size());
    }

    /** The blocks each meter has refused, by meter id: read one quantity at a time until the gateway restarts. */
    Map<String, Set<DataBlock>> refusedBlocks() {
        return Map.copyOf(refused);
    }

    /** One exchange, to be retried, waiting for its reply as long as it is given. */
    private interface Exchange<T> {
        T run(Duration wait) throws FieldReadException, InterruptedException;
    }

    /**
     * The exchange's answer, or, having failed on every attempt, the last failure with how many were sent. A pile
     * meter's on a line with a transformer meter waits no longer than is left before the gap before the next
     * transformer read, and is retried only with room for the backoff, a whole timeout and that gap: one whose wait
     * the cycle's end cut (or that had no room to be sent) is {@link CutShort}, no failure of the meter; one whose
     * retry had no room is its failure with the attempts sent.
     */
    private <T> T withRetries(Dlt645Meter meter, int retries, Exchange<T> exchange)
            throws FailedRead, CutShort, InterruptedException {
        FieldReadException last = null;
        int attempts = 0;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                Duration backoff = timing.backoffBefore(attempt);
                if (!retryFits(meter, backoff)) {
                    break; // it could time out past the cycle's end: stale for a cycle rather than the transformer late
                }
                sleeper.sleep(backoff);
            }
            awaitGap();
            Duration wait = waitFor(meter);
            if (wait.isZero()) {
                throw new CutShort(wait, null);
            }
            attempts = attempt + 1;
            try {
                return exchange.run(wait);
            } catch (FieldReadException e) {
                Optional<NotQuietBySendTime> notQuiet = NotQuietBySendTime.of(e);
                if (notQuiet.isPresent()) {
                    // Not sent: another exchange's cut reply (most often another meter's copy), not this meter, held it
                    throw new CutShort(wait,
                            "the line not quiet after " + cutReplyOf(notQuiet.get().cutFrom()) + "'s cut reply");
                }
                if (e.kind() == FailureKind.TIMEOUT && wait.compareTo(timing.timeout()) < 0) {
                    throw new CutShort(wait, null); // the cycle's end, not the meter, ended the wait
                }
                last = e;
                if (e.kind() == FailureKind.CONNECTION) {
                    dropClient();
                }
                // A refusal, or a block the meter lays out otherwise, is its answer every time: not asked again.
                if (e.kind() == FailureKind.EXCEPTION_RESPONSE || BlockMisfit.in(e)) {
                    break;
                }
            } finally {
                lastExchangeEnd = ticker.now();
            }
        }
        throw new FailedRead(last, attempts);
    }

    /**
     * How long a request to {@code meter} sent now may wait for its reply: the bus's timeout, or, for a pile meter on a
     * line with a transformer meter, no longer than is left before the gap before the next transformer read, less the
     * quiet its request first waits for after a cut exchange ({@link #quietOwed}) (kept on the ticker to the
     * millisecond, {@link Dlt645Client}); zero when nothing is left.
     */
    private Duration waitFor(Dlt645Meter meter) {
        Duration full = timing.timeout();
        if (meter.role() != MeterRole.PILE || transformers.isEmpty()) {
            return full;
        }
        Tick now = ticker.now();
        return cycles.cycleEnd().map(end -> end.since(now).minus(quietOwed(now)).minus(timing.interFrameGap()))
                .filter(left -> left.compareTo(full) < 0)
                .map(left -> left.isNegative() ? Duration.ZERO : left)
                .orElse(full);
    }

    /**
     * Whether {@code meter} may be asked again after {@code backoff}: a pile meter on a line with a transformer meter
     * only if the retry, given the quiet it first waits for after a cut ({@link #quietOwed}) and a whole timeout, ends
     * with the gap before the next transformer read; none when the wait leaves no room. On a line with a transformer
     * meter no meter's retry, the transformer meter's own too, is sent after a cut while the meter replied
     * ({@link RetryAfterCut}, the Modbus poller's rule with the same inputs; {@link Dlt645Client#cutReplyPending}).
     * Until 2026-12-07 that quiet was not counted: a retry after a cut ended past the cycle's end, each next
     * transformer read 300 ms and more late ({@code Dlt645QuietAfterCutRoomTest}); and a transformer meter's retry
     * after a cut was sent, the rule given "a pile meter" where the Modbus poller gave it "a bus with a transformer
     * meter" ({@code Dlt645QuietAfterCutRoomTest}, its transformer meter cut).
     */
    private boolean retryFits(Dlt645Meter meter, Duration backoff) {
        if (RetryAfterCut.barred(client != null && client.cutReplyPending(), !transformers.isEmpty())) {
            return false;
        }
        if (meter.role() != MeterRole.PILE || transformers.isEmpty()) {
            return true;
        }
        Duration gap = timing.interFrameGap();
        Tick sent = ticker.now().plus(backoff.compareTo(gap) < 0 ? gap : backoff);
        return cycles.cycleEnd().map(end -> !end.isBefore(sent.plus(quietOwed(sent)).plus(timing.timeout()).plus(gap)))
                .orElse(true);
    }

    /**
     * The quiet a request sent at {@code at} first waits for after a cut exchange on the line, if nothing more of the
     * cut reply comes ({@link Dlt645Client#quietOwedAt}); none with the line not open.
     */
    private Duration quietOwed(Tick at) {
        return client == null ? Duration.ZERO : client.quietOwedAt(at);
    }

    /**
     * How much of the cycle must be left to begin {@code pile} on a line with a transformer meter: the gap before it,
     * its read as long as its last whole read took and a tenth more (or, not known: not read yet, its last read failed
     * or was cut short, a whole timeout, so that one fallen silent is given one, and reported {@code TIMEOUT}, before
     * it is begun late in a cycle again), and the gap before the transformer's request. One not begun stays next in
     * turn: the first read in the next cycle, its reading a cycle older, not the transformer's late.
     */
    private Duration roomToBegin(Dlt645Meter pile) {
        return pileReads.roomToBegin(pile.id(), timing.interFrameGap(), timing.timeout());
    }

    /** A pile meter's last read: how long it took, every exchange answered; null when it failed or was cut short. */
    private void remember(Dlt645Meter pile, Duration took) {
        pileReads.readEnded(pile.id(), "pile " + named(pile), took);
    }

    /**
     * A pile meter whose wait the cycle's end cut short (or that had no room left for a request): not a failure of the
     * meter (nothing reported, its failing state as it was), a pile meter not read this cycle, as one not begun for want
     * of room; what its earlier exchanges gave is dropped (a reading replaces the whole last one, which keeps ageing
     * and goes stale as any), and it is begun again only with room for a whole timeout. One whose request was not sent,
     * the line not quiet by then after another meter's cut reply, is said so, its read's length not in question
     * ({@link PileReadTimes#notSent}), and begins the next cycle's pile meters (unless it began this one).
     */
    private void notReadThisCycle(Dlt645Meter meter, ReadStep step, CutShort cut) {
        if (cut.notSent != null) {
            pileReads.notSent("pile " + named(meter), step.asked(), cut.notSent);
            // First in the next cycle, on a line quiet since this one: behind a meter that drips its replies every
            // cycle, whose copy is read to its end, it would otherwise be not sent every cycle and never read. Not one
            // cut short by its own read's length: first every cycle, it would starve the meters after it (read59l).
            cycles.beginNextCycleWith(meter);
        } else {
            pileReads.cutShort(meter.id(), "pile " + named(meter), step.asked(), cut.left.toMillis() + " ms");
        }
    }

    /** The meter at {@code address} as the log names it: one of this line's, else its address. */
    private String cutReplyOf(MeterAddress address) {
        return meters.stream().filter(m -> m.address().equals(address)).findFirst().map(Dlt645Poller::named)
                .orElse("meter " + address);
    }

    /**
     * A pile meter's exchange the next transformer read's due time ended, not the meter: its wait cut, or its request
     * not sent ({@code notSent} says why; null for a wait cut at the cycle's end).
     */
    private static final class CutShort extends Exception {
        private final Duration left;
        private final String notSent;

        CutShort(Duration left, String notSent) {
            super(null, null, false, false);
            this.left = left;
            this.notSent = notSent;
        }
    }

    /**
     * The open line, opened now if it is not: a serial port that will not open is told to the listener at each try
     * ({@link PollListener#onPortUnavailable}, the page's alarm), and its first open after that too; a converter not
     * reached is its meters' failure ({@code CONNECTION}), as a Modbus TCP bus's.
     */
    private Dlt645Client client() throws FieldReadException {
        if (client == null) {
            SerialLine line;
            try {
                line = opener.open();
            } catch (IOException e) {
                if (serialPort) {
                    portUnavailable = true;
                    PortUnavailable port = new PortUnavailable(name, e.getMessage(),
                            meters.stream().map(Dlt645Meter::id).toList());
                    tell(() -> listener.onPortUnavailable(port));
                }
                throw new FieldReadException(FailureKind.CONNECTION, "DL/T 645 line " + name + ": " + e.getMessage(), e);
            }
            if (portUnavailable) {
                portUnavailable = false;
                tell(() -> listener.onPortOpen(name));
            }
            client = new Dlt645Client(line, timing.timeout(), timing.interFrameGap(), ticker);
        }
        return client;
    }

    /**
     * The open line's client, waiting {@code wait} for each reply: the bus's timeout, or less when a cycle's end cuts it.
     * A pile meter's on a line with a transformer meter sends its request by the time its wait ends with the gap before
     * the next transformer read, or not at all ({@link NotQuietBySendTime}, {@link CutShort}): the quiet after a dripped
     * cut reply is kept whole after it and after a copy of it begun within it, which is bounded only by the copy's bytes
     * times the wait. Until 2026-12-07 that quiet was counted only as if nothing more came ({@link #quietOwed}): a second
     * pile meter begun after a cut waited through the copy and the transformer meter was asked 750 ms late, 1430 ms at 40
     * ms a byte ({@code Dlt645DrippedCopyRoomTest}).
     */
    private Dlt645Client clientWaiting(Dlt645Meter meter, Duration wait) throws FieldReadException {
        Optional<Tick> cycleEnd = meter.role() == MeterRole.PILE && !transformers.isEmpty() ? cycles.cycleEnd()
                : Optional.empty();
        if (cycleEnd.isPresent()) {
            return client().waiting(wait, cycleEnd.get().plus(timing.interFrameGap().plus(wait).negated()));
        }
        Optional<Tick> txDue = transformerDue(meter);
        if (txDue.isPresent()) {
            return client().sendingIntoDripBy(wait, txDue.get());
        }
        return wait.equals(timing.timeout()) ? client() : client().waiting(wait);
    }

    /**
     * When the request of {@code meter}, the line's first transformer meter, is due while a pile meter's cut reply drips
     * (its rest or copy slower than line speed): the gap after its cycle's start, while that is still to come (its first
     * request of the cycle, not a retry or a later identifier's); empty otherwise. Until 2026-12-07 it had none: behind
     * a pile meter dripping every reply and its copy it waited for the copy's end and the whole quiet after it, 750 ms
     * late every 4th cycle, 1430 ms at 40 ms a byte (read60a; {@code Dlt645TransformerSentByInDripTest}, on a pty 1 s
     * and more late every other cycle). A reply coming at line speed is waited for (read60e). Which request is the
     * first is a flag set as the cycle begins, not the due time still ahead: for a while on 2026-12-07 it was, and
     * with a gap of 0 (a bus over TCP) the due time, the cycle's start, was always past, so it never applied (read61c;
     * {@code Dlt645DrippedCopyRoomTest}, gap 0). A due time already past ends the wait as soon as a drip is seen.
     */
    private Optional<Tick> transformerDue(Dlt645Meter meter) {
        if (transformers.isEmpty() || meter != transformers.get(0) || !firstTransformerRequestDue) {
            return Optional.empty();
        }
        firstTransformerRequestDue = false;
        return cycles.cycleEnd().map(end -> end.plus(timing.interFrameGap().minus(timing.cycle())));
    }

    private void dropClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private void awaitGap() throws InterruptedException {
        if (lastExchangeEnd != null) {
            Duration wait = lastExchangeEnd.plus(timing.interFrameGap()).since(ticker.now());
            if (!wait.isNegative() && !wait.isZero()) {
                sleeper.sleep(wait);
            }
        }
    }

    private void report(Dlt645Meter meter, ReadStep step, FailedRead f) {
        FieldReadException e = f.error();
        PollFailure failure = new PollFailure(name, meter.id(), step.asked(), e.kind(), f.attempts(), e.getMessage(),
                clock.instant());
        Optional<String> port = PortAdvice.forBus(e, name);
        if (port.isPresent()) {
            // Not noise on the line: a setting, an adapter or a permission to see to, in the commissioning commands'
            // words.
            failureLog.failedSayingAtOnce(named(meter), failure,
                    "not read: " + port.get() + "; the port is tried again each cycle");
        } else {
            failureLog.failed(named(meter), failure, "failed: " + e.getMessage(),
                    e.kind() == FailureKind.TIMEOUT ? lateCheck(meter, step) : LateCheck.NONE);
        }
    }

    /**
     * How the WARN of {@code meter}, whose polls of {@code step} timed out, learns whether it answers given longer. On
     * a line with a transformer meter, whose next read nothing may push late, it is asked later, only in what is left
     * of a cycle before the next transformer read ({@link #idle}, {@link LateAsks}), unless it is the line's one transformer meter: its
     * reading, the one the ask could push late, is already missing, and it is asked at once, given the whole wait.
     */
    private LateCheck lateCheck(Dlt645Meter meter, ReadStep step) {
        Duration timeout = timing.timeout();
        LateAsks.Ask ask = wait -> askOnce(meter, step, wait);
        Function<Duration, String> advice = took -> advice(took, timeout);
        if (transformers.isEmpty() || meter.role() == MeterRole.TRANSFORMER && transformers.size() == 1) {
            return lateAsks.atOnce(named(meter), timeout, ask, advice);
        }
        return lateAsks.later(meter.id(), named(meter), timeout, ask, advice);
    }

    /**
     * The wait at a cycle's end: a meter {@link LateAsks} holds is asked in it first, after the gap, given at most what
     * is left before the gap before the next transformer read, less the quiet its request first waits for after a cut
     * (the client's wait kept on the ticker, to the millisecond). At the cycle's end, not after its transformer reads
     * as on a Modbus bus: the pile meters would otherwise be begun in what the ask leaves, not in what it left them. A
     * cycle whose polls overran it has no wait: at the next cycle's start the meter is said not to be asked ({@link
     * #pollMeter}).
     */
    private void idle(Duration wait) throws InterruptedException {
        waited = true;
        if (lateAsks.waiting() && !transformers.isEmpty()) {
            Tick end = ticker.now().plus(wait);
            awaitGap();
            Tick now = ticker.now();
            Duration room = end.since(now).minus(quietOwed(now)).minus(timing.interFrameGap());
            idleEnds = end;
            try {
                lateAsks.askIn(room.isNegative() ? Duration.ZERO : room);
            } finally {
                idleEnds = null;
            }
            wait = end.since(ticker.now());
            if (wait.isNegative() || wait.isZero()) {
                return;
            }
        }
        sleeper.sleep(wait);
    }

    /**
     * One ask of {@code meter} on the line the poller holds, after the gap, waiting {@code wait} for its reply
     * (discarded before each request, as always: a late answer to a request that timed out before is what the second
     * ask is for). In the wait at a cycle's end its request is sent by the time its wait ends with the gap before the
     * next transformer read, or not at all, the meter asked in a later cycle's room ({@link
     * LateAsks.NotAsked#notSentByItsTime}; until 2026-12-07 not until its next WARN), as a pile meter's read is
     * sent by its time: the quiet owed after another meter's cut, counted in its room as if nothing more came, is kept
     * whole after a dripped reply and a copy begun within it read to its end. Until 2026-12-07 (tcp60) it had no send-by
     * time: after a pile meter's dripped reply and copy a silent meter's ask was sent 1960 ms into a 2000 ms cycle and
     * the next transformer read came 1029 ms late
     * ({@code Dlt645DrippedCopyRoomTest.theLateAskAtACyclesEndIsSentByItsTimeOrNotAtAll}).
     */
    private Optional<Duration> askOnce(Dlt645Meter meter, ReadStep step, Duration wait)
            throws LateAsks.NotAsked, InterruptedException {
        awaitGap();
        try {
            Dlt645Client patient;
            try {
                patient = idleEnds == null ? client().waiting(wait)
                        : client().waiting(wait, idleEnds.plus(timing.interFrameGap().plus(wait).negated()));
            } catch (FieldReadException e) {
                throw new LateAsks.NotAsked(e.getMessage(), e);
            }
            AtomicReference<NotQuietBySendTime> notSent = new AtomicReference<>();
            Optional<Duration> took = SlowAnswer.once(ticker, () -> answered(patient, meter, step, notSent));
            if (notSent.get() != null) {
                throw LateAsks.NotAsked.notSentByItsTime(notSent.get().getMessage(), notSent.get());
            }
            return took;
        } finally {
            lastExchangeEnd = ticker.now();
        }
    }

    /** What a meter that answered after {@code took} is told to give the bus. */
    private String advice(Duration took, Duration timeout) {
        return SlowAnswer.advice("it", took, timeout,
                "a slow meter, or an RS-485-to-Ethernet converter holding its replies back",
                ms -> "timing.timeoutMs " + ms + " of bus '" + name + "'", "its address and the line", timeoutBound);
    }

    /**
     * Whether {@code meter} answers {@code step} on {@code patient}: a value, a refusal or a block laid out otherwise;
     * a request not sent by its time is set in {@code notSent}.
     */
    private boolean answered(Dlt645Client patient, Dlt645Meter meter, ReadStep step,
            AtomicReference<NotQuietBySendTime> notSent) throws InterruptedException {
        try {
            step.readFrom(patient, meter.address());
            return true;
        } catch (FieldReadException e) {
            if (e.kind() == FailureKind.CONNECTION) {
                dropClient();
            }
            NotQuietBySendTime.of(e).ifPresent(notSent::set); // not sent by its time: not asked
            // Silent even so, or something else than the meter's answer: the WARN's own failure is what is told.
            return e.kind() == FailureKind.EXCEPTION_RESPONSE || BlockMisfit.in(e);
        }
    }

    /** The meter as log lines name it. */
    private static String named(Dlt645Meter meter) {
        return "meter " + meter.id();
    }

    /** Tells the listener, which must not stop the poll: what it throws is logged and ignored. */
    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("DL/T 645 line {}: poll listener threw; ignored", name, e);
        }
    }

    @Override
    public void close() {
        cycles.stop(timing.cycle().plus(timing.timeout()).multipliedBy(2));
        dropClient();
    }
}
