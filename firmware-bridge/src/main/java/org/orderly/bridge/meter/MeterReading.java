package org.orderly.bridge.meter;

import java.util.Objects;
import java.util.Optional;

/**
 * What the pile knows of its meter now.
 *
 * @param ok       whether its latest answer was good (false before the first, while it fails and while a value is
 *                 refused)
 * @param lastGood its last good answer, held while it is not ok; empty until it first answers well
 */
public record MeterReading(boolean ok, Optional<MeterValues> lastGood) {

    /** Not read yet. */
    public static final MeterReading NONE = new MeterReading(false, Optional.empty());

    public MeterReading {
        Objects.requireNonNull(lastGood, "lastGood");
        if (ok && lastGood.isEmpty()) {
            throw new IllegalArgumentException("a meter that answers well has values");
        }
    }
}
