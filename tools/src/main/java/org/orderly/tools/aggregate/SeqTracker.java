package org.orderly.tools.aggregate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

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
    /** Wills heard below the lowest number heard, kept per gateway to know their copies; the oldest forgotten first. */
    static final int MAX_WILLS_BELOW = 100;

    /** What a message's seq means for its gateway. */
    public enum Outcome { FRESH, FILLS_GAP, DUPLICATE }

    /** Skipped seqs {@code from..to}: missing when {@code reason} is null, else named by an event with that reason. */
    private record Run(long from, long to, SkipReason reason) {
        long length() {
            return to - from + 1;
        }
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
        /**
         * The tops of the gaps opened by a number arriving below all heard (the lowest heard then, less one): where the
         * numbers of a fresh store begun below its old one meet the old store's lowest heard ({@link #movedAside}).
         */
        final TreeSet<Long> belowEdges = new TreeSet<>();
        /**
         * Wills ({@code offline}) heard below the lowest number heard, which opened no gap; the oldest forgotten first.
         */
        final ArrayDeque<Long> willsBelow = new ArrayDeque<>();

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
            return g.willsBelow.contains(seq) ? Outcome.DUPLICATE : Outcome.FRESH;
        }
        return g.holding(seq) != null ? Outcome.FILLS_GAP : Outcome.DUPLICATE;
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
            if (g.willsBelow.contains(seq)) {
                return Outcome.DUPLICATE;
            }
            if (offline) {
                g.willsBelow.addLast(seq);
                if (g.willsBelow.size() > MAX_WILLS_BELOW) {
                    g.willsBelow.removeFirst();
                }
                return Outcome.FRESH;
            }
            // Not a duplicate: the first number heard need not be the lowest to come (a gateway sends its online
            // before what was left unacknowledged, and topics are ordered only each in itself). What lies between is
            // missing until it arrives.
            long above = g.lowest;
            if (seq < g.lowest - 1) {
                add(g, new Run(seq + 1, g.lowest - 1, null));
                gapsSeen += g.lowest - seq - 1;
                g.belowEdges.add(g.lowest - 1);
                if (g.belowEdges.size() > MAX_NAMED_BELOW) {
                    g.belowEdges.pollLast();
                }
            }
            g.lowest = seq;
            applyNamedBelow(g);
            // Wills heard below the lowest that the new run holds were heard: not missing.
            g.willsBelow.removeIf(w -> {
                if (w > seq && w < above) {
                    fill(g, w);
                    gapsSeen--;
                    return true;
                }
                return false;
            });
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
            movedAside(g, s);
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
     * the missing run that a number arriving below all heard opened up to there ({@link Gateway#belowEdges}), the
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
        for (long edge : g.belowEdges.tailSet(first, false)) {
            Run r = g.holding(edge);
            if (r != null && r.reason() == null && r.to() == edge && r.from() > first) {
                return r;
            }
        }
        return null;
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
