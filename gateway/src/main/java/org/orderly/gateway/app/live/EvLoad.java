package org.orderly.gateway.app.live;

/**
 * One cycle's EV load, as the page's card, the upstream telemetry and the recorded minutes all say it
 * ({@link CycleSeen#evLoad}): what the piles heard from said they drew, and the part of it no pile measured.
 *
 * @param kw           the sum of {@link CycleSeen#drawKw} over the cycle's piles
 * @param unmeasuredKw the part of {@code kw} from piles that did not measure their car's draw
 *                     ({@link PileObservation#drawKnown} false)
 */
public record EvLoad(double kw, double unmeasuredKw) {
}
