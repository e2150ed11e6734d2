package org.orderly.gateway.web.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.store.EventKind;
import org.orderly.gateway.store.Store;

/**
 * The alarms: raised when a condition appears, cleared when it goes, acknowledged by a user. Every change is also
 * written to the store as an event ({@code alarm.raised}, {@code alarm.cleared}, {@code alarm.acknowledged}), so
 * the grid company's "what happened at 19:00?" has an answer after a restart. Cleared alarms stay listed
 * for {@link #KEEP_CLEARED}, so one that came and went between two looks is still seen. A kind with a
 * {@link AlarmKind#hold()} is raised only once its condition has held at every update for that long, measured on the
 * gateway's {@link Ticker} (the wall clock may be stepped meanwhile); it is cleared at once.
 */
public final class AlarmBoard {
    static final Duration KEEP_CLEARED = Duration.ofHours(24);
    private static final int MAX_LISTED = 200;

    /** A condition: what, on whom, and what more it says (null for nothing; see {@link AlarmKind}). */
    public record Condition(AlarmKind kind, String subject, String detail) {
        public Condition(AlarmKind kind, String subject) {
            this(kind, subject, null);
        }

        /** Which alarm this condition holds up: its detail, or its lead, counts only where the kind says it names it. */
        Key key() {
            return new Key(kind, subject, switch (kind.detail()) {
                case NONE, FOLLOWS_THE_ALARM -> null;
                case NAMES_THE_ALARM -> detail;
                case LEAD_NAMES_THE_ALARM -> detail == null || !detail.contains(": ") ? detail
                        : detail.substring(0, detail.indexOf(": "));
            });
        }
    }

    private record Key(AlarmKind kind, String subject, String detail) {
    }

    private final Store store;
    private final Ticker ticker;
    private final Map<Key, Alarm> active = new LinkedHashMap<>();
    private final List<Alarm> cleared = new ArrayList<>();
    /** Conditions of a held kind not raised yet: since when they have held without a break. */
    private final Map<Key, Tick> holdingSince = new LinkedHashMap<>();
    private long sequence;

    /** @param ticker the gateway's monotonic time, which holds are measured on */
    public AlarmBoard(Store store, Ticker ticker) {
        this.store = store;
        this.ticker = ticker;
    }

    /** Raises the conditions that are new, clears the ones that are gone, and updates a detail that follows its alarm. */
    public synchronized void update(Set<Condition> now, Instant at) {
        Tick tick = ticker.now();
        Map<Key, Condition> holding = new LinkedHashMap<>();
        for (Condition c : now) {
            holding.putIfAbsent(c.key(), c);
        }
        holdingSince.keySet().retainAll(holding.keySet());
        for (Map.Entry<Key, Condition> e : holding.entrySet()) {
            Condition c = e.getValue();
            Alarm a = active.get(e.getKey());
            if (a == null && !heldLongEnough(e.getKey(), c.kind(), tick)) {
                continue;
            }
            if (a == null) {
                active.put(e.getKey(), new Alarm("a" + (++sequence), c.kind(), c.subject(), c.detail(),
                        at.toEpochMilli(), null, null, null));
                store.event(EventKind.ALARM_RAISED, c.subject(), described(c.kind(), c.detail()),
                        "alarm", c.kind().name(), "detail", c.detail());
            } else if (!Objects.equals(a.detail(), c.detail())) {
                active.put(e.getKey(), a.withDetail(c.detail()));
            }
        }
        for (Iterator<Map.Entry<Key, Alarm>> it = active.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Alarm> e = it.next();
            if (!holding.containsKey(e.getKey())) {
                Alarm a = e.getValue();
                cleared.add(a.cleared(at.toEpochMilli()));
                store.event(EventKind.ALARM_CLEARED, a.subject(), described(a.kind(), a.detail()),
                        "alarm", a.kind().name(), "detail", a.detail());
                it.remove();
            }
        }
        long oldest = at.minus(KEEP_CLEARED).toEpochMilli();
        cleared.removeIf(a -> a.clearedAt() < oldest);
        while (cleared.size() > MAX_LISTED) {
            cleared.remove(0);
        }
    }

    /** Whether a condition not raised yet has held for its kind's hold, counting from the first update it was in. */
    private boolean heldLongEnough(Key key, AlarmKind kind, Tick now) {
        if (kind.hold().isZero()) {
            return true;
        }
        Tick since = holdingSince.computeIfAbsent(key, k -> now);
        if (now.since(since).compareTo(kind.hold()) < 0) {
            return false;
        }
        holdingSince.remove(key);
        return true;
    }

    /**
     * Acknowledges an alarm, its event handed to the store; empty when there is no such alarm. The acknowledgement is in
     * force whatever becomes of the event, which the caller may wait for (not here: the board is locked).
     */
    public synchronized Optional<Acknowledged> acknowledge(String id, String user, Instant at) {
        for (Map.Entry<Key, Alarm> e : active.entrySet()) {
            if (e.getValue().id().equals(id)) {
                Alarm acked = e.getValue().acknowledged(user, at.toEpochMilli());
                e.setValue(acked);
                return Optional.of(new Acknowledged(acked, acknowledgedEvent(acked, user)));
            }
        }
        for (int i = 0; i < cleared.size(); i++) {
            if (cleared.get(i).id().equals(id)) {
                Alarm acked = cleared.get(i).acknowledged(user, at.toEpochMilli());
                cleared.set(i, acked);
                return Optional.of(new Acknowledged(acked, acknowledgedEvent(acked, user)));
            }
        }
        return Optional.empty();
    }

    /** An alarm acknowledged, and what becomes of its event ({@link Store#eventOutcome}). */
    public record Acknowledged(Alarm alarm, CompletableFuture<Void> event) {
    }

    private CompletableFuture<Void> acknowledgedEvent(Alarm a, String user) {
        return store.eventOutcome(EventKind.ALARM_ACKNOWLEDGED, a.subject(), a.kind().name() + " by " + user,
                "alarm", a.kind().name(), "by", user);
    }

    /** The kind as the stored event says it, with its detail: {@code PILE_FAULT (contactor welded)}. */
    private static String described(AlarmKind kind, String detail) {
        return detail == null ? kind.name() : kind.name() + " (" + detail + ")";
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
