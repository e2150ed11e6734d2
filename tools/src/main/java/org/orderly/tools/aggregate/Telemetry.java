package org.orderly.tools.aggregate;

/**
 * The load and flexibility one gateway reported, in kW; a {@code null} is a value the gateway did not know (e.g. its
 * transformer reading was stale) and is left out of sums.
 */
public record Telemetry(Double transformerKw, Double baseKw, Double evKw, Double limitKw, Double shedKw, Double addKw) {
}
