package org.orderly.bridge.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's coap-client (libcoap 4.3) as a subprocess and captures what it printed. */
public final class CoapClientProcess {

    private final Path executable;

    public CoapClientProcess(Path executable) {
        this.executable = executable;
    }

    /** Output of one run: exit code, stdout (payloads) and stderr (libcoap's logging). */
    public record Result(int exitCode, byte[] stdoutBytes, String stderr) {
        public String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }
    }

    /** A running coap-client (for Observe). */
    public Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(false).start();
    }

    /** A coap-client started to observe (its arguments say so, {@code -s} long enough), its output read as it comes. */
    public CoapObservation observe(String... args) throws IOException {
        return new CoapObservation(start(args));
    }

    public Result run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return await(start(args), timeoutSeconds, String.join(" ", args));
    }

    public static Result await(Process process, long timeoutSeconds, String what)
            throws IOException, InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("coap-client " + what + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), process.getInputStream().readAllBytes(),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
