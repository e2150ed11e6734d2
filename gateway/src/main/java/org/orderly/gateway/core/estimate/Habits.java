package org.orderly.gateway.core.estimate;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.orderly.gateway.core.session.PastSession;

/**
 * Residents' charging habits, learned per pile from its past sessions: how long a vehicle that
 * arrives at a given time of day stays, and how much it takes. A compound-wide prior (every pile's
 * sessions, and a built-in residential default worth a few of them) fills in for piles with little
 * history. A stay whose energy is not known (its pile counts none) is still a true stay: its pile learns how long it
 * lasted and nothing of its energy ({@link Pairs#energyKWh} NaN), and the prior, whose points pair a stay with an
 * energy, leaves it out.
 */
public final class Habits {
    /**
     * A past session reduced to what predicts the next: local arrival hour, day type, stay, energy, and
     * how many sessions it counts for (less than one for the built-in default's).
     */
    public record Sample(double arrivalHour, boolean weekend, double hours, double energyKWh, double weight) {
    }

    /**
     * Weighted (stay, energy) pairs for one arrival, an energy NaN where the stay's is not known; {@code learned} is
     * false while the energies are only the built-in default's, before any session whose energy is known has ended.
     */
    public record Pairs(double[] hours, double[] energyKWh, double[] weights, boolean learned) {
        /** The pairs whose energy is known: what the energies are believed from, each with the stay it came with. */
        public Pairs energyKnown() {
            int n = 0;
            for (double e : energyKWh) {
                n += Double.isNaN(e) ? 0 : 1;
            }
            if (n == energyKWh.length) {
                return this;
            }
            double[] h = new double[n];
            double[] e = new double[n];
            double[] w = new double[n];
            for (int i = 0, k = 0; i < energyKWh.length; i++) {
                if (!Double.isNaN(energyKWh[i])) {
                    h[k] = hours[i];
                    e[k] = energyKWh[i];
                    w[k++] = weights[i];
                }
            }
            return new Pairs(h, e, w, learned);
        }
    }

    private static final Comparator<Sample> BY_STAY = Comparator.comparingDouble(Sample::hours);
    private static final Comparator<Sample> BY_ENERGY = Comparator.comparingDouble(Sample::energyKWh);
    private static final double STAY_KERNEL_HOURS = 2.0;
    private static final double ARRIVAL_KERNEL_HOURS = 1.25;
    private static final double OTHER_DAY_TYPE_WEIGHT = 0.6;
    private static final int PRIOR_POINTS = 20;
    private static final double PRIOR_WEIGHT = 2.0;
    private static final int MAX_PER_PILE = 120;
    private static final int MAX_ALL = 20_000;
    /**
     * What the built-in residential default counts for against the sessions the compound has shown,
     * in sessions per arrival hour and day type: it steers the first days, then fades.
     */
    private static final double DEFAULT_WORTH_PER_HOUR = 0.5;

    private final ZoneId zone;
    private final List<List<Sample>> perPile = new ArrayList<>();
    /** Every pile's samples, kept sorted by stay so a prior needs no sort. */
    private final List<Sample> all = new ArrayList<>();
    /** The same samples sorted by energy, for the energies of stays like a declared one. */
    private final List<Sample> allByEnergy = new ArrayList<>();
    /** The same samples in the order they were learned, so the oldest can be forgotten. */
    private final ArrayDeque<Sample> learned = new ArrayDeque<>();
    private final Map<Integer, CachedPrior> priors = new HashMap<>();
    /**
     * Sessions learned in all, forgotten ones too: once {@link #MAX_ALL} are kept, each one learned makes the oldest
     * forgotten and the number kept no longer grows, but this does.
     */
    private long learnedEver;

    /**
     * A prior computed for one quarter hour of arrival and day type, how many samples it saw, and {@link #learnedEver}
     * when it was.
     */
    private record CachedPrior(List<double[]> points, int samples, long learnedEver) {
    }

    public Habits(ZoneId zone, int pileCount) {
        this.zone = zone;
        for (int i = 0; i < pileCount; i++) {
            perPile.add(new ArrayList<>());
        }
        for (int hour = 0; hour < 24; hour++) {
            double[][] pairs = ResidentialDefault.PAIRS[hour];
            for (double[] pair : pairs) {
                for (boolean weekend : new boolean[] {false, true}) {
                    Sample guess = new Sample(hour + 0.5, weekend, pair[0], pair[1], DEFAULT_WORTH_PER_HOUR / pairs.length);
                    insertSorted(all, guess, BY_STAY);
                    insertSorted(allByEnergy, guess, BY_ENERGY);
                }
            }
        }
    }

    public void learn(PastSession s) {
        boolean energyKnown = !Double.isNaN(s.energyKWh());
        if (!(s.hours() > 0) || energyKnown && !(s.energyKWh() >= 0 && Double.isFinite(s.energyKWh()))) {
            return;
        }
        ZonedDateTime local = s.arrival().atZone(zone);
        Sample sample = new Sample(hourOfDay(local), weekend(local), s.hours(), s.energyKWh(), 1);
        List<Sample> mine = perPile.get(s.pileIndex());
        mine.add(sample);
        if (mine.size() > MAX_PER_PILE) {
            mine.remove(0);
        }
        if (!energyKnown) {
            return;
        }
        insertSorted(all, sample, BY_STAY);
        insertSorted(allByEnergy, sample, BY_ENERGY);
        learned.addLast(sample);
        learnedEver++;
        if (learned.size() > MAX_ALL) {
            forget(learned.removeFirst());
        }
    }

    private static void insertSorted(List<Sample> list, Sample sample, Comparator<Sample> order) {
        int at = Collections.binarySearch(list, sample, order);
        list.add(at >= 0 ? at : -at - 1, sample);
    }

    private void forget(Sample oldest) {
        removeSorted(all, oldest, BY_STAY);
        removeSorted(allByEnergy, oldest, BY_ENERGY);
    }

    private static void removeSorted(List<Sample> list, Sample oldest, Comparator<Sample> order) {
        int at = Collections.binarySearch(list, oldest, order);
        for (int i = Math.max(0, at); i >= 0 && i < list.size() && order.compare(list.get(i), oldest) == 0; i--) {
            if (list.get(i) == oldest) {
                list.remove(i);
                return;
            }
        }
        list.remove(oldest);
    }

    public int sessionsKnown(int pileIndex) {
        return perPile.get(pileIndex).size();
    }

    /** The (stay, energy) pairs that describe a vehicle arriving at {@code arrival} on this pile. */
    public Pairs pairsFor(int pileIndex, Instant arrival) {
        return pairs(pileIndex, arrival, s -> 1, this::prior);
    }

    /** A compound-wide prior for an arrival at a local hour of day and day type. */
    private interface Prior {
        List<double[]> at(double hour, boolean weekend);
    }

    /** The pile's own sessions, weighted by how alike their arrival was and by {@code alike}, then {@code prior}. */
    private Pairs pairs(int pileIndex, Instant arrival, ToDoubleFunction<Sample> alike, Prior prior) {
        ZonedDateTime local = arrival.atZone(zone);
        double hour = hourOfDay(local);
        boolean weekend = weekend(local);
        List<double[]> rows = new ArrayList<>();
        for (Sample s : perPile.get(pileIndex)) {
            rows.add(new double[] {s.hours(), s.energyKWh(), similarity(s, hour, weekend) * alike.applyAsDouble(s)});
        }
        rows.addAll(prior.at(hour, weekend));
        return toPairs(rows);
    }

    private Pairs toPairs(List<double[]> rows) {
        double[] h = new double[rows.size()];
        double[] e = new double[rows.size()];
        double[] w = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            h[i] = rows.get(i)[0];
            e[i] = rows.get(i)[1];
            w[i] = rows.get(i)[2];
        }
        return new Pairs(h, e, w, !learned.isEmpty());
    }

    /**
     * The pairs for an arrival whose stay was declared: the pile's own sessions, each also weighted
     * by how close its stay was to the declared one, and a compound-wide prior of the energies that
     * stays like it took. The generic prior's 20 points are spread over all stays, so only one or
     * two of them would speak for a declared three-hour stay, and a pile with no history of its own
     * would be believed to want what those one or two took.
     */
    public Pairs pairsForStay(int pileIndex, Instant arrival, double stayHours) {
        return pairs(pileIndex, arrival, s -> stayLikeness(s.hours(), stayHours),
                (hour, weekend) -> stayPrior(hour, weekend, stayHours));
    }

    /** How much a past stay says about a declared one: a Gaussian kernel, and a floor for the rest. */
    private static double stayLikeness(double pastHours, double declaredHours) {
        double z = (pastHours - declaredHours) / STAY_KERNEL_HOURS;
        return Math.exp(-0.5 * z * z) + 0.05;
    }

    /** 20 energy quantile points of every pile's sessions arriving like this one, weighted by how alike their stays were. */
    private List<double[]> stayPrior(double hour, boolean weekend, double stayHours) {
        return quantilePoints(allByEnergy, s -> similarity(s, hour, weekend) * stayLikeness(s.hours(), stayHours));
    }

    /**
     * The compound-wide prior for an arrival at this hour and day type. Cached per quarter hour:
     * it is recomputed once 2 % of the samples are new (learned since), since a few more sessions barely move
     * 20 quantile points and recomputing it for every arrival costs most of the planning time in
     * a large compound.
     */
    private List<double[]> prior(double hour, boolean weekend) {
        int key = (int) (hour * 4) * 2 + (weekend ? 1 : 0);
        CachedPrior cached = priors.get(key);
        if (cached == null || learnedEver - cached.learnedEver() > Math.max(10, cached.samples() / 50)) {
            cached = new CachedPrior(computePrior(Math.floor(hour * 4) / 4 + 0.125, weekend), all.size(), learnedEver);
            priors.put(key, cached);
        }
        return cached.points();
    }

    private List<double[]> computePrior(double hour, boolean weekend) {
        return quantilePoints(all, s -> similarity(s, hour, weekend));
    }

    /**
     * {@link #PRIOR_POINTS} weighted quantile points of {@code sorted} (in the order it is sorted by), each a
     * (stay, energy, weight) row worth {@link #PRIOR_WEIGHT} / {@link #PRIOR_POINTS} sessions.
     */
    private static List<double[]> quantilePoints(List<Sample> sorted, ToDoubleFunction<Sample> weight) {
        double[] w = new double[sorted.size()];
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = weight.applyAsDouble(sorted.get(i));
            total += w[i];
        }
        List<double[]> out = new ArrayList<>();
        double acc = 0;
        int next = 0;
        for (int i = 0; i < w.length; i++) {
            acc += w[i];
            while (next < PRIOR_POINTS && acc >= (next + 0.5) / PRIOR_POINTS * total) {
                Sample s = sorted.get(i);
                out.add(new double[] {s.hours(), s.energyKWh(), PRIOR_WEIGHT / PRIOR_POINTS});
                next++;
            }
        }
        return List.copyOf(out);
    }

    private static double similarity(Sample s, double hour, boolean weekend) {
        double d = Math.abs(s.arrivalHour() - hour);
        d = Math.min(d, 24 - d);
        double w = s.weight() * Math.exp(-0.5 * (d / ARRIVAL_KERNEL_HOURS) * (d / ARRIVAL_KERNEL_HOURS));
        return s.weekend() == weekend ? w : w * OTHER_DAY_TYPE_WEIGHT;
    }

    private static double hourOfDay(ZonedDateTime t) {
        return t.getHour() + t.getMinute() / 60.0;
    }

    private static boolean weekend(ZonedDateTime t) {
        return t.getDayOfWeek().getValue() >= 6;
    }
}
