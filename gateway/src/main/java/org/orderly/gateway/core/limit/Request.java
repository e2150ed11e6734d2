package org.orderly.gateway.core.limit;

/**
 * What one pile should draw this cycle: {@code desiredA} amperes (0 to stop), how urgent its
 * session is (laxity in hours: slack left before it must charge flat out to finish; less is more
 * urgent) and the amperes it was given last cycle (for ramping).
 */
public record Request(int pileIndex, double desiredA, double laxityHours, double previousA) {
}
