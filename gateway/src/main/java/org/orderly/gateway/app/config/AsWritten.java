package org.orderly.gateway.app.config;

/** A number in a message as an installer writes it in the configuration: {@code 16}, not {@code 16.0}. */
public final class AsWritten {
    private AsWritten() {
    }

    public static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
