package org.orderly.gateway.field.dlt645;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.SocatPair;

/**
 * The Python DL/T 645 meters of {@code dlt645_meter.py} serving the slave end of a socat pair, or behind a simulated
 * RS-485-to-TCP converter listening on 127.0.0.1, as a subprocess.
 */
final class SimulatedMeters implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\d+)");
    private final ChildProcess process;

    SimulatedMeters(String python, Path dir, String specJson, SocatPair line, int baud, String parity) throws Exception {
        this(python, dir, specJson, List.of(line.slave.toString(), Integer.toString(baud), parity));
    }

    private SimulatedMeters(String python, Path dir, String specJson, List<String> where) throws Exception {
        Path script = dir.resolve("dlt645_meter.py");
        try (InputStream in = SimulatedMeters.class.getResourceAsStream("/field/dlt645_meter.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path spec = Files.createTempFile(dir, "meters", ".json");
        Files.writeString(spec, specJson);
        List<String> command = new java.util.ArrayList<>(List.of(python, script.toString(), spec.toString()));
        command.addAll(where);
        process = ChildProcess.start("simulated DL/T 645 meters", command, Files.createTempFile(dir, "meters", ".log"));
        process.awaitLog("serving", Duration.ofSeconds(20));
    }

    /** The meters behind a converter on a free port of 127.0.0.1: {@link #port()}. */
    static SimulatedMeters behindConverter(String python, Path dir, String specJson) throws Exception {
        return new SimulatedMeters(python, dir, specJson, List.of("tcp:0"));
    }

    /** The converter's port on 127.0.0.1. */
    int port() {
        Matcher m = LISTENING.matcher(log());
        if (!m.find()) {
            throw new IllegalStateException("the simulated converter did not say its port: " + log());
        }
        return Integer.parseInt(m.group(1));
    }

    String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
