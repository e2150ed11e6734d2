package org.orderly.tools.commission;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.SocatPair;

/**
 * The gateway's simulated DL/T 645 meters ({@code gateway/src/test/resources/field/dlt645_meter.py}, which its own
 * tests run as {@code SimulatedMeters}) on the slave end of a socat pair, at 2400 baud, even parity: what a
 * commissioning command meets on the master end; or behind a simulated RS-485-to-TCP converter on 127.0.0.1.
 * {@code specJson} is the script's meters, silences and errors.
 */
final class Dlt645Sim implements AutoCloseable {
    private static final Path SCRIPT = Path.of("../gateway/src/test/resources/field/dlt645_meter.py");
    private static final Pattern LISTENING = Pattern.compile("listening on (\\d+)");
    private final ChildProcess process;

    private Dlt645Sim(ChildProcess process) {
        this.process = process;
    }

    /** Returns once the meters serve; a script that exits or is silent for 20 s throws with its log. */
    static Dlt645Sim start(String python, Path dir, SocatPair line, String specJson) throws Exception {
        return start(python, dir, specJson, List.of(line.slave.toString(), "2400", "even"));
    }

    /** The meters behind a simulated RS-485-to-TCP converter on a free port of 127.0.0.1: {@link #converterPort()}. */
    static Dlt645Sim behindConverter(String python, Path dir, String specJson) throws Exception {
        return start(python, dir, specJson, List.of("tcp:0"));
    }

    private static Dlt645Sim start(String python, Path dir, String specJson, List<String> where) throws Exception {
        Path spec = Files.writeString(Files.createTempFile(dir, "meters", ".json"), specJson);
        List<String> command = new java.util.ArrayList<>(List.of(python, SCRIPT.toString(), spec.toString()));
        command.addAll(where);
        return new Dlt645Sim(ChildProcess.startUntilLogged("simulated DL/T 645 meters", command,
                Files.createTempFile(dir, "dlt645", ".log"), "serving", Duration.ofSeconds(20)));
    }

    /** What the script has said: each answer is a line "answered ADDRESS CONTROL". */
    String log() {
        return process.log();
    }

    /** The simulated converter's port on 127.0.0.1, as the script printed it before serving. */
    int converterPort() {
        Matcher m = LISTENING.matcher(process.log());
        if (!m.find()) {
            throw new IllegalStateException("the simulated converter did not say its port: " + process.log());
        }
        return Integer.parseInt(m.group(1));
    }

    @Override
    public void close() {
        process.close();
    }
}
