package org.orderly.bridge.sense;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiChipSelect;
import com.pi4j.io.spi.SpiMode;
import java.io.IOException;
import java.util.Objects;

/**
 * An MCP3008 (10-bit, 8 inputs, SPI mode 0) read through Pi4J 2's {@code Spi}: one single-ended conversion per
 * three-byte transfer. The {@link Context} is injected, as for the control pilot's outputs: the board's own on the
 * target, Pi4J's mock platform with a scripted converter in tests.
 *
 * <pre>
 *   sent      0000 0001   1 CH2 CH1 CH0 xxxx   xxxx xxxx      start bit, single-ended, input
 *   received  ???? ????   ???? ? 0 B9 B8       B7 .. B0       the null bit, then the code
 * </pre>
 */
public final class Mcp3008 implements PilotAdc {

    private static final int NULL_BIT = 0x04;

    private final Context pi4j;
    private final Mcp3008Wiring wiring;
    private final Spi spi;
    private final byte[] command;
    private final byte[] answer = new byte[3];

    public Mcp3008(Context pi4j, Mcp3008Wiring wiring) {
        this.pi4j = Objects.requireNonNull(pi4j, "pi4j");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.command = new byte[] {0x01, (byte) (0x80 | wiring.channel() << 4), 0x00};
        this.spi = pi4j.create(Spi.newConfigBuilder(pi4j)
                .id("pilot-adc").name("Control pilot ADC (MCP3008 CH" + wiring.channel() + ")")
                .bus(SpiBus.getByNumber(wiring.bus())).chipSelect(SpiChipSelect.getByNumber(wiring.chipSelect()))
                .mode(SpiMode.MODE_0).baud(wiring.baud())
                .build());
    }

    @Override
    public synchronized int convert() throws IOException {
        try {
            spi.transfer(command, 0, answer, 0, command.length);
        } catch (RuntimeException e) { // Pi4J's IOException is unchecked, as is a provider's own failure
            throw new IOException("pilot ADC on " + wiring + ": SPI transfer failed: " + e.getMessage(), e);
        }
        if ((answer[1] & NULL_BIT) != 0) {
            throw new IOException("pilot ADC on " + wiring + ": no MCP3008 answered (its null bit was 1: MISO not "
                    + "driven)");
        }
        return (answer[1] & 0x03) << 8 | answer[2] & 0xFF;
    }

    /** Releases the SPI device from Pi4J. */
    @Override
    public void close() {
        pi4j.shutdown(spi.id());
    }
}
