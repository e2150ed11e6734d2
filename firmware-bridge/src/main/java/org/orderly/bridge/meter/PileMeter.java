package org.orderly.bridge.meter;

import java.util.function.Consumer;

/** The pile's meter, read on its own thread (stub). */
public final class PileMeter implements AutoCloseable {

    private PileMeter() {
    }

    public static PileMeter start(String pileId, MeterConfig config, double pileMaxKw, Consumer<MeterEvent> events) {
        throw new UnsupportedOperationException("not yet");
    }

    public MeterReading reading() {
        return MeterReading.NONE;
    }

    public long polls() {
        return 0;
    }

    @Override
    public void close() {
    }
}
