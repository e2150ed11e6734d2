package org.orderly.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tools/bench/history-leak.py}: simulated sessions that another pile's history already holds. */
class HistoryLeakScriptTest {
    @TempDir
    Path dir;

    @Test
    void findsASessionReplayedOnAnotherPileDaysEarlierAndNothingElse() throws Exception {
        Path scenario = dir.resolve("s.json");
        Files.writeString(scenario, """
                {"history": [
                  {"pile": "P2", "arrival": "2026-01-08T18:40:00+08:00", "departure": "2026-01-09T07:10:00+08:00", "energyKWh": 21.0},
                  {"pile": "P1", "arrival": "2026-01-09T18:00:00+08:00", "departure": "2026-01-09T20:00:00+08:00", "energyKWh": 5.0},
                  {"pile": "P2", "arrival": "2026-01-10T12:00:00+08:00", "departure": "2026-01-10T14:00:00+08:00", "energyKWh": 5.0}
                 ],
                 "sessions": [
                  {"id": "s1", "pile": "P1", "arrival": "2026-01-12T19:05:00+08:00", \
                "departure": "2026-01-13T07:35:00+08:00", "energyKWh": 21.0},
                  {"id": "s2", "pile": "P1", "arrival": "2026-01-13T18:00:00+08:00", \
                "departure": "2026-01-13T20:00:00+08:00", "energyKWh": 5.0},
                  {"id": "s3", "pile": "P3", "arrival": "2026-01-13T18:00:00+08:00", \
                "departure": "2026-01-13T20:00:00+08:00", "energyKWh": 5.0}
                 ]}
                """);
        // s1: P2's stay four days and 25 minutes earlier. s2: the same pile's own past, not another's. s3: P1's stay
        // of the same length and energy four days earlier matches too; P2's at noon is six hours off.
        BenchScript r = BenchScript.run("history-leak.py", scenario.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(scenario + ": 2 of 3 sessions (66.7 %), 26 of 31 kWh (83.9 %) found in another "
                + "pile's history\n");
    }

    @Test
    void aFileThatIsNotAScenarioIsOneLineAndExit2() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"sessions\": 3}");
        BenchScript r = BenchScript.run("history-leak.py", bad.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("history-leak.py: " + bad + ": ");
    }
}
