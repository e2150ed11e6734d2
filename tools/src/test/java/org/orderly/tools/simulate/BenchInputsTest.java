package org.orderly.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.testkit.ExternalTools;

/**
 * Beyond their counts (BenchCountsTest): a bench script, tools/score-scenarios.sh or the orderly launcher given no
 * argument, a file that is missing or no JSON, a folder it cannot make, a switch or a choice it does not know, or a
 * program it needs missing, says so in one line naming the script, what and where, and exits non-zero before it does
 * any work (tools/README.md). Until 2026-12-07 the Python scripts printed a traceback (FileNotFoundError,
 * NotADirectoryError, JSONDecodeError, ZeroDivisionError) or their whole docstring; demo-heap.sh passed XMX to Java, a
 * switch other than 0 or 1 ran as 0 (or 1), and the shell scripts without ../shared, their jar, their store or a
 * program failed late, in other programs' words, or ran on.
 */
class BenchInputsTest {
    private static final String WHERE = " (the script's first lines say its arguments)";
    private static final String KEYS = " (a scenario's keys: docs/scenario.md)";

    @TempDir
    static Path dir;

    /** A ../shared with the two programs the scoring scripts check for, and its scenarios' folder empty. */
    static Path shared;

    /** A regular file: a folder under it cannot be made. */
    static Path aFile;

    @BeforeAll
    static void files() throws IOException {
        shared = Files.createDirectories(dir.resolve("shared/tools")).getParent();
        Files.createDirectories(shared.resolve("scenarios"));
        Files.writeString(shared.resolve("tools/make-scenario.py"), "");
        Files.writeString(shared.resolve("tools/score.py"), "");
        Files.writeString(dir.resolve("not.json"), "not JSON");
        Files.writeString(dir.resolve("empty.csv"), "");
        Files.writeString(dir.resolve("no-step.json"), "{\"baseLoad\": {\"intervalSeconds\": 900, \"kw\": [1]}}");
        Files.writeString(dir.resolve("no-kw.json"), "{\"stepSeconds\": 60, \"baseLoad\": {\"intervalSeconds\": 900},"
                + " \"start\": \"2026-01-12T00:00:00+08:00\", \"timezone\": \"Asia/Shanghai\"}");
        String oneQuarter = "{\"stepSeconds\": 60, \"baseLoad\": {\"intervalSeconds\": 900, \"kw\": [1]},"
                + " \"start\": \"2026-01-12T00:00:00+08:00\", \"timezone\": \"Asia/Shanghai\"}";
        Files.writeString(dir.resolve("quarter.json"), oneQuarter);
        Files.writeString(dir.resolve("bad-zone.json"), oneQuarter.replace("Asia/Shanghai", "Mars/Base"));
        Files.writeString(dir.resolve("infinite-step.json"), oneQuarter.replace("60", "1e999"));
        // int() read 60.5 as 60, "60" as 60 and true as 1 until 2026-12-07; the simulator takes 60 or 60.0 only.
        for (String step : List.of("60.5", "\"60\"", "true", "30")) {
            Files.writeString(dir.resolve("step-" + step.replace("\"", "") + ".json"), oneQuarter.replace("60", step));
        }
        // JSON's 1e999 is Python's infinity, NaN its NaN, and float() took both (and true as 1.0) until 2026-12-07.
        for (String kw : List.of("1e999", "NaN", "true", "\"1.5\"")) {
            Files.writeString(dir.resolve("kw-" + kw.replace("\"", "") + ".json"), oneQuarter.replace("[1]", "[1, 2, " + kw + "]"));
        }
        aFile = Files.writeString(dir.resolve("a-file"), "");
    }

    static Stream<Arguments> pythonUsages() {
        return Stream.of(
                Arguments.of("aggregate-load.py", List.of(), "0 arguments given; usage: aggregate-load.py SUMMARY JOURNAL..."),
                Arguments.of("history-leak.py", List.of(), "0 arguments given; usage: history-leak.py SCENARIO.json..."),
                Arguments.of("limit-room.py", List.of("s.json"), "1 arguments given; usage: limit-room.py SCENARIO.json RUNDIR"),
                Arguments.of("restarts.py", List.of(), "0 arguments given; usage: restarts.py OUTDIR..."),
                Arguments.of("shortfall-shares.py", List.of(),
                        "0 arguments given; usage: shortfall-shares.py SCENARIO.json OUTDIR, or --alike|--near|--queue OUT.json"),
                Arguments.of("swing-givebacks.py", List.of(), "0 arguments given; usage: swing-givebacks.py TRACE [MIN_CUT]"),
                Arguments.of("departure-features.py", List.of("--help"),
                        "1 arguments given; usage: departure-features.py (no arguments; SESSIONS_CSV names the source data)"),
                Arguments.of("belief-calibration.py", List.of("s.json"), "1 arguments given; usage: "
                        + "belief-calibration.py SCENARIO.json OUTDIR [SCENARIO.json OUTDIR ...]"),
                Arguments.of("outbox-lookup.py", List.of("100", "x"), "2 arguments given; usage: outbox-lookup.py [ROWS]"),
                Arguments.of("append-sync.py", List.of("3", "d", "x"), "3 arguments given; usage: append-sync.py [COUNT] [DIR]"));
    }

    /**
     * Until 2026-12-07 each printed its whole docstring (or a traceback: aggregate-load.py's IndexError), and
     * outbox-lookup.py and append-sync.py ran, a word too many left unread.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pythonUsages")
    void aPythonScriptGivenTheWrongArgumentsSaysItsUsageInOneLine(String script, List<String> args, String said)
            throws Exception {
        assertRefused(BenchScript.run(script, args.toArray(String[]::new)), script, said);
    }

    static Stream<Arguments> pythonFiles() {
        String none = dir.resolve("none").toString();
        String notJson = dir.resolve("not.json").toString();
        String folderInAFile = aFile.resolve("sub").toString();
        return Stream.of(
                Arguments.of("aggregate-load.py", Map.of(), List.of(none, none),
                        "SUMMARY must be a readable file, not '" + none + "'" + WHERE),
                Arguments.of("bound-share.py", Map.of(), List.of(dir.toString(), notJson, dir.toString()),
                        "SHARED_TOOLS_DIR/score.py must be a readable file, not '" + dir + "/score.py'" + WHERE),
                Arguments.of("default-habits.py", Map.of(), List.of(none),
                        "each SCENARIO.json must be a readable file, not '" + none + "'" + WHERE),
                Arguments.of("default-habits.py", Map.of(), List.of(notJson),
                        "each SCENARIO.json must be a JSON file, not '" + notJson + "' (Expecting value: line 1 column 1 (char 0))"),
                Arguments.of("heap-report.py", Map.of(), List.of(dir.toString(), "143", "30", "?", "1"),
                        "WORK/out.log must be a readable file, not '" + dir + "/out.log'" + WHERE),
                Arguments.of("limit-room.py", Map.of(), List.of(none, dir.toString()),
                        "SCENARIO.json must be a readable file, not '" + none + "'" + WHERE),
                Arguments.of("minute-load.py", Map.of(), List.of(none, "-o", dir.resolve("out.json").toString()),
                        "SCENARIO must be a readable file, not '" + none + "'" + WHERE),
                Arguments.of("minute-load.py", Map.of(), List.of(dir.resolve("no-step.json").toString(), "-o", none),
                        "SCENARIO '" + dir.resolve("no-step.json") + "' has no stepSeconds" + KEYS),
                Arguments.of("minute-load.py", Map.of(), List.of(dir.resolve("no-kw.json").toString(), "-o", none),
                        "SCENARIO '" + dir.resolve("no-kw.json") + "' has no baseLoad.kw" + KEYS),
                Arguments.of("minute-load.py", Map.of(), List.of(dir.resolve("bad-zone.json").toString(), "-o", none),
                        "timezone of SCENARIO '" + dir.resolve("bad-zone.json") + "' must be a time zone such as Asia/Shanghai, "
                                + "not 'Mars/Base'" + KEYS),
                Arguments.of("minute-load.py", Map.of(), List.of(dir.resolve("infinite-step.json").toString(), "-o", none),
                        "stepSeconds of SCENARIO '" + dir.resolve("infinite-step.json") + "' must be a whole number of seconds, "
                                + "not 'Infinity'" + KEYS),
                stepRefused("60.5", "60.5"),
                stepRefused("\"60\"", "\"60\""),
                stepRefused("true", "true"),
                // Until 2026-12-07 a line without the script's name, exit 1.
                Arguments.of("minute-load.py", Map.of(), List.of(dir.resolve("step-30.json").toString(), "-o", none),
                        "stepSeconds and baseLoad.intervalSeconds of SCENARIO '" + dir.resolve("step-30.json")
                                + "' must be 60 and 900, the only ones derived, not '30 and 900'" + KEYS),
                kwRefused("1e999", "Infinity", List.of()),
                kwRefused("NaN", "NaN", List.of()),
                // With the households given, a NaN or an infinity was exit 0 and an OUT.json holding NaN, no JSON.
                kwRefused("NaN", "NaN", List.of("--households", "5")),
                kwRefused("1e999", "Infinity", List.of("--households", "5")),
                kwRefused("true", "true", List.of()),
                kwRefused("1.5", "\"1.5\"", List.of()),
                Arguments.of("minute-load.py", Map.of(), List.of(dir.resolve("quarter.json").toString(), "-o", folderInAFile + "/out.json"),
                        "OUT.json's folder must be a folder, not '" + folderInAFile + "'" + WHERE),
                Arguments.of("soak-slope.py", Map.of(), List.of(none),
                        "SAMPLES.csv must be a readable file, not '" + none + "'" + WHERE),
                Arguments.of("soak-slope.py", Map.of(), List.of(dir.resolve("empty.csv").toString()),
                        "SAMPLES.csv must be soak.sh's samples, two or more after the warm-up (600 s), not '"
                                + dir.resolve("empty.csv") + "'" + WHERE),
                Arguments.of("swing-givebacks.py", Map.of(), List.of(none), "TRACE must be a readable file, not '" + none + "'" + WHERE),
                Arguments.of("whole-record-scenario.py", Map.of("MAKE_SCENARIO", none), List.of(),
                        "the generator (MAKE_SCENARIO) must be a readable file, not '" + none + "'" + WHERE),
                Arguments.of("departure-features.py", Map.of("SESSIONS_CSV", none), List.of(),
                        "SESSIONS_CSV must be a readable file, not '" + none + "'" + WHERE),
                Arguments.of("append-sync.py", Map.of(), List.of("3", folderInAFile),
                        "DIR must be a folder this script can make or write in, not '" + folderInAFile + "' (Not a directory)"),
                Arguments.of("merge-catch-up.py", Map.of(), List.of("1", "10", "0", folderInAFile),
                        "DIR must be a folder this script can make or write in, not '" + folderInAFile + "' (Not a directory)"),
                Arguments.of("shortfall-shares.py", Map.of(), List.of("--alike", folderInAFile), folderInAFile + ": Not a directory"));
    }

    /** minute-load.py given a scenario whose stepSeconds is `step` in JSON: refused, naming it as `shown`. */
    private static Arguments stepRefused(String step, String shown) {
        Path scenario = dir.resolve("step-" + step.replace("\"", "") + ".json");
        return Arguments.of("minute-load.py", Map.of(), List.of(scenario.toString(), "-o", dir.resolve("step-out.json").toString()),
                "stepSeconds of SCENARIO '" + scenario + "' must be a whole number of seconds, not '" + shown + "'" + KEYS);
    }

    /** minute-load.py given a scenario whose baseLoad.kw[2] is `kw` in JSON: refused, naming the item as `shown`. */
    private static Arguments kwRefused(String kw, String shown, List<String> options) {
        Path scenario = dir.resolve("kw-" + kw + ".json");
        List<String> args = Stream.concat(Stream.of(scenario.toString(), "-o", dir.resolve("kw-out.json").toString()),
                options.stream()).toList();
        return Arguments.of("minute-load.py", Map.of(), args,
                "baseLoad.kw[2] of SCENARIO '" + scenario + "' must be a finite number of kW, not '" + shown + "'" + KEYS);
    }

    /**
     * Until 2026-12-07 each printed a traceback (FileNotFoundError, NotADirectoryError, JSONDecodeError, IndexError;
     * minute-load.py a KeyError of the scenario's key it missed, a ZoneInfoNotFoundError, a FileNotFoundError of OUT).
     */
    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("pythonFiles")
    void aPythonScriptsFileMissingOrWrongIsOneLineAndExit2(String script, Map<String, String> env, List<String> args,
            String said) throws Exception {
        assertRefused(BenchScript.run(env, script, args.toArray(String[]::new)), script, said);
    }

    static Stream<Arguments> shellUsages() {
        String none = "(no arguments; the environment sets it, as its first lines say)";
        return Stream.of(
                Arguments.of("metrics-scrape.sh", List.of("--help"), "1 arguments given; usage: metrics-scrape.sh " + none),
                Arguments.of("planner-bench.sh", List.of("--help"), "1 arguments given; usage: planner-bench.sh " + none),
                Arguments.of("dlt645-blocks.sh", List.of("-h"), "1 arguments given; usage: dlt645-blocks.sh " + none),
                Arguments.of("store-sync.sh", List.of("1", "2", "3", "4", "5"),
                        "5 arguments given; usage: store-sync.sh [RUNS] [PILES] [MINUTES] [COMMITS]"),
                Arguments.of("soak.sh", List.of("1", "out", "more"), "3 arguments given; usage: soak.sh [MINUTES] [OUT]"),
                Arguments.of("../score-scenarios.sh", List.of("a", "b"), "2 arguments given; usage: score-scenarios.sh [OUTDIR]"));
    }

    /** Until 2026-12-07 a script ran on, the words past its arguments unread (metrics-scrape.sh --help: its whole JMH run). */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shellUsages")
    void aShellScriptGivenMoreArgumentsThanItTakesSaysItsUsageInOneLine(String script, List<String> args, String said)
            throws Exception {
        assertRefused(BenchScript.runShell(Map.of(), script, args.toArray(String[]::new)), Path.of(script).getFileName().toString(),
                said);
    }

    /** Until 2026-12-07 a python3 without scipy (not Debian's /usr/bin/python3) was a traceback of ModuleNotFoundError. */
    @Test
    void aPythonModuleMissingIsOneLineNamingItsPackage() throws Exception {
        // A scipy that cannot be imported, ahead of any there is.
        Path noScipy = Files.createDirectories(dir.resolve("no-scipy/scipy"));
        Files.writeString(noScipy.resolve("__init__.py"), "raise ImportError('none here')\n");
        Path scenario = Files.writeString(dir.resolve("scenario.json"), "{}");

        BenchScript r = BenchScript.run(Map.of("PYTHONPATH", noScipy.getParent().toString()), "bound-share.py",
                shared.resolve("tools").toString(), scenario.toString(), dir.toString());

        assertRefused(r, "bound-share.py", "Python's scipy.optimize cannot be imported (none here); it is in Debian's python3-scipy, "
                + "for /usr/bin/python3 (PATH=/usr/bin:$PATH)");
    }

    static Stream<Arguments> shellInputs() {
        String none = dir.resolve("none").toString();
        String jar = "mvn -B -o -q -pl tools -am package -DskipTests builds it";
        return Stream.of(
                Arguments.of("demo-heap.sh", Map.of("XMX", "12x"), List.of("5", "1"),
                        "XMX must be a heap size such as 128m or 1g, not '12x'" + WHERE),
                Arguments.of("demo-heap.sh", Map.of("GATEWAY_ONLY", "yes"), List.of("5", "1"),
                        "GATEWAY_ONLY must be one of 0, 1, not 'yes'" + WHERE),
                Arguments.of("aggregate-journal.sh", Map.of("TELEMETRY", "long"), List.of(),
                        "TELEMETRY must be one of short, current, not 'long'" + WHERE),
                Arguments.of("aggregate-load.sh", Map.of("BENCH_BUILD", "yes"), List.of("1", "1", "1"),
                        "BENCH_BUILD must be one of 0, 1, not 'yes'" + WHERE),
                Arguments.of("planner-bench.sh", Map.of("BENCH_SIM", "no", "BENCH_WORK", dir.toString()), List.of(),
                        "BENCH_SIM must be one of 0, 1, not 'no'" + WHERE),
                Arguments.of("planner-bench.sh", Map.of("ORDERLY_SHARED", none, "BENCH_WORK", dir.toString()), List.of(),
                        "ORDERLY_SHARED's scenarios must be a folder, not '" + none + "/scenarios'" + WHERE),
                Arguments.of("score-compounds.sh", Map.of("SHARED", none), List.of(dir.resolve("c").toString()),
                        "SHARED's make-scenario.py must be a readable file, not '" + none + "/tools/make-scenario.py'" + WHERE),
                Arguments.of("score-compounds.sh", Map.of("SHARED", shared.toString(), "BELIEFS", "yes"),
                        List.of(dir.resolve("c").toString()), "BELIEFS must be one of 0, 1, not 'yes'" + WHERE),
                Arguments.of("score-compounds.sh", Map.of("SHARED", shared.toString(), "ONLY", "zzz"), List.of(dir.resolve("c").toString()),
                        "ONLY must be the start of a compound's name (SHARED's scenarios, tools/bench/compounds.txt), not 'zzz'" + WHERE),
                Arguments.of("score-minute-load.sh", Map.of("SHARED", shared.toString(), "COMPOUNDS", "seed-11 seed-x"),
                        List.of(dir.resolve("m").toString()),
                        "each of COMPOUNDS must be a name in tools/bench/compounds.txt, not 'seed-x'" + WHERE),
                Arguments.of("simulate-bench.sh", Map.of("SHARED", none), List.of(),
                        "SHARED's dense-300.json must be a readable file, not '" + none + "/scenarios/dense-300.json'" + WHERE),
                Arguments.of("store-check-start.sh", Map.of("BENCH_WORK", dir.toString()), List.of("5", "20", "3x"),
                        "each of PILES must be a whole number from 1 to 2147483647, not '3x'" + WHERE),
                Arguments.of("store-check-start.sh", Map.of("BENCH_WORK", dir.toString()), List.of(),
                        "the store must be a readable file, not '" + dir + "/db/orderly.db' "
                                + "(run tools/bench/store-check.sh first, with the same BENCH_WORK)"),
                Arguments.of("demo-saving.sh", Map.of("ORDERLY_JAR", none, "BENCH_WORK", dir.resolve("s").toString()), List.of(),
                        "ORDERLY_JAR must be a readable file, not '" + none + "' (" + jar + ")"),
                Arguments.of("../score-scenarios.sh", Map.of("SHARED", none), List.of(dir.resolve("scores").toString()),
                        "SHARED's scenarios must be a folder, not '" + none + "/scenarios'" + WHERE),
                Arguments.of("../../orderly", Map.of("ORDERLY_REBUILD", "yes"), List.of("--help"),
                        "ORDERLY_REBUILD must be one of 0, 1, not 'yes'" + WHERE));
    }

    /**
     * Until 2026-12-07: XMX went to Java (three lines of the JVM's, after a build), a switch other than 0 or 1 ran as
     * 0 or 1, TELEMETRY's line named no script, a missing ../shared was a run of nothing (its errors thrown away) or
     * Java's, an ONLY matching no compound a traceback of score-compounds.sh's summary (max() of nothing), a pile count
     * of store-check-start.sh went to Java unchecked, and ORDERLY_REBUILD=yes ran the old jar.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("shellInputs")
    void aShellScriptsInputThatIsWrongIsOneLineAndExit2(String script, Map<String, String> env, List<String> args,
            String said) throws Exception {
        assertRefused(BenchScript.runShell(env, script, args.toArray(String[]::new)), Path.of(script).getFileName().toString(),
                said);
    }

    static Stream<Arguments> outputFolders() {
        String option = "must be a folder, its path not starting with '-', not '--help' (write ./--help for a folder so named)";
        String folderInAFile = aFile.resolve("sub").toString();
        Map<String, String> withShared = Map.of("SHARED", shared.toString());
        return Stream.of(
                Arguments.of("../score-scenarios.sh", withShared, List.of("--help"), "OUTDIR " + option),
                Arguments.of("score-compounds.sh", withShared, List.of("--help"), "OUTDIR " + option),
                Arguments.of("score-minute-load.sh", withShared, List.of("--help"), "OUTDIR " + option),
                Arguments.of("soak.sh", Map.of(), List.of("1", "--help"), "OUT " + option),
                Arguments.of("append-sync.py", Map.of(), List.of("3", "--help"), "DIR " + option),
                Arguments.of("merge-catch-up.py", Map.of(), List.of("1", "10", "0", "--help"), "DIR " + option),
                Arguments.of("../score-scenarios.sh", withShared, List.of(folderInAFile),
                        "OUTDIR must be a folder this script can make or write in, not '" + folderInAFile + "' (Not a directory)"),
                Arguments.of("history-leak.py", Map.of(), List.of("--help"),
                        "each SCENARIO.json must be a readable file, not '--help'" + WHERE));
    }

    /**
     * A script's output folder given as an option (a `--help`) or that cannot be made, before any build or run.
     * Until the fix of 2026-12-07 (after the checks merged that day) the shell scripts passed it to mkdir: mkdir's help
     * and the run went on (score-scenarios.sh: a Maven build first, then exit 2 with nothing on stderr), or a line of
     * bash's (score-compounds.sh: `--help/simulated-orderly.txt: No such file or directory`, exit 1);
     * append-sync.py made a folder named --help, ran, and exited 0; history-leak.py named no argument
     * (`history-leak.py: --help: [Errno 2] No such file or directory: '--help'`).
     */
    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("outputFolders")
    void anOutputFolderThatIsAnOptionOrCannotBeMadeIsOneLineAndExit2(String script, Map<String, String> env,
            List<String> args, String said) throws Exception {
        String[] given = args.toArray(String[]::new);
        BenchScript r = script.endsWith(".py") ? BenchScript.run(env, script, given) : BenchScript.runShell(env, script, given);

        assertRefused(r, Path.of(script).getFileName().toString(), said);
    }

    static Stream<Arguments> environmentFolders() {
        String folderInAFile = aFile.resolve("sub").toString();
        String cannot = " must be a folder this script can make or write in, not '" + folderInAFile + "' (Not a directory)";
        String option = " must be a folder, its path not starting with '-', not '-x' (write ./-x for a folder so named)";
        Map<String, String> work = Map.of("BENCH_WORK", folderInAFile);
        return Stream.of(
                Arguments.of("metrics-scrape.sh", work, "BENCH_WORK" + cannot),
                Arguments.of("metrics-scrape.sh", Map.of("TMPDIR", aFile.toString()), "BENCH_WORK must be a folder this script can make"
                        + " or write in, not '" + aFile + "/orderly-bench' (Not a directory)"),
                Arguments.of("metrics-scrape.sh", Map.of("BENCH_WORK", dir.toString(), "BENCH_OUT", "-x"), "BENCH_OUT" + option),
                Arguments.of("planner-bench.sh", Map.of("ORDERLY_SHARED", shared.toString(), "BENCH_WORK", folderInAFile),
                        "BENCH_WORK" + cannot),
                Arguments.of("dlt645-blocks.sh", Map.of("BENCH_OUT", folderInAFile + "/table.md"), "BENCH_OUT's folder" + cannot),
                Arguments.of("deb-test-times.sh", work, "BENCH_WORK" + cannot),
                Arguments.of("demo-saving.sh", work, "BENCH_WORK" + cannot),
                Arguments.of("store-check.sh", work, "BENCH_WORK" + cannot),
                Arguments.of("swing-bench.sh", Map.of("BENCH_WORK", "-x"), "BENCH_WORK" + option),
                Arguments.of("message-sizes.sh", work, "BENCH_WORK" + cannot));
    }

    /**
     * A folder given in the environment (BENCH_WORK, BENCH_OUT, TMPDIR under their defaults) is checked as an argument's
     * is (made_folder), before any build or run. Until 2026-12-07 it went to mkdir unchecked: mkdir's line and exit 1,
     * realpath's usage for a BENCH_WORK of -x, and for a BENCH_OUT of --help mkdir's help, then the whole run.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("environmentFolders")
    void anEnvironmentFolderThatIsAnOptionOrCannotBeMadeIsOneLineAndExit2(String script, Map<String, String> env, String said)
            throws Exception {
        assertRefused(BenchScript.runShell(env, script), script, said);
    }

    /**
     * score-minute-load.sh runs any compound its output folder holds (seed-*.json, made for another COMPOUNDS), so an
     * ONLY naming one is taken: here it goes on to derive that compound's minute load, which minute-load.py refuses
     * (the file is no JSON) before the jar is built or anything simulated. Until the fix of 2026-12-07 ONLY was checked
     * against the shared scenarios and COMPOUNDS only, and such a run was refused.
     */
    @Test
    void scoreMinuteLoadsOnlyTakesACompoundItsOutputFolderHolds() throws Exception {
        Path out = Files.createDirectories(dir.resolve("minute-out"));
        Path held = Files.writeString(out.resolve("seed-held.json"), "not JSON");

        BenchScript r = BenchScript.runShell(Map.of("SHARED", shared.toString(), "ONLY", "seed-held"), "score-minute-load.sh",
                out.toString());

        assertRefused(r, "minute-load.py", "SCENARIO must be a JSON file, not '" + held + "' (Expecting value: line 1 column 1 (char 0))");
    }

    /**
     * A heap size as Java takes it for -Xmx, in bytes, KB, MB or GB, passes XMX's check: the next check, GATEWAY_ONLY's,
     * is the one that refuses. Until the fix of 2026-12-07 XMX took MB or GB only, six digits at most.
     */
    @ParameterizedTest(name = "XMX={0}")
    @ValueSource(strings = {"131072k", "512M", "2G", "134217728", "1048576m"})
    void aHeapSizeJavaTakesIsTaken(String xmx) throws Exception {
        BenchScript r = BenchScript.runShell(Map.of("XMX", xmx, "GATEWAY_ONLY", "yes"), "demo-heap.sh", "5", "1");

        assertRefused(r, "demo-heap.sh", "GATEWAY_ONLY must be one of 0, 1, not 'yes'" + WHERE);
    }

    /** Until 2026-12-07 soak.sh ran its 40 minutes without sqlite3, every row count NA. */
    @Test
    void aProgramMissingIsOneLineNamingItsPackage() throws Exception {
        // A PATH of what soak.sh runs before its checks and what they ask for, but sqlite3.
        Map<String, String> programs = Map.of("dirname", "coreutils", "basename", "coreutils", "curl", "curl",
                "mosquitto", "mosquitto", "mosquitto_sub", "mosquitto-clients");
        Path bin = Files.createDirectories(dir.resolve("bin-without-sqlite3"));
        programs.forEach((program, debianPackage) -> link(bin, ExternalTools.requireProgram(program, debianPackage)));

        BenchScript r = BenchScript.runShell(Map.of("PATH", bin.toString()), "soak.sh", "1", dir.resolve("soak").toString());
        // The links removed here: JUnit warns of each link out of its folder that it deletes.
        try (Stream<Path> links = Files.list(bin)) {
            for (Path link : links.toList()) {
                Files.delete(link);
            }
        }

        assertRefused(r, "soak.sh", "sqlite3 is not installed (apt-get install -y sqlite3)");
    }

    private static void link(Path bin, String program) {
        try {
            Files.createSymbolicLink(bin.resolve(Path.of(program).getFileName()), Path.of(program));
        } catch (IOException e) {
            throw new UncheckedIOException("linking " + program + " into " + bin, e);
        }
    }

    private static void assertRefused(BenchScript r, String script, String said) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(script + ": " + said + "\n");
        assertThat(r.out()).as("nothing run before the refusal").isEmpty();
    }
}
