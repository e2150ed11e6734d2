package org.orderly.gateway.app.config;

/**
 * A number in a message as an installer writes it in the configuration: {@code 16}, not {@code 16.0}; the text
 * module's {@link org.orderly.text.AsWritten}, which the firmware-bridge and the orderly command say numbers with too.
 */
public final class AsWritten {
    private AsWritten() {
    }

    public static String number(double d) {
        return org.orderly.text.AsWritten.number(d);
    }
}
