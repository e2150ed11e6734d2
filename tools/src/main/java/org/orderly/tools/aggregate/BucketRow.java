package org.orderly.tools.aggregate;

import java.time.Instant;

/**
 * One exported line: the compounds' load and flexibility in one time bucket, summed over the latest telemetry of each
 * gateway this instance heard in it (kW; a gateway's unknown value is left out of its sum), and this instance's
 * counters so far (totals since it started, so a reader can difference them).
 *
 * @param gateways          gateways with telemetry in the bucket
 * @param transformerUnknown of those, how many did not know their transformer load (stale reading)
 * @param accepted          valid, first-seen messages (all types) so far
 * @param rejected          messages that broke the contract so far
 * @param duplicates        messages whose id was seen before so far
 * @param openGaps          seqs skipped and not arrived (presumed lost) now
 * @param late              telemetry that arrived after its bucket was exported so far (not in any row)
 * @param skipped           seqs the gateways skipped on purpose and named in an event, by reason (not in openGaps)
 * @param baseBoundKw       of baseKw, the part the gateways said was a bound, not a measurement (their baseBound)
 * @param baseKindUnknownKw of baseKw, the part from gateways that did not say whether it is a bound (before 2026-12-06)
 */
public record BucketRow(Instant start, Instant end, String instance, int gateways, int transformerUnknown,
                        double transformerKw, double baseKw, double evKw, double limitKw, double shedKw, double addKw,
                        long accepted, long rejected, long duplicates, long openGaps, long late,
                        Skips skipped, double baseBoundKw, double baseKindUnknownKw) {
}
