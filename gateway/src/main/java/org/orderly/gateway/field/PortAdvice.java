package org.orderly.gateway.field;

import java.util.Optional;

/**
 * What to check when a bus's or line's serial port did not open, in the commissioning commands' words: the port is not
 * there ({@link SerialPortMissing}) or is there but will not open ({@link SerialPortNotOpened}); empty for any other
 * failure, which is the line's, not a setting, an adapter or a permission to see to.
 */
public final class PortAdvice {
    private PortAdvice() {
    }

    /** The advice for {@code error}, found along its causes, naming bus (or line) {@code bus}. */
    public static Optional<String> forBus(Throwable error, String bus) {
        return SerialPortMissing.in(error).map(m -> m.adviceForBus(bus))
                .or(() -> SerialPortNotOpened.in(error).map(n -> n.adviceForBus(bus)));
    }
}
