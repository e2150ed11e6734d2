package org.orderly.gateway.upstream.outbox;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.orderly.gateway.store.StoreCheck;
import org.sqlite.SQLiteException;

/**
 * Messages the outbox gave up, counted per cause, and how many of each cause an {@code outbox.dropped} event has said:
 * each cause is said in an event of its own, so that messages given up for one reason are not said under another.
 * Counted and said on the writer thread ({@code Write.givenUp} runs there); read anywhere.
 */
final class GivenUpCounts {
    /** Why messages were given up; each has its own count and event. */
    enum Cause {
        DAMAGED, REFUSED, FAILED, AT_STOP;

        /** The cause as an event says it, {@code last} the latest failure's message. */
        String says(String last) {
            return switch (this) {
                case DAMAGED -> "given up while the damaged store could not be moved aside";
                case REFUSED -> "SQLite refused them for a reason that does not pass (the last: " + last + ")";
                // A write that threw (a bug), turned into an SQLException by the writer.
                case FAILED -> "their write failed (the last: " + last + ")";
                case AT_STOP -> "still failing at the stop (SQLite: " + last + ")";
            };
        }
    }

    /** Of one cause: given up since start, said in a committed event, the latest failure's message. */
    private static final class Count {
        final AtomicLong total = new AtomicLong();
        volatile long said;
        volatile String last = "";
    }

    /** Given up and not said yet, of one cause: {@code total} since start. */
    record Unsaid(Cause cause, long count, long total, String why) {
    }

    private final Map<Cause, Count> counts = new EnumMap<>(Cause.class);

    GivenUpCounts() {
        for (Cause c : Cause.values()) {
            counts.put(c, new Count());
        }
    }

    /** A message given up because of {@code why}, {@code stopping} when the outbox is stopping. */
    void add(SQLException why, boolean stopping) {
        Cause cause = StoreCheck.isDamage(why) ? Cause.DAMAGED
                : stopping ? Cause.AT_STOP
                : why instanceof SQLiteException ? Cause.REFUSED
                : Cause.FAILED;
        Count c = counts.get(cause);
        c.last = String.valueOf(why.getMessage());
        c.total.incrementAndGet();
    }

    /** Every message given up since start. */
    long total() {
        return counts.values().stream().mapToLong(c -> c.total.get()).sum();
    }

    /** Each cause with messages given up and not said yet, in a fixed order. */
    List<Unsaid> unsaid() {
        List<Unsaid> all = new ArrayList<>();
        counts.forEach((cause, c) -> {
            long total = c.total.get();
            if (total > c.said) {
                all.add(new Unsaid(cause, total - c.said, total, cause.says(c.last)));
            }
        });
        return all;
    }

    /** How many of {@code cause} a committed event (or one under way) has said, since start. */
    long said(Cause cause) {
        return counts.get(cause).said;
    }

    /** Takes {@code said} of {@code cause} as said (given back by setting the earlier value on a rollback). */
    void said(Cause cause, long said) {
        counts.get(cause).said = said;
    }
}
