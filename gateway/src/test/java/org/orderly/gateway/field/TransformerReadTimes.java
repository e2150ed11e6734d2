package org.orderly.gateway.field;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.PollFailure;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Reading;

/**
 * When each reading of a transformer meter was begun, as a poller's listener hears them: the tests of what may push
 * the overload protection's reading late count those begun more than half a cycle after the one before was due (a
 * long ask makes it seconds late, the thread's scheduling tens of ms at most). A poll of it that failed (a timeout on a
 * loaded machine's pty) was begun too, its time not known: a reading after it is due as many cycles after the last one
 * as polls were begun since, and {@link #polls} counts it (a meter read for one identifier, one failure a poll). The
 * poller's thread only.
 */
public final class TransformerReadTimes implements PollListener {
    private final String meterId;
    private final List<Tick> began = new ArrayList<>();
    /** For each reading in {@link #began}, how many polls had been begun when it was heard, itself included. */
    private final List<Integer> pollsAt = new ArrayList<>();
    private int failed;
    private int countedFrom = 1;

    public TransformerReadTimes(String meterId) {
        this.meterId = meterId;
    }

    @Override
    public void onReading(Reading reading) {
        if (reading.meterId().equals(meterId)) {
            began.add(reading.tick());
            pollsAt.add(polls());
        }
    }

    @Override
    public void onFailure(PollFailure failure) {
        if (failure.meterId().equals(meterId)) {
            failed++;
        }
    }

    /** How many polls of it were begun: readings heard and polls failed. */
    public int polls() {
        return began.size() + failed;
    }

    /** How many of its polls failed. */
    public int failed() {
        return failed;
    }

    /** How many were heard. */
    public int count() {
        return began.size();
    }

    /** Counts from the last one heard on: the cycle something happened in, and those after it. */
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

    /**
     * How many counted were begun more than half a {@code cycle} after they were due: a cycle after the reading before,
     * or as many cycles as polls were begun since it (one failed between, two).
     */
    public int late(Duration cycle) {
        int late = 0;
        for (int i = countedFrom; i < began.size(); i++) {
            Duration due = cycle.multipliedBy(pollsAt.get(i) - pollsAt.get(i - 1));
            if (began.get(i).since(began.get(i - 1)).compareTo(due.plus(cycle.dividedBy(2))) > 0) {
                late++;
            }
        }
        return late;
    }
}
