package org.orderly.gateway.core.limit;

/**
 * What one pile should draw this cycle: {@code desiredA} amperes (0: nothing planned for it now);
 * {@code extraA}, more it would take if room is left once every pile has what it should draw (a
 * session the plan could not fully serve, say; served even when {@code desiredA} is 0). A pile
 * asking for neither gets 0; how urgent its session is (laxity in hours: slack left before it must
 * charge flat out to finish; less is more urgent); and the amperes it was given last cycle (for
 * ramping).
 */
public record Request(int pileIndex, double desiredA, double laxityHours, double previousA, double extraA) {
    public Request(int pileIndex, double desiredA, double laxityHours, double previousA) {
        this(pileIndex, desiredA, laxityHours, previousA, 0);
    }

    /** What the pile would draw at most: what it should, plus any extra. */
    public double wantedA() {
        return desiredA + Math.max(0, extraA);
    }
}
