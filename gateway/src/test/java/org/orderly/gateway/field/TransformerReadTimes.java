package org.orderly.gateway.field;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.PollFailure;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Reading;

/**
 * When each poll of a transformer meter was begun, as a poller's listener hears them: the tests of what may push the
 * overload protection's reading late count those begun more than half a cycle after the one before was due (a long ask
 * makes it seconds late, the thread's scheduling tens of ms at most). A reading is begun at its tick. Given a ticker and
 * the bus's timeout, a poll that failed (a timeout of a simulated meter on a loaded machine's pty, no retries) is a poll
 * begun too, at the latest it can have been: when the poller told it, less its attempts' timeouts where it timed out
 * (each waited at least that; a garbled one came sooner), so a read pushed late that then failed is still counted late
 * (read60e, read60g). The poller's thread only.
 */
public final class TransformerReadTimes implements PollListener {
    private final String meterId;
    private final Ticker ticker;
    private final Duration timeout;
    private final List<Tick> began = new ArrayList<>();
    private final List<FailureKind> failures = new ArrayList<>();
    private int readings;
    private int countedFrom = 1;

    /** Readings only: a failed poll is not counted. */
    public TransformerReadTimes(String meterId) {
        this(meterId, null, null);
    }

    /** Readings and failed polls, the latter begun at the latest they can have been on {@code ticker}. */
    public TransformerReadTimes(String meterId, Ticker ticker, Duration timeout) {
        this.meterId = meterId;
        this.ticker = ticker;
        this.timeout = timeout;
    }

    @Override
    public void onReading(Reading reading) {
        if (reading.meterId().equals(meterId)) {
            began.add(reading.tick());
            readings++;
        }
    }

    @Override
    public void onFailure(PollFailure failure) {
        if (ticker != null && failure.meterId().equals(meterId)) {
            // Only a timeout waited its whole timeout each attempt; a garbled or refused one came sooner.
            Duration waited = failure.kind() == FailureKind.TIMEOUT
                    ? timeout.multipliedBy(Math.max(1, failure.attempts())) : Duration.ZERO;
            began.add(ticker.now().plus(waited.negated()));
            failures.add(failure.kind());
        }
    }

    /** How many were heard. */
    public int count() {
        return readings;
    }

    /** How many polls were begun: readings heard, and failed polls where those are counted. */
    public int polls() {
        return began.size();
    }

    /** How many polls failed, where those are counted. */
    public int failed() {
        return failures.size();
    }

    /** How each failed poll failed, where those are counted. */
    public List<FailureKind> failures() {
        return List.copyOf(failures);
    }

    /** Counts from the last one begun on: the cycle something happened in, and those after it. */
    public void countFromLast() {
        countedFrom = Math.max(1, began.size() - 1);
    }

    /** How long after the one before each counted was begun, in ms. */
    public List<Long> apartMs() {
        List<Long> apart = new ArrayList<>();
        for (int i = countedFrom; i < began.size(); i++) {
            apart.add(began.get(i).since(began.get(i - 1)).toMillis());
        }
        return apart;
    }

    /** How many counted were begun more than half a {@code cycle} after the one before was due. */
    public int late(Duration cycle) {
        long most = cycle.plus(cycle.dividedBy(2)).toMillis();
        return (int) apartMs().stream().filter(ms -> ms > most).count();
    }
}
