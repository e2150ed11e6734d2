package org.orderly.gateway.web.view;

import java.util.List;

/**
 * The EV energy of the sessions that ended today (local day) or go on, whenever they began (from the stored
 * per-minute pile power and the piles' counters), its cost at the tariff, and what the energy of the sessions whose
 * draw a stored minute saw would have cost uncontrolled: each charged from its arrival at the most its car was seen to
 * draw until it had what it took. {@code savingYuan} is that less what the same energy cost ({@code comparedKwh},
 * {@code comparedCostYuan}).
 *
 * <p>A session with energy that no stored minute saw its car draw (a gateway's first minute after its start, a car
 * plugged in less than a minute ago, a pile silent all its session: its energy known from its pile's counter only) is
 * left out of the comparison ({@code leftOut}), not of the energy and cost: how fast it would have charged
 * uncontrolled is not known, and counting its energy at no cost would say its cost as a saving below nothing. Until
 * 2026-12-05 one such session made the whole compound's saving unknown, all day for a pile silent all its session.
 * The comparison is null only when it covers no energy while a session is left out.
 *
 * <p>A session whose energy is not known at all (its pile counts no energy and was heard in none of its minutes) adds
 * nothing to any figure and is named in {@code notCounted}: the energy and cost are then at least what they say. Until
 * 2026-12-06 such a session counted 0 kWh unsaid, and the saving said it covered every session.
 *
 * @param comparedKwh      the energy the saving compares: {@code evKwh} less the left-out sessions'
 * @param comparedCostYuan what {@code comparedKwh} cost
 * @param leftOut          the sessions left out of the comparison, by pile; empty when it covers every session
 * @param notCounted       the sessions whose energy is not known, by pile; empty when every session's is
 */
public record Today(double evKwh, double costYuan, Double uncontrolledCostYuan, Double savingYuan,
                    double comparedKwh, double comparedCostYuan, List<LeftOutSession> leftOut,
                    List<UncountedSession> notCounted) {

    public Today {
        leftOut = List.copyOf(leftOut);
        notCounted = List.copyOf(notCounted);
    }

    /** Figures in which every session's energy is known. */
    public Today(double evKwh, double costYuan, Double uncontrolledCostYuan, Double savingYuan,
                 double comparedKwh, double comparedCostYuan, List<LeftOutSession> leftOut) {
        this(evKwh, costYuan, uncontrolledCostYuan, savingYuan, comparedKwh, comparedCostYuan, leftOut, List.of());
    }

    /** Figures whose comparison is known and covers every session. */
    public Today(double evKwh, double costYuan, double uncontrolledCostYuan, double savingYuan) {
        this(evKwh, costYuan, Double.valueOf(uncontrolledCostYuan), Double.valueOf(savingYuan), evKwh, costYuan,
                List.of());
    }
}
