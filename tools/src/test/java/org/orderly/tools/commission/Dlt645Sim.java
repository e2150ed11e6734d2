package org.orderly.tools.commission;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.SocatPair;

/**
 * The gateway's simulated DL/T 645 meters ({@code gateway/src/test/resources/field/dlt645_meter.py}, which its own
 * tests run as {@code SimulatedMeters}) on the slave end of a socat pair, at 2400 baud, even parity: what a
 * commissioning command meets on the master end. {@code specJson} is the script's meters, silences and errors.
 */
final class Dlt645Sim implements AutoCloseable {
    private static final Path SCRIPT = Path.of("../gateway/src/test/resources/field/dlt645_meter.py");
    private final ChildProcess process;

    private Dlt645Sim(ChildProcess process) {
        this.process = process;
    }

    /** Returns once the meters serve; a script that exits or is silent for 20 s throws with its log. */
    static Dlt645Sim start(String python, Path dir, SocatPair line, String specJson) throws Exception {
        Path spec = Files.writeString(Files.createTempFile(dir, "meters", ".json"), specJson);
        ChildProcess p = ChildProcess.start("simulated DL/T 645 meters",
                List.of(python, SCRIPT.toString(), spec.toString(), line.slave.toString(), "2400", "even"),
                Files.createTempFile(dir, "dlt645", ".log"));
        try {
            p.awaitLog("serving", Duration.ofSeconds(20));
        } catch (RuntimeException | InterruptedException e) {
            p.close();
            throw e;
        }
        return new Dlt645Sim(p);
    }

    @Override
    public void close() {
        process.close();
    }
}
