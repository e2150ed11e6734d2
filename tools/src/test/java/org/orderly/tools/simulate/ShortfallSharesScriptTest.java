package org.orderly.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tools/bench/shortfall-shares.py}: each session's energy delivered in a simulation and its share wanted. */
class ShortfallSharesScriptTest {
    @TempDir
    Path dir;

    @Test
    void sumsEachSessionsDrawsOverItsStepsAndNamesTheLeastShare() throws Exception {
        Path scenario = dir.resolve("s.json");
        Files.writeString(scenario, """
                {"stepSeconds": 60, "sessions": [{"id": "a", "energyKWh": 10}, {"id": "b", "energyKWh": 4},
                 {"id": "c", "energyKWh": 2}]}""");
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.write(run.resolve("delivered.csv"), List.of(
                "stepStart,session,pile,kw",
                "2026-01-12T22:00:00+08:00,a,P1,6.0",
                "2026-01-12T22:01:00+08:00,a,P1,6.0",
                "2026-01-12T22:00:00+08:00,b,P2,3.0",
                "2026-01-12T22:01:00+08:00,b,P2,0"));   // c never drew

        BenchScript r = BenchScript.run("shortfall-shares.py", scenario.toString(), run.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("""
                a 0.200 kWh of 10.000, share 0.0200
                b 0.050 kWh of 4.000, share 0.0125
                c 0.000 kWh of 2.000, share 0.0000
                least share 0.0000, total 0.250 kWh of 16.000
                """);
    }

    @Test
    void writesTheFiveCarsAlikeItsDocumentMeasures() throws Exception {
        Path scenario = dir.resolve("alike-5.json");

        BenchScript r = BenchScript.run("shortfall-shares.py", "--alike", scenario.toString());

        assertThat(r.exit()).isZero();
        assertThat(Files.readString(scenario)).contains("\"format\": \"orderly-scenario/1\"", "\"id\": \"p299\"",
                "\"id\": \"p7\"", "\"limitKw\": 100.0").doesNotContain("22:59");
    }

    @Test
    void writesTheFiveCarsLeavingAMinuteApart() throws Exception {
        Path scenario = dir.resolve("near-5.json");

        BenchScript r = BenchScript.run("shortfall-shares.py", "--near", scenario.toString());

        assertThat(r.exit()).isZero();
        assertThat(Files.readString(scenario)).contains("\"departure\": \"2026-01-12T22:55:00+08:00\"",
                "\"departure\": \"2026-01-12T22:59:00+08:00\"").doesNotContain("23:00:00");
    }

    @Test
    void writesTheEightCarsThatQueue() throws Exception {
        Path scenario = dir.resolve("queue-8.json");

        BenchScript r = BenchScript.run("shortfall-shares.py", "--queue", scenario.toString());

        assertThat(r.exit()).isZero();
        assertThat(Files.readString(scenario)).contains("\"id\": \"p5\"", "80.0");
    }

    @Test
    void aDirectoryWithoutOutputIsOneLineAndExit2() throws Exception {
        Path scenario = dir.resolve("s.json");
        Files.writeString(scenario, "{\"stepSeconds\": 60, \"sessions\": []}");

        BenchScript r = BenchScript.run("shortfall-shares.py", scenario.toString(), dir.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("shortfall-shares.py: " + scenario + ", " + dir + ": no delivered.csv or delivered.csv.gz\n");
    }
}
