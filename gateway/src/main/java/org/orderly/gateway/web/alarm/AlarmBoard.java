package org.orderly.gateway.web.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orderly.gateway.store.Store;

/**
 * The alarms: raised when a condition appears, cleared when it goes, acknowledged by a user. Every change is also
 * written to the store as an event ({@code alarm.raised}, {@code alarm.cleared}, {@code alarm.acknowledged}), so
 * the grid company's "what happened at 19:00?" has an answer after a restart. Cleared alarms stay listed
 * for {@link #KEEP_CLEARED}, so one that came and went between two looks is still seen.
 */
public final class AlarmBoard {
    /** A pile silent this long is offline: its driver re-reads a silent pile's status every 30 s. */
    public static final Duration PILE_OFFLINE_AFTER = Duration.ofSeconds(70);
    static final Duration KEEP_CLEARED = Duration.ofHours(24);
    private static final int MAX_LISTED = 200;

    /** A condition: what and on whom. */
    public record Condition(AlarmKind kind, String subject) {
    }

    private final Store store;
    private final Map<Condition, Alarm> active = new LinkedHashMap<>();
    private final List<Alarm> cleared = new ArrayList<>();
    private long sequence;

    public AlarmBoard(Store store) {
        this.store = store;
    }

    /** Raises the conditions that are new, clears the ones that are gone. */
    public synchronized void update(Set<Condition> now, Instant at) {
        for (Condition c : now) {
            if (!active.containsKey(c)) {
                Alarm a = new Alarm("a" + (++sequence), c.kind(), c.subject(), at.toEpochMilli(), null, null, null);
                active.put(c, a);
                store.event("alarm.raised", c.subject(), c.kind().name());
            }
        }
        for (Iterator<Map.Entry<Condition, Alarm>> it = active.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Condition, Alarm> e = it.next();
            if (!now.contains(e.getKey())) {
                Alarm a = e.getValue();
                cleared.add(new Alarm(a.id(), a.kind(), a.subject(), a.raisedAt(), at.toEpochMilli(), a.acknowledgedBy(),
                        a.acknowledgedAt()));
                store.event("alarm.cleared", a.subject(), a.kind().name());
                it.remove();
            }
        }
        long oldest = at.minus(KEEP_CLEARED).toEpochMilli();
        cleared.removeIf(a -> a.clearedAt() < oldest);
        while (cleared.size() > MAX_LISTED) {
            cleared.remove(0);
        }
    }

    /** Acknowledges an alarm; empty when there is no such alarm. */
    public synchronized Optional<Alarm> acknowledge(String id, String user, Instant at) {
        for (Map.Entry<Condition, Alarm> e : active.entrySet()) {
            Alarm a = e.getValue();
            if (a.id().equals(id)) {
                Alarm acked = new Alarm(a.id(), a.kind(), a.subject(), a.raisedAt(), null, user, at.toEpochMilli());
                e.setValue(acked);
                store.event("alarm.acknowledged", a.subject(), a.kind().name() + " by " + user);
                return Optional.of(acked);
            }
        }
        for (int i = 0; i < cleared.size(); i++) {
            Alarm a = cleared.get(i);
            if (a.id().equals(id)) {
                Alarm acked = new Alarm(a.id(), a.kind(), a.subject(), a.raisedAt(), a.clearedAt(), user, at.toEpochMilli());
                cleared.set(i, acked);
                store.event("alarm.acknowledged", a.subject(), a.kind().name() + " by " + user);
                return Optional.of(acked);
            }
        }
        return Optional.empty();
    }

    /** Active alarms first (newest first), then the recently cleared ones (newest first). */
    public synchronized List<Alarm> list() {
        List<Alarm> out = new ArrayList<>(active.values());
        out.sort((a, b) -> Long.compare(b.raisedAt(), a.raisedAt()));
        List<Alarm> gone = new ArrayList<>(cleared);
        gone.sort((a, b) -> Long.compare(b.clearedAt(), a.clearedAt()));
        out.addAll(gone);
        return out;
    }
}
