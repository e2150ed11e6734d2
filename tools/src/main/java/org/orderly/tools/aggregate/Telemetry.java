package org.orderly.tools.aggregate;

/**
 * The load and flexibility one gateway reported, in kW; a {@code null} is a value the gateway did not know (e.g. its
 * transformer reading was stale) and is left out of sums. {@code baseBound} is whether {@code baseKw} is an upper bound
 * of the households' load rather than a measurement (a car's draw not known to be in the reading counted in it); null
 * where the gateway did not say (one before 2026-12-06, or with {@code baseKw} null).
 */
public record Telemetry(Double transformerKw, Double baseKw, Double evKw, Double limitKw, Double shedKw, Double addKw,
                        Boolean baseBound) {
    /** Telemetry that does not say whether its {@code baseKw} is a bound (a gateway before 2026-12-06). */
    public Telemetry(Double transformerKw, Double baseKw, Double evKw, Double limitKw, Double shedKw, Double addKw) {
        this(transformerKw, baseKw, evKw, limitKw, shedKw, addKw, null);
    }

    /** The part of {@code baseKw} that is a bound: all of it where the gateway said so, else 0. */
    double baseBoundKw() {
        return Boolean.TRUE.equals(baseBound) && baseKw != null ? baseKw : 0;
    }
}
