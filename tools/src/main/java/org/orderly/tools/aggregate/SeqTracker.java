package org.orderly.tools.aggregate;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * De-duplicates by id and notices gaps in each gateway's seq. Since a valid id is {@code gatewayId:seq}, the pair
 * (gateway, seq) is the id. Per gateway it keeps the lowest and highest seq seen and, as runs of consecutive numbers, the seqs
 * skipped below it: missing (presumed lost), or named by one of the gateway's events as skipped on purpose
 * ({@link #explain}). A skipped seq that arrives later fills its gap, anything else at or below the highest is a
 * duplicate. Memory stays small: a gap of any length is one run, and a gateway's runs are bounded
 * ({@value #MAX_RUNS_PER_GATEWAY}), the oldest forgotten first (a missing run's seqs counted as {@link #forgotten()}).
 *
 * <p>A gap is exact only if this instance receives every message of the gateway (all message types, since seq counts
 * them all): one instance, or a broker that routes a gateway's messages to one member of the share group (see
 * docs/aggregate.md). Not thread-safe; {@link Aggregator} serialises access.
 */
public final class SeqTracker {
    static final int MAX_RUNS_PER_GATEWAY = 10_000;
    /** Named ranges kept per gateway for numbers below all it heard so far; the oldest forgotten first. */
    static final int MAX_NAMED_BELOW = 100;
    /** Numbers heard below all heard before them, kept per gateway ({@link Below}); the oldest forgotten first. */
    static final int MAX_BELOW = 100;
    /**
     * The newest numbers heard of a gateway with their {@code ts}, kept to know an old store's copies given again
     * after its numbers began again among them ({@link #see(String, long, Instant, boolean, Skipped)}): the broker
     * gives again only what is in flight, 20 messages a client by default in Mosquitto.
     */
    static final int MAX_RECENT = 20;
    /**
     * How far above a fresh store's first number its messages sent before its first (the connect's {@code online}, and
     * the wills of attempts before it) are looked for among the newest arrivals.
     */
    static final int MAX_EARLY = MAX_RECENT;

    /** What a message's seq means for its gateway. */
    public enum Outcome { FRESH, FILLS_GAP, DUPLICATE }

    /** Skipped seqs {@code from..to}: missing when {@code reason} is null, else named by an event with that reason. */
    private record Run(long from, long to, SkipReason reason) {
        long length() {
            return to - from + 1;
        }
    }

    /**
     * A number heard below every number heard before it, and where it met them ({@code top}: the lowest heard then,
     * less one). Such a number was given before what this instance heard first; the stretch between,
     * {@code seq + 1 .. top}, is missing until it arrives when the gateway sends it after the number (an ordinary
     * message: what was left unacknowledged is sent again from the oldest up), and is not ours to miss when it went out
     * before this instance subscribed ({@code will}: a will is numbered with its connection's {@code online}, before
     * what that connection carried). A retained copy below all heard is not heard at all ({@link Aggregator}).
     */
    private record Below(long seq, long top, boolean will) {
    }

    private static final class Gateway {
        long highest = -1;
        long lowest = -1;
        final TreeMap<Long, Run> runs = new TreeMap<>();
        /** The newest {@code online} heard that named its will, and that will's number; -1 for none. */
        long willOnline = -1;
        long will = -1;
        /** What events named below the lowest number heard: applied once lower numbers arrive. */
        final ArrayDeque<Skipped> namedBelow = new ArrayDeque<>();
        /** Numbers heard below all heard before them, the oldest first ({@link Below}). */
        final ArrayDeque<Below> below = new ArrayDeque<>();
        /** The newest numbers heard with their {@code ts}. */
        final RecentStamps recent = new RecentStamps(MAX_RECENT);
        /** The old store's newest numbers heard, from where the newest store's numbers began again up; null: none. */
        RecentStamps oldCopies;
        /** Where the newest fresh store announced begins ({@code seqFrom}; -1: none), and if among numbers heard. */
        long begun = -1;
        boolean begunAmongHeard;

        /** Whether the message is a copy of one of the old store's newest heard, given again after the renumbering. */
        boolean oldCopy(long seq, Instant ts) {
            return oldCopies != null && oldCopies.contains(seq, ts);
        }

        /** Whether {@code seq} is a will heard below all heard, not (yet) within what was heard. */
        boolean willBelow(long seq) {
            return seq < lowest && below.stream().anyMatch(b -> b.will() && b.seq() == seq);
        }

        Run holding(long seq) {
            Map.Entry<Long, Run> e = runs.floorEntry(seq);
            return e != null && e.getValue().to() >= seq ? e.getValue() : null;
        }
    }

    private final Map<String, Gateway> gateways = new HashMap<>();
    private final EnumMap<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private long openGaps;
    private long dropped;
    private long forgotten;
    private long gapsSeen;

    /** What {@link #see} would say of the seq, without recording it. */
    public Outcome outcome(String gatewayId, long seq) {
        Gateway g = gateways.get(gatewayId);
        if (g == null || g.highest < 0 || seq > g.highest) {
            return Outcome.FRESH;
        }
        if (seq < g.lowest) {
            return g.willBelow(seq) ? Outcome.DUPLICATE : Outcome.FRESH;
        }
        return g.holding(seq) != null ? Outcome.FILLS_GAP : Outcome.DUPLICATE;
    }

    /**
     * What {@link #see(String, long, Instant, boolean, Skipped)} would say of the message, without recording it: a
     * fresh store's {@code notice} whose numbers begin among numbers heard is fresh, a copy of the old store's
     * message given again after that is a duplicate.
     */
    public Outcome outcome(String gatewayId, long seq, Instant ts, Skipped notice) {
        Gateway g = gateways.get(gatewayId);
        if (g != null && beginsAmongHeard(g, seq, ts, notice)) {
            return Outcome.FRESH;
        }
        if (g != null && g.oldCopy(seq, ts)) {
            return Outcome.DUPLICATE;
        }
        return outcome(gatewayId, seq);
    }

    /** Whether {@code seq} lies above every number heard of a gateway this instance has heard from. */
    public boolean aboveHeard(String gatewayId, long seq) {
        Gateway g = gateways.get(gatewayId);
        return g != null && g.highest >= 0 && seq > g.highest;
    }

    /** Records the seq and says what it meant. */
    public Outcome see(String gatewayId, long seq) {
        return see(gatewayId, seq, false);
    }

    /**
     * Records the seq and says what it meant, {@code offline} telling a {@code state} {@code offline}. Such a message
     * (a connection's will, published by the broker or sent again by the gateway, or a clean stop's) below every number
     * heard of its gateway opens no gap: its number was given with its connection's {@code online}, before what that
     * connection then carried, which reached this instance before it started (not ours to miss) or is sent again after
     * the reconnect, as a run up to the first number heard that opens its own gap when it comes.
     */
    public Outcome see(String gatewayId, long seq, boolean offline) {
        Gateway g = gateways.computeIfAbsent(gatewayId, k -> new Gateway());
        if (g.highest < 0) {
            // Whatever came before this instance started is not ours to miss.
            g.highest = seq;
            g.lowest = seq;
            return Outcome.FRESH;
        }
        if (seq < g.lowest) {
            if (g.willBelow(seq)) {
                return Outcome.DUPLICATE;
            }
            heardBelow(g, seq, offline);
            return Outcome.FRESH;
        }
        if (seq > g.highest) {
            if (seq > g.highest + 1) {
                add(g, new Run(g.highest + 1, seq - 1, null));
                gapsSeen += seq - g.highest - 1;
            }
            g.highest = seq;
            return Outcome.FRESH;
        }
        return fill(g, seq) ? Outcome.FILLS_GAP : Outcome.DUPLICATE;
    }

    /**
     * Records a message with its {@code ts} and the skip its event names ({@code notice}, null for none; the caller
     * gives it to {@link #explain} after) and says what it meant. Numbers rise within one store only
     * (docs/upstream.md, "The envelope"): a fresh store's {@code notice} ({@code store.numbered}, {@code
     * store.movedAside}) whose first number was heard already, from the store before, begins the gateway's numbers
     * again there: what was heard of the old
     * store from there up no longer makes a number a duplicate ({@link #beginAgain}). A copy of one of the old store's
     * newest messages given again after that (QoS 1, same number and {@code ts}) is a duplicate. So does such a notice
     * whose number lies in a gap, when the old store's numbers were heard above it ({@link #beginsAmongHeard}). The
     * fresh store's messages taken before its notice ({@link #early}) stay heard; those dropped as duplicates the
     * caller takes after it ({@link #begunAgainAt}, {@link HeldAside}).
     */
    public Outcome see(String gatewayId, long seq, Instant ts, boolean offline, Skipped notice) {
        Gateway g = gateways.computeIfAbsent(gatewayId, k -> new Gateway());
        long[] early = null;
        Instant[] earlyStamps = null;
        if (beginsAmongHeard(g, seq, ts, notice)) {
            long first = notice.to() + 1;
            early = early(g, first, ts);
            earlyStamps = new Instant[early.length];
            for (int i = 0; i < early.length; i++) {
                earlyStamps[i] = g.recent.stamp(early[i]);
            }
            beginAgain(g, first, early);
        } else if (g.oldCopy(seq, ts)) {
            return Outcome.DUPLICATE;
        }
        if (notice != null && notice.reason().freshStore() && g.begun != notice.to() + 1) {
            g.begun = notice.to() + 1;
            g.begunAmongHeard = false;
        }
        Outcome o = see(gatewayId, seq, offline);
        if (o != Outcome.DUPLICATE) {
            g.recent.add(seq, ts);
        }
        if (early != null) {
            // The fresh store's messages that arrived before its event (its online, released wills), heard again as
            // its own after the event.
            for (int i = 0; i < early.length; i++) {
                if (see(gatewayId, early[i], false) != Outcome.DUPLICATE) {
                    g.recent.add(early[i], earlyStamps[i]);
                }
            }
        }
        return o;
    }

    /**
     * Whether a message that would be a {@link Outcome#DUPLICATE} is a copy this instance knows: the same number and
     * {@code ts} as one heard among the gateway's newest, or as one of the old store's newest after its numbers began
     * again. Another may be another store's message of the same number (a fresh store's sent before its event).
     */
    public boolean knownCopy(String gatewayId, long seq, Instant ts) {
        Gateway g = gateways.get(gatewayId);
        return g != null && (g.recent.contains(seq, ts) || g.oldCopy(seq, ts));
    }

    /** Whether the gateway's numbers began again at {@code first}, among numbers heard, by the newest fresh store. */
    public boolean begunAgainAt(String gatewayId, long first) {
        Gateway g = gateways.get(gatewayId);
        return g != null && g.begunAmongHeard && g.begun == first;
    }

    /**
     * Whether {@code notice}, the event numbered {@code seq}, says a fresh store begins among numbers heard: its own
     * number was heard already (not a gap), and it is no copy of an event heard (same number and {@code ts}, or the
     * notice that began the numbers there). The fresh store's messages that arrive before it (its {@code online},
     * published at connect) lie above its first number and need not be above what was heard; only a number heard
     * before the event's own tells of the old store.
     */
    private static boolean beginsAmongHeard(Gateway g, long seq, Instant ts, Skipped notice) {
        if (notice == null || !notice.reason().freshStore() || g.highest < 0 || notice.to() + 1 == g.begun
                || seq < g.lowest || seq > g.highest) {
            return false;
        }
        if (g.holding(seq) != null) {
            // Never heard, so no copy: the numbers begin again here if the old store's were heard above it, more
            // than the fresh store's own sent before the event (the run of newest arrivals just above it). Else this
            // is the jump from the old store's last number, whose gap the fresh store's online opened.
            return heardAbove(g, seq) > early(g, notice.to() + 1, ts).length;
        }
        return !g.recent.contains(seq, ts) && !g.oldCopy(seq, ts);
    }

    /**
     * The fresh store's messages that arrived before its event ({@code ts}), which begins its numbers at {@code first}:
     * the connect's {@code online} and the wills of attempts before it, numbered just above {@code first} and stamped
     * after the event was (the same clock, later), the newest arrivals. The old store's newest heard numbers can pass
     * for them only when they lie within {@value #MAX_EARLY} above {@code first} with a {@code ts} not before the
     * event's, a clock that was ahead then.
     */
    private static long[] early(Gateway g, long first, Instant ts) {
        return g.recent.trailing(first + 1, first + MAX_EARLY, ts);
    }

    /** How many numbers above {@code seq}, up to the highest, were heard (neither missing nor named skipped). */
    private static long heardAbove(Gateway g, long seq) {
        long notHeard = 0;
        Map.Entry<Long, Run> e = g.runs.floorEntry(seq);
        Long start = e != null && e.getValue().to() > seq ? e.getKey() : g.runs.higherKey(seq);
        if (start != null) {
            for (Run r : g.runs.tailMap(start, true).values()) {
                notHeard += Math.min(r.to(), g.highest) - Math.max(r.from(), seq + 1) + 1;
            }
        }
        return g.highest - seq - notHeard;
    }

    /**
     * The gateway's numbers begin again at {@code first}, among numbers heard of its old store: what was heard of them
     * from there up is forgotten, so that the fresh store's numbers are taken, and the old store's newest heard from
     * there up are kept to know their copies. What was missing or named skipped of them stays counted, and can no
     * longer arrive: a number from {@code first} up is the fresh store's from now on.
     */
    private void beginAgain(Gateway g, long first, long[] early) {
        // The old store's runs from first up are taken out of the map, not out of the counts: its numbers there stay
        // lost, or skipped, as they were. A run that holds first is cut there.
        Run holding = g.holding(first);
        g.runs.tailMap(first, true).clear();
        if (holding != null && holding.from() < first) {
            g.runs.put(holding.from(), new Run(holding.from(), first - 1, holding.reason()));
        }
        g.oldCopies = g.recent.from(first);
        g.recent.clear();
        if (first <= g.lowest) {
            // Nothing heard lies below the fresh store's first number: the gateway is heard afresh, as at the start.
            g.highest = -1;
            g.lowest = -1;
            g.below.clear();
            g.namedBelow.clear();
        } else {
            g.highest = first - 1;
        }
        // The old store's connections are over: no will of theirs is held; the fresh store's online, if it came
        // before the event, names the will held now.
        boolean earlyOnline = false;
        for (long seq : early) {
            earlyOnline |= seq == g.willOnline;
        }
        if (!earlyOnline) {
            g.willOnline = -1;
            g.will = -1;
        }
        g.begun = first;
        g.begunAmongHeard = true;
    }

    /**
     * A number below every number heard of the gateway ({@link Below}, the one rule for them): taken, and kept with
     * where it met what was heard. An ordinary message's stretch up to there is missing until it arrives, and it is
     * the gateway's lowest heard from now on; a will's is not ours to miss, and the lowest stays.
     */
    private void heardBelow(Gateway g, long seq, boolean will) {
        long top = g.lowest - 1;
        g.below.addLast(new Below(seq, top, will));
        if (g.below.size() > MAX_BELOW) {
            g.below.removeFirst();
        }
        if (will) {
            return;
        }
        // Not a duplicate: the first number heard need not be the lowest to come (a gateway sends its online before
        // what was left unacknowledged, and topics are ordered only each in itself).
        if (seq < top) {
            add(g, new Run(seq + 1, top, null));
            gapsSeen += top - seq;
        }
        g.lowest = seq;
        applyNamedBelow(g);
        // Wills heard below what was heard that the new run holds were heard: not missing.
        for (Below b : g.below) {
            if (b.will() && b.seq() > seq && b.seq() <= top && fill(g, b.seq())) {
                gapsSeen--;
            }
        }
    }

    /** Takes {@code seq} out of the run that holds it; false when none does. */
    private boolean fill(Gateway g, long seq) {
        Run r = g.holding(seq);
        if (r == null) {
            return false;
        }
        remove(g, r);
        if (r.from() < seq) {
            add(g, new Run(r.from(), seq - 1, r.reason()));
        }
        if (seq < r.to()) {
            add(g, new Run(seq + 1, r.to(), r.reason()));
        }
        // The run's counts were taken back whole by remove and given again by add, less this seq.
        return true;
    }

    /**
     * The gateway says it skipped {@code s.from()..s.to()} on purpose: those of them missing now are counted by the
     * reason instead. Its event is numbered after them, so once the event is seen they lie below the highest.
     */
    public void explain(String gatewayId, Skipped s) {
        Gateway g = gateways.get(gatewayId);
        if (g == null) {
            return;
        }
        if (s.reason().freshStore()) {
            if (!(g.begunAmongHeard && g.begun == s.to() + 1)) {
                movedAside(g, s); // begun among numbers heard, there is no jump to name
            }
            return;
        }
        if (s.from() < g.lowest) {
            // Not heard down to there yet: a lower number may still arrive and open a gap over them.
            if (g.namedBelow.size() >= MAX_NAMED_BELOW) {
                g.namedBelow.pollFirst();
            }
            g.namedBelow.add(new Skipped(s.reason(), s.from(), Math.min(s.to(), g.lowest - 1)));
        }
        explain(g, s);
    }

    /**
     * The gateway's {@code online} numbered {@code onlineSeq} names its connection's will, {@code will}: the gateway
     * holds that number while it is connected, so it is not counted as missing until a newer {@code online} names
     * another (the will, released, was then due before it). It arrives with the will, filling its gap.
     */
    public void holdsWill(String gatewayId, long onlineSeq, long will) {
        Gateway g = gateways.get(gatewayId);
        if (g == null || onlineSeq < g.willOnline) {
            return;
        }
        g.willOnline = onlineSeq;
        g.will = will;
    }

    /**
     * A store moved aside: of what lies below the fresh store's first number ({@code s.to()} + 1) only the jump to it
     * from the last number heard is skipped, that is the missing run that ends there; other runs below stay missing.
     * Numbers rise within one store only (docs/upstream.md, "The envelope"): a fresh store may number below the old
     * one, and then the jump is the other way, from the fresh store's numbers up to the lowest heard of the old one:
     * the missing run that a number arriving below all heard opened up to there ({@link Below#top}), the
     * lowest above the fresh store's first. Numbers of the fresh store that arrive in it later are taken out of it, as
     * in a jump named the usual way. If nothing of the gateway was heard up to there yet, it is kept for when lower
     * numbers arrive.
     */
    private void movedAside(Gateway g, Skipped s) {
        Run r = g.holding(s.to());
        if (r != null && r.reason() == null) {
            explain(g, new Skipped(s.reason(), r.from(), s.to()));
            return;
        }
        Run up = jumpUpFrom(g, s.to() + 1);
        if (up != null) {
            explain(g, new Skipped(s.reason(), up.from(), up.to()));
        }
        if (s.to() < g.lowest) {
            if (g.namedBelow.size() >= MAX_NAMED_BELOW) {
                g.namedBelow.pollFirst();
            }
            g.namedBelow.add(s);
        }
    }

    /**
     * The missing run above {@code first}, a fresh store's first number, that ends where a number arriving below all
     * heard opened a gap up to (the lowest heard then, less one), the lowest such; null when there is none.
     */
    private static Run jumpUpFrom(Gateway g, long first) {
        Run lowest = null;
        for (Below b : g.below) {
            Run r = b.top() > first ? g.holding(b.top()) : null;
            if (r != null && r.reason() == null && r.to() == b.top() && r.from() > first
                    && (lowest == null || r.to() < lowest.to())) {
                lowest = r;
            }
        }
        return lowest;
    }

    /** Named ranges that now lie within what was heard are applied to its gaps, and no longer kept. */
    private void applyNamedBelow(Gateway g) {
        List<Skipped> named = new ArrayList<>(g.namedBelow);
        g.namedBelow.clear();
        for (Skipped s : named) {
            if (s.reason().freshStore()) {
                movedAside(g, s);
                continue;
            }
            explain(g, s);
            if (s.from() < g.lowest) {
                g.namedBelow.add(new Skipped(s.reason(), s.from(), Math.min(s.to(), g.lowest - 1)));
            }
        }
    }

    private void explain(Gateway g, Skipped s) {
        Map.Entry<Long, Run> first = g.runs.floorEntry(s.from());
        Long start = first != null && first.getValue().to() >= s.from() ? first.getKey() : g.runs.ceilingKey(s.from());
        List<Run> hit = new ArrayList<>();
        if (start != null) {
            for (Run r : g.runs.tailMap(start, true).values()) {
                if (r.from() > s.to()) {
                    break;
                }
                if (r.reason() == null) {
                    hit.add(r);
                }
            }
        }
        for (Run r : hit) {
            if (!remove(g, r)) {
                continue; // forgotten meanwhile, to bound memory
            }
            long from = Math.max(r.from(), s.from());
            long to = Math.min(r.to(), s.to());
            if (r.from() < from) {
                add(g, new Run(r.from(), from - 1, null));
            }
            add(g, new Run(from, to, s.reason()));
            if (to < r.to()) {
                add(g, new Run(to + 1, r.to(), null));
            }
        }
    }

    private void add(Gateway g, Run r) {
        g.runs.put(r.from(), r);
        count(r, 1);
        while (g.runs.size() > MAX_RUNS_PER_GATEWAY) {
            Run oldest = g.runs.pollFirstEntry().getValue();
            if (oldest.reason() == null) {
                openGaps -= oldest.length();
                forgotten += oldest.length();
            }
            // A skipped run forgotten stays counted: the gateway said so; only a late arrival of it goes unnoticed.
        }
    }

    private boolean remove(Gateway g, Run r) {
        if (!g.runs.remove(r.from(), r)) {
            return false;
        }
        count(r, -1);
        return true;
    }

    private void count(Run r, int sign) {
        if (r.reason() == null) {
            openGaps += sign * r.length();
        } else {
            skipped.merge(r.reason(), sign * r.length(), Long::sum);
        }
    }

    /**
     * Seqs skipped and not (yet) arrived, and not named as skipped on purpose, over all gateways: presumed lost. The
     * will each gateway named in its newest {@code online} ({@link #holdsWill}) is held, not lost: left out.
     */
    public long openGaps() {
        long held = 0;
        for (Gateway g : gateways.values()) {
            if (g.will >= 0) {
                Run r = g.holding(g.will);
                if (r != null && r.reason() == null) {
                    held++;
                }
            }
        }
        return openGaps - held;
    }

    /**
     * A gateway's {@code outbox.dropped} event said its queue dropped {@code count} messages before numbering them:
     * no gap, only a count. Called once per event (not for a duplicate of it).
     */
    public void dropped(long count) {
        dropped += count;
    }

    /**
     * Seqs the gateways named as skipped on purpose (and that did not arrive after all), by reason, and the messages
     * they said they dropped before numbering them.
     */
    public Skips skips() {
        return new Skips(skipped.getOrDefault(SkipReason.SET_ASIDE, 0L), skipped.getOrDefault(SkipReason.TRIMMED, 0L),
                skipped.getOrDefault(SkipReason.TIME_UNKNOWN, 0L),
                skipped.getOrDefault(SkipReason.STORE_MOVED_ASIDE, 0L)
                        + skipped.getOrDefault(SkipReason.STORE_NUMBERED, 0L), dropped);
    }

    /** Every seq ever skipped, including those that arrived later or were named as skipped on purpose. */
    public long gapsSeen() {
        return gapsSeen;
    }

    /** Missing seqs dropped from memory to bound it (still counted in {@link #gapsSeen()}). */
    public long forgotten() {
        return forgotten;
    }

    public int gateways() {
        return gateways.size();
    }
}
