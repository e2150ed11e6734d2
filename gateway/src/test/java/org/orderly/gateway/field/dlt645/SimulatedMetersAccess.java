package org.orderly.gateway.field.dlt645;

import java.nio.file.Path;
import org.orderly.testkit.SocatPair;

/** Lets tests in other packages start the simulated DL/T 645 meters (2400 baud, even parity, or behind a converter). */
public final class SimulatedMetersAccess {
    private SimulatedMetersAccess() {
    }

    public static AutoCloseable start(String python, Path dir, String specJson, SocatPair line) throws Exception {
        return new SimulatedMeters(python, dir, specJson, line, 2400, "even");
    }

    /** The meters behind a simulated RS-485-to-TCP converter on 127.0.0.1; {@link Converter#port()} is its port. */
    public static Converter behindConverter(String python, Path dir, String specJson) throws Exception {
        return new Converter(SimulatedMeters.behindConverter(python, dir, specJson));
    }

    /** Simulated meters behind a converter, for tests in other packages. */
    public static final class Converter implements AutoCloseable {
        private final SimulatedMeters meters;

        private Converter(SimulatedMeters meters) {
            this.meters = meters;
        }

        public int port() {
            return meters.port();
        }

        public String log() {
            return meters.log();
        }

        @Override
        public void close() {
            meters.close();
        }
    }
}
