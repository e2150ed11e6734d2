package org.orderly.bridge.sense;

import java.io.IOException;

/** The converter the control pilot is read through: one conversion at a time. */
public interface PilotAdc extends AutoCloseable {

    /** Codes a converter gives: 0 .. {@value} - 1 (10 bits). */
    int CODES = 1024;

    /**
     * Converts the pilot's input once.
     *
     * @return the code, 0 .. {@link #CODES} - 1
     * @throws IOException when the converter cannot be read (the SPI transfer failed, or no converter answered); the
     *                     message names the bus, chip select and channel
     */
    int convert() throws IOException;

    /** Releases the converter. */
    @Override
    void close();
}
