package org.orderly.gateway.field.dlt645;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.SocatPair;

/** The Python DL/T 645 meters of {@code dlt645_meter.py} serving the slave end of a socat pair, as a subprocess. */
final class SimulatedMeters implements AutoCloseable {
    private final ChildProcess process;

    SimulatedMeters(String python, Path dir, String specJson, SocatPair line, int baud, String parity) throws Exception {
        Path script = dir.resolve("dlt645_meter.py");
        try (InputStream in = SimulatedMeters.class.getResourceAsStream("/field/dlt645_meter.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path spec = Files.createTempFile(dir, "meters", ".json");
        Files.writeString(spec, specJson);
        process = ChildProcess.start("simulated DL/T 645 meters",
                List.of(python, script.toString(), spec.toString(), line.slave.toString(), Integer.toString(baud), parity),
                Files.createTempFile(dir, "meters", ".log"));
        process.awaitLog("serving", Duration.ofSeconds(20));
    }

    String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
