package org.orderly.bridge.sense;

/**
 * Where the pilot's MCP3008 sits: the SPI bus and chip select Pi4J opens it on, the converter input the pilot's
 * divider feeds, and the SPI clock.
 *
 * @param bus        SPI bus (Pi4J {@code SpiBus}, 0 .. 6; 0 is {@code /dev/spidev0.*} on a Raspberry Pi)
 * @param chipSelect chip select on that bus (0 .. 2)
 * @param channel    MCP3008 single-ended input CH0 .. CH7
 * @param baud       SPI clock in Hz: the MCP3008 takes up to 1.35 MHz at 2.7 V and 3.6 MHz at 5 V
 */
public record Mcp3008Wiring(int bus, int chipSelect, int channel, int baud) {

    public static final int MAX_BAUD = 3_600_000;
    public static final int MIN_BAUD = 10_000;

    public Mcp3008Wiring {
        if (bus < 0 || bus > 6) {
            throw new IllegalArgumentException("pilot ADC: SPI bus " + bus + " must be 0..6");
        }
        if (chipSelect < 0 || chipSelect > 2) {
            throw new IllegalArgumentException("pilot ADC: SPI chip select " + chipSelect + " must be 0..2");
        }
        if (channel < 0 || channel > 7) {
            throw new IllegalArgumentException("pilot ADC: channel " + channel + " must be 0..7 (MCP3008 CH0..CH7)");
        }
        if (baud < MIN_BAUD || baud > MAX_BAUD) {
            throw new IllegalArgumentException("pilot ADC: SPI clock " + baud + " Hz must be within " + MIN_BAUD
                    + ".." + MAX_BAUD + " Hz (MCP3008)");
        }
    }

    /** The reference circuit's: bus 0, chip select 0, CH0, 1 MHz. */
    public static Mcp3008Wiring reference() {
        return new Mcp3008Wiring(0, 0, 0, 1_000_000);
    }

    @Override
    public String toString() {
        return "SPI bus " + bus + " CS " + chipSelect + " channel " + channel;
    }
}
