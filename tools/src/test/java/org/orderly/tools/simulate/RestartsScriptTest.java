package org.orderly.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

        BenchScript r = BenchScript.run("restarts.py", run.toString());

        assertThat(r.exit()).isZero();
        // a paused twice; its one-minute run at 23:05, which a pause follows, is a short run
        assertThat(r.out()).isEqualTo(run + ": 2 sessions drew, 2 restarts (1.000 a session), 1 paused, 1 after <= 5 min,"
                + " 1 after <= 15 min, 1 short runs\n");
    }

    @Test
    void aDirectoryWithoutOutputIsOneLineAndExit2() throws Exception {
        BenchScript r = BenchScript.run("restarts.py", dir.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("restarts.py: " + dir + ": no delivered.csv or delivered.csv.gz\n");
    }
}
