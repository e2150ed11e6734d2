package org.orderly.gateway.field.dlt645;

import java.nio.file.Path;
import org.orderly.testkit.SocatPair;

/** Lets tests in other packages start the simulated DL/T 645 meters (2400 baud, even parity). */
public final class SimulatedMetersAccess {
    private SimulatedMetersAccess() {
    }

    public static AutoCloseable start(String python, Path dir, String specJson, SocatPair line) throws Exception {
        return new SimulatedMeters(python, dir, specJson, line, 2400, "even");
    }
}
