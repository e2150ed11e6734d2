package org.orderly.tools.aggregate;

import com.fasterxml.jackson.databind.JsonNode;

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

    /**
     * A message's or a journal line's {@code baseBound}, read the one way for both: optional (a gateway before
     * 2026-12-06 does not say, and its telemetry is read as before), {@code true}, {@code false} or null.
     *
     * @param field the field, or null where it is not there
     * @throws IllegalArgumentException when it is anything else, saying so
     */
    static Boolean baseBound(JsonNode field) {
        if (field == null || field.isNull()) {
            return null;
        }
        if (!field.isBoolean()) {
            throw new IllegalArgumentException("field 'baseBound' is not true, false or null");
        }
        return field.booleanValue();
    }

    /** The part of {@code baseKw} that is a bound: all of it where the gateway said so, else 0. */
    double baseBoundKw() {
        return Boolean.TRUE.equals(baseBound) && baseKw != null ? baseKw : 0;
    }

    /**
     * The part of {@code baseKw} of unknown kind: all of it where the gateway did not say whether it is a bound (one
     * before 2026-12-06, whose {@code baseKw} may be a bound unsaid), else 0.
     */
    double baseKindUnknownKw() {
        return baseBound == null && baseKw != null ? baseKw : 0;
    }
}
