package org.orderly.gateway.upstream.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.orderly.gateway.store.MinuteReading;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreReader;

/**
 * The compound's recorded load per minute (what the CycleRecorder stores), for a history request. The part of the EV
 * load no pile measured is its own series, recorded since 2026-12-04, and so is the part of the household load that is a
 * bound, not a measurement, since 2026-12-06: a minute without one says null, not known, not 0.
 */
final class History {
    private final Store store;

    History(Store store) {
        this.store = store;
    }

    List<Replies.Minute> minutes(HistoryRequest r) {
        Map<Instant, Double[]> byMinute = new TreeMap<>();
        try (StoreReader reader = store.reader()) {
            collect(byMinute, reader.readings("transformer", "power.total.kw", r.from(), r.to()), 0);
            collect(byMinute, reader.readings("compound", "base.kw", r.from(), r.to()), 1);
            collect(byMinute, reader.readings("compound", "ev.kw", r.from(), r.to()), 2);
            collect(byMinute, reader.readings("compound", "ev.unmeasured.kw", r.from(), r.to()), 3);
            collect(byMinute, reader.readings("compound", "base.bound.kw", r.from(), r.to()), 4);
        }
        List<Replies.Minute> out = new ArrayList<>(byMinute.size());
        byMinute.forEach((t, v) -> out.add(new Replies.Minute(t, v[0], v[1], v[2], v[3], v[4])));
        return out;
    }

    private static void collect(Map<Instant, Double[]> into, List<MinuteReading> readings, int column) {
        for (MinuteReading m : readings) {
            into.computeIfAbsent(m.minute(), k -> new Double[5])[column] = m.mean();
        }
    }
}
