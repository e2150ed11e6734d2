package org.orderly.gateway.app.live;

import org.orderly.gateway.core.limit.Reservation;
import org.orderly.gateway.core.time.Tick;

/**
 * What the households a cycle took from a transformer reading hold of each pile's draw, kept with those households for
 * as long as the cycle keeps to them: when the meter was read ({@code meterRead}, on the ticker), the piles it held their
 * room and took nothing off for ({@code reserved}), and what it took off for each of the others ({@code takenOffKw},
 * {@link TakenOffPerPile}). A later cycle that keeps to these households (its own reading not taken: below the piles,
 * or flowing back before its hold) says the least total now from them, with what the piles' reports since tell of
 * that reading ({@link ReportedDraws#leastAt}). Said for the telemetry; no decision uses it.
 *
 * @param takenOffKw per pile by index; not to be written
 * @param followedKw per pile by index, what its car drew had it followed, before the reading, the least offer since its
 *                   latest report then (infinite with none): the heavy bound's, the least it may have drawn in the
 *                   reading while no report of its step since says it went on past; not to be written
 */
record ReadingShares(Tick meterRead, Reservation reserved, double[] takenOffKw, double[] followedKw) {
}
