package org.orderly.gateway.field.dlt645;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.orderly.testkit.SocatPair;

/** The Python DL/T 645 meters of {@code dlt645_meter.py} serving the slave end of a socat pair, as a subprocess. */
final class SimulatedMeters implements AutoCloseable {
    private final Process process;
    private final Path log;

    SimulatedMeters(String python, Path dir, String specJson, SocatPair line, int baud, String parity) throws Exception {
        Path script = dir.resolve("dlt645_meter.py");
        try (InputStream in = SimulatedMeters.class.getResourceAsStream("/field/dlt645_meter.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path spec = Files.createTempFile(dir, "meters", ".json");
        Files.writeString(spec, specJson);
        log = Files.createTempFile(dir, "meters", ".log");
        process = new ProcessBuilder(python, script.toString(), spec.toString(), line.slave.toString(), Integer.toString(baud), parity)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.readString(log).contains("serving")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("simulated DL/T 645 meters did not start: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    String log() throws java.io.IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
