package org.orderly.gateway.app.live;

import java.util.Objects;
import org.orderly.gateway.core.model.LineLoads;

/**
 * What one transformer reading says of each line's load: nothing, as the meter's map reads no line (the households'
 * load is then taken as split evenly, as the gateway said at its start); each line's kW; or not all of them, though the
 * map reads them (a failed block, a value out of range): the cycle then does not know a line's headroom.
 */
public sealed interface MeterLines {

    /** The meter's map reads no line. */
    record Unread() implements MeterLines {
    }

    /** Each line's kW, households and piles together, as the meter reads it (or its current at the phase voltage). */
    record Read(LineLoads kw) implements MeterLines {
        public Read {
            Objects.requireNonNull(kw, "kw");
        }
    }

    /** The map reads the lines, but this reading lacks {@code quantity} or it is not a number. */
    record Missing(String quantity) implements MeterLines {
        public Missing {
            Objects.requireNonNull(quantity, "quantity");
        }
    }

    MeterLines UNREAD = new Unread();
}
