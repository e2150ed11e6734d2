package org.orderly.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A count a bench script is given (argument or environment) that is no whole number is one line naming the script, the
 * count and what was given, and exit 2, before anything runs (tools/README.md). Until 2026-12-07 append-sync.py,
 * outbox-lookup.py, merge-catch-up.py and soak-slope.py printed a Python traceback, and password-check.sh,
 * message-sizes.sh and store-growth.sh a Java one after compiling the gateway; scan-absent.sh, planner-bench.sh,
 * score-minute-load.sh, dlt645-blocks.sh, soak.sh (WARMUP), swing-bench.sh and score-scenarios.sh (MAX_RATIO) failed as
 * late, or ran on.
 */
class BenchCountsTest {
    @TempDir
    Path dir;

    static Stream<Arguments> pythonScripts() {
        return Stream.of(
                Arguments.of("append-sync.py", new String[] {"abc"}, "COUNT must be a whole number from 1, not 'abc'"),
                Arguments.of("append-sync.py", new String[] {"0"}, "COUNT must be a whole number from 1, not '0'"),
                Arguments.of("outbox-lookup.py", new String[] {"3e5"}, "ROWS must be a whole number from 1, not '3e5'"),
                Arguments.of("outbox-lookup.py", new String[] {"--help"}, "ROWS must be a whole number from 1, not '--help'"),
                Arguments.of("merge-catch-up.py", new String[] {"10", "1h", "0", "out"},
                        "SPAN_S must be a whole number from 1, not '1h'"),
                Arguments.of("soak-slope.py", new String[] {"samples.csv", "10m"},
                        "WARMUP_SECONDS must be a whole number from 0, not '10m'"));
    }

    static Stream<Arguments> pythonUsages() {
        return Stream.of(
                Arguments.of("soak-slope.py", new String[0],
                        "0 arguments given; usage: soak-slope.py SAMPLES.csv [WARMUP_SECONDS]"),
                Arguments.of("heap-report.py", new String[] {"work"},
                        "1 arguments given; usage: heap-report.py WORK EXIT_CODE THREADS RSS_KB STOPPED_IN_S"),
                Arguments.of("bound-share.py", new String[] {"tools", "s.json"},
                        "2 arguments given; usage: bound-share.py SHARED_TOOLS_DIR SCENARIO.json OUTDIR"),
                Arguments.of("default-habits.py", new String[0],
                        "0 arguments given; usage: default-habits.py SCENARIO.json..."));
    }

    /** Until 2026-12-07 each printed a traceback (IndexError, ValueError) for an argument missing. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pythonUsages")
    void aPythonScriptGivenTooFewArgumentsSaysItsUsageInOneLineAndExit2(String script, String[] args, String said)
            throws Exception {
        BenchScript r = BenchScript.run(script, args);

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(script + ": " + said + "\n");
        assertThat(r.out()).isEmpty();
    }

    /** minute-load.py's options are argparse's: until 2026-12-07 its error came after its whole usage, 7 lines. */
    @Test
    void minuteLoadsOptionThatIsNoNumberIsOneLineAndExit2() throws Exception {
        BenchScript r = BenchScript.run("minute-load.py", "scenario.json", "-o", "out.json", "--seed", "q");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("minute-load.py: argument --seed: invalid int value: 'q' (see minute-load.py --help)\n");
    }

    /**
     * minute-load.py's number options are finite, the wander's time constant above 0: until 2026-12-07 float() took
     * 'nan' and 'inf' (a NaN wander was exit 0 and an OUT.json of NaN, no JSON) and a --tau of 0 was a ZeroDivisionError.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"--sigma-home, nan, from 0", "--meal-factor, inf, from 0", "--tau, 0, above 0", "--spikes-per-home-hour, -1, from 0"})
    void minuteLoadsNumberOptionThatIsNotFiniteOrInItsRangeIsOneLineAndExit2(String option, String value, String range)
            throws Exception {
        BenchScript r = BenchScript.run("minute-load.py", "scenario.json", "-o", "out.json", option, value);

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("minute-load.py: argument " + option + ": must be a finite number " + range + ", not '"
                + value + "' (see minute-load.py --help)\n");
    }

    /**
     * minute-load.py's whole-number options are from 1: until 2026-12-07 int() took any, a --households of 0 ran as the
     * default, one below 0 was a traceback (math domain error), and a --spike-max-minutes below 1 a traceback (randint)
     * once a spike came, or no spike without a word. A --spike-kw whose LOW is above its HIGH ran as if swapped.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--households | -5 | must be a whole number from 1, not '-5'",
        "--households | 0 | must be a whole number from 1, not '0'",
        "--spike-max-minutes | 0 | must be a whole number from 1, not '0'",
        "--spike-kw | 5 2 | LOW must not be above HIGH, not '5 2'"})
    void minuteLoadsWholeOrPairedOptionOutOfItsRangeIsOneLineAndExit2(String option, String value, String said)
            throws Exception {
        String[] args = Stream.concat(Stream.of("scenario.json", "-o", "out.json", option), Stream.of(value.split(" ")))
                .toArray(String[]::new);
        BenchScript r = BenchScript.run("minute-load.py", args);

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("minute-load.py: argument " + option + ": " + said + " (see minute-load.py --help)\n");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pythonScripts")
    void aPythonScriptsCountThatIsNoWholeNumberIsOneLineAndExit2(String script, String[] args, String said)
            throws Exception {
        BenchScript r = BenchScript.run(script, args);

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(script + ": " + said + " (the script's first lines say its arguments)\n");
        assertThat(r.out()).isEmpty();
    }

    static Stream<Arguments> shellScripts() {
        return Stream.of(
                Arguments.of("password-check.sh", Map.of(), new String[] {"seven"},
                        "RUNS must be a whole number from 1 to 2147483647, not 'seven'"),
                Arguments.of("message-sizes.sh", Map.of(), new String[] {"1d"},
                        "MINUTES must be a whole number from 1 to 2147483647, not '1d'"),
                Arguments.of("store-growth.sh", Map.of(), new String[] {"20", "1.5"},
                        "MINUTES must be a whole number from 1 to 2147483647, not '1.5'"),
                Arguments.of("scan-absent.sh", Map.of(), new String[] {"100 3s"},
                        "each of TIMEOUTS must be a whole number from 1 to 2147483647, not '3s'"),
                Arguments.of("planner-bench.sh", Map.of("BENCH_REPS", "five"), new String[0],
                        "BENCH_REPS must be a whole number from 1 to 2147483647, not 'five'"),
                Arguments.of("score-minute-load.sh", Map.of("SEEDS", "1,2"), new String[0],
                        "each of SEEDS must be a whole number from 0 to 2147483647, not '1,2'"),
                Arguments.of("dlt645-blocks.sh", Map.of("BENCH_REPLY_DELAYS_MS", "20 -5"), new String[0],
                        "each of BENCH_REPLY_DELAYS_MS must be a whole number from 0 to 2147483647, not '-5'"),
                Arguments.of("soak.sh", Map.of("WARMUP", "10m"), new String[0],
                        "WARMUP must be a whole number from 0 to 2147483647, not '10m'"),
                Arguments.of("swing-bench.sh", Map.of(), new String[] {"3", "2m"},
                        "SECONDS must be a number above 0 such as 1.5, not '2m'"),
                Arguments.of("../score-scenarios.sh", Map.of("MAX_RATIO", "1,2"), new String[0],
                        "MAX_RATIO must be a number above 0 such as 1.5, not '1,2'"),
                // Compared as text: bash's arithmetic wraps 2^64 to 0, and a Java bench reads no count above 2^31 - 1.
                Arguments.of("password-check.sh", Map.of(), new String[] {"3000000000"},
                        "RUNS must be a whole number from 1 to 2147483647, not '3000000000'"),
                Arguments.of("soak.sh", Map.of("WARMUP", "18446744073709551616"), new String[0],
                        "WARMUP must be a whole number from 0 to 2147483647, not '18446744073709551616'"),
                // A '*' is the word given, not the files it would match.
                Arguments.of("score-minute-load.sh", Map.of("SEEDS", "0 *"), new String[0],
                        "each of SEEDS must be a whole number from 0 to 2147483647, not '*'"),
                Arguments.of("score-minute-load.sh", Map.of("SEEDS", " "), new String[0],
                        "SEEDS must be one or more words, not ' '"),
                Arguments.of("swing-bench.sh", Map.of(), new String[] {"3", "180", "2000", "-x"},
                        "SEED must be a whole number such as 1 or -1, not '-x'"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("shellScripts")
    void aShellScriptsCountThatIsNoWholeNumberIsOneLineAndExit2(String script, Map<String, String> env, String[] args,
            String said) throws Exception {
        BenchScript r = BenchScript.runShell(env, script, args);

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(Path.of(script).getFileName() + ": " + said
                + " (the script's first lines say its arguments)\n");
        assertThat(r.out()).as("nothing run before the refusal").isEmpty();
    }

    /** The check lets a count through: the scripts still run (the two fast ones, on a few lines and rows). */
    @Test
    void wholeNumbersAreTaken() throws Exception {
        BenchScript sync = BenchScript.run("append-sync.py", "3", dir.toString());
        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(sync.out()).startsWith("3 appends of 200 bytes, each forced (fdatasync) in " + dir + ": median ");

        // As int() reads a count, which the script took before it checked: a space or a leading 0 are no error.
        BenchScript spaced = BenchScript.run("append-sync.py", " 03", dir.resolve("spaced").toString());
        assertThat(spaced.exit()).as(spaced.err()).isZero();
        assertThat(spaced.out()).startsWith("3 appends of 200 bytes");

        // Its scratch folder goes when it ends (until 2026-12-07 the folder and the WAL's files stayed in /tmp).
        Path scratch = Files.createDirectory(dir.resolve("tmp"));
        BenchScript lookup = BenchScript.run(Map.of("TMPDIR", scratch.toString()), "outbox-lookup.py", "100");
        assertThat(lookup.exit()).as(lookup.err()).isZero();
        assertThat(lookup.out()).startsWith("100 rows, SQLite ");
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).as("what outbox-lookup.py left in TMPDIR").isEmpty();
        }
    }
}
