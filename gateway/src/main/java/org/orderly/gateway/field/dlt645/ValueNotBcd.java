package org.orderly.gateway.field.dlt645;

/**
 * A value with a digit that is not a decimal one (a nibble A..F) in a reply that arrived whole, its checksum right: the
 * cause of the {@code GARBLED} it is reported as. A wrong baud rate or parity, or a disturbed line, breaks a frame's
 * checksum or framing first; this value the meter sent as it is, so the line and its settings are right and the meter
 * is not (a meter filling what it does not measure with FF, a firmware writing its own digits).
 */
public final class ValueNotBcd extends Exception {
    ValueNotBcd(String message) {
        super(message);
    }

    /** Whether {@code failure} is, or was caused by, a value the meter sent that is not BCD. */
    public static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ValueNotBcd) {
                return true;
            }
        }
        return false;
    }
}
