package org.orderly.bridge.sense;

import com.pi4j.context.Context;
import java.io.IOException;
import java.util.Objects;

/**
 * An MCP3008 (10-bit, 8 inputs, SPI mode 0) read through Pi4J 2's {@code Spi}: one single-ended conversion per
 * three-byte transfer. The {@link Context} is injected, as for the control pilot's outputs: the board's own on the
 * target, Pi4J's mock platform with a scripted converter in tests.
 */
public final class Mcp3008 implements PilotAdc {

    private final Context pi4j;
    private final Mcp3008Wiring wiring;

    public Mcp3008(Context pi4j, Mcp3008Wiring wiring) {
        this.pi4j = Objects.requireNonNull(pi4j, "pi4j");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
    }

    @Override
    public int convert() throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void close() {
    }
}
