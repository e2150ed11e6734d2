package org.orderly.tools.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** A command run in-process, with what the log wrote to standard error while it ran (written out: {@link LogWritten}). */
public record StderrLog(OrderlyRun run, String log) {
    public static StderrLog during(Callable<OrderlyRun> command) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            OrderlyRun r = command.call();
            LogWritten.await(() -> log.toString(StandardCharsets.UTF_8));
            return new StderrLog(r, log.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }
}
