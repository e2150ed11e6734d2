package org.orderly.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ExternalTools;

/** {@code tools/bench/restarts.py}: how often a simulation stopped and restarted each vehicle. */
class RestartsScriptTest {
    @TempDir
    Path dir;

    @Test
    void countsEveryRunOfDrawsAfterASessionsFirstAndThePauseBeforeIt() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.write(run.resolve("delivered.csv"), List.of(
                "stepStart,session,pile,kw",
                "2026-01-12T23:00:00+08:00,a,P1,7.0",
                "2026-01-12T23:01:00+08:00,a,P1,7.0",
                "2026-01-12T23:02:00+08:00,b,P2,3.3",
                "2026-01-12T23:03:00+08:00,a,P1,0.000000", // no draw: the pause starts at 23:02
                "2026-01-12T23:05:00+08:00,a,P1,7.0",       // after 3 minutes
                "2026-01-12T23:30:00+08:00,a,P1,7.0",       // after 24 minutes
                "2026-01-12T23:31:00+08:00,a,P1,7.0",
                "2026-01-12T23:32:00+08:00,c,P3,0"));       // never drew

        Result r = restarts(run.toString());

        assertThat(r.exit).isZero();
        assertThat(r.out).isEqualTo(run + ": 2 sessions drew, 2 restarts, 1 after <= 5 min, 1 after <= 15 min\n");
    }

    @Test
    void aDirectoryWithoutOutputIsOneLineAndExit2() throws Exception {
        Result r = restarts(dir.toString());

        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).isEqualTo("restarts.py: " + dir + ": no delivered.csv or delivered.csv.gz\n");
    }

    private record Result(int exit, String out, String err) {
    }

    private Result restarts(String outdir) throws IOException, InterruptedException {
        String python = ExternalTools.requireProgram("python3", "python3");
        Process p = new ProcessBuilder(python, "bench/restarts.py", outdir).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
