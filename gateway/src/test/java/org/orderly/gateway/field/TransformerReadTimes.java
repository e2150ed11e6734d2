package org.orderly.gateway.field;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Reading;

/**
 * When each reading of a transformer meter was begun, as a poller's listener hears them: the tests of what may push
 * the overload protection's reading late count those begun more than half a cycle after the one before was due (a
 * long ask makes it seconds late, the thread's scheduling tens of ms at most). The poller's thread only.
 */
public final class TransformerReadTimes implements PollListener {
    private final String meterId;
    private final List<Tick> began = new ArrayList<>();
    private int countedFrom = 1;

    public TransformerReadTimes(String meterId) {
        this.meterId = meterId;
    }

    @Override
    public void onReading(Reading reading) {
        if (reading.meterId().equals(meterId)) {
            began.add(reading.tick());
        }
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

    /** How many counted were begun more than half a {@code cycle} after the one before was due. */
    public int late(Duration cycle) {
        long most = cycle.plus(cycle.dividedBy(2)).toMillis();
        return (int) apartMs().stream().filter(ms -> ms > most).count();
    }
}
