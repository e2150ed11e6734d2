package org.orderly.gateway.core.policy;

/**
 * What the household load a {@link Snapshot} gives is: the meter's total less draws that reading surely holds, or a bound
 * where a car's draw is not known to be in it (a pile's first report after a restart, before it or come after the meter
 * was read; a pile that does not say its draw) and may be counted as the households'. The cycle keeps its room to the
 * bound (it is the safe side); the policy neither learns a bound as the households' load nor keeps a plan made on it
 * past the first measured cycle that is lighter.
 */
public enum HouseholdFigure {
    /** The meter's total less what each pile drew, every draw known to be in the reading. */
    MEASURED,
    /** Between the households' load and that load with a car's draw, whose part in the reading is not known. */
    BOUND
}
