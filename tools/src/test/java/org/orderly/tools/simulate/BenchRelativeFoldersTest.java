package org.orderly.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.testkit.ExternalTools;

/**
 * A bench script started from another folder than the root, given a relative output or work folder, writes it where
 * it was started, as it made it there (tools/README.md; docs/benchmarks.md). Until 2026-12-07 dlt645-blocks.sh made
 * BENCH_OUT's folder there, went to the root, and its bench wrote the table from the gateway's folder, where Maven runs
 * its tests: elsewhere, or nowhere.
 */
class BenchRelativeFoldersTest {
    @TempDir
    Path dir;

    @Test
    void dlt645BlocksRelativeOutIsWrittenWhereTheScriptWasStarted() throws Exception {
        ExternalTools.requireProgram("socat", "socat");
        // A stand-in Maven that writes the table as Dlt645BlockBench does, from the gateway's folder (surefire's).
        String path = pathWithStandInMvn("cd gateway && printf '| table |\\n' > \"$ORDERLY_BENCH_DLT645\"");
        Path started = Files.createDirectories(dir.resolve("started-here"));

        BenchScript r = BenchScript.runShellIn(started, Map.of("PATH", path, "BENCH_OUT", "out/table.md"),
                "dlt645-blocks.sh");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(started.resolve("out/table.md")).hasContent("| table |");
        assertThat(r.out()).endsWith("| table |\n");
    }

    static Stream<Arguments> classPathWorks() {
        return Stream.of(
                Arguments.of("message-sizes.sh", Map.of("BENCH_WORK", "rel"), "rel/cp.txt"),
                Arguments.of("password-check.sh", Map.of("BENCH_WORK", "rel"), "rel/cp.txt"),
                Arguments.of("metrics-scrape.sh", Map.of("BENCH_WORK", "work", "BENCH_OUT", "out"), "out/cp.txt"),
                Arguments.of("planner-bench.sh", Map.of("BENCH_WORK", "work", "BENCH_OUT", "out", "ORDERLY_SHARED", "shared"),
                        "out/classpath/cp.txt"));
    }

    /**
     * The class path is written in the relative folder as the script was started (a stand-in Maven that writes none: the
     * script stops there, naming it). Until 2026-12-07 message-sizes.sh and password-check.sh went to the root first and
     * took BENCH_WORK from there, and metrics-scrape.sh and planner-bench.sh made BENCH_WORK and BENCH_OUT where they
     * were started, then used them under the root.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("classPathWorks")
    void aRelativeWorkOrOutIsOfTheFolderTheScriptWasStartedIn(String script, Map<String, String> env, String classPath)
            throws Exception {
        String path = pathWithStandInMvn("exit 0");
        Path started = Files.createDirectories(dir.resolve("started-here"));
        Files.createDirectories(started.resolve("shared/scenarios"));
        Map<String, String> withMvn = new HashMap<>(env);
        withMvn.put("PATH", path);

        BenchScript r = BenchScript.runShellIn(started, withMvn, script);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).endsWith("module_classpath: Maven wrote no class path to " + started.resolve(classPath) + "\n");
    }

    /**
     * The scripts empty their BENCH_WORK before a run: one holding the folder the script was started in is refused, and
     * nothing in it deleted. Until 2026-12-07 it was emptied (rm -rf), a BENCH_WORK of `.`, `..` or `~` too. Given
     * absolute here, so that a script without the check deletes only this test's folder.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"store-check.sh", "message-sizes.sh", "swing-bench.sh"})
    void aWorkFolderHoldingTheFolderTheScriptWasStartedInIsRefusedAndKept(String script) throws Exception {
        String path = pathWithStandInMvn("exit 0");
        Path above = Files.createDirectories(dir.resolve("above"));
        Path kept = Files.writeString(above.resolve("kept.txt"), "mine");
        Path started = Files.createDirectories(above.resolve("started-here"));

        BenchScript r = BenchScript.runShellIn(started, Map.of("PATH", path,
                "BENCH_WORK", above.toString()), script);

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(script + ": BENCH_WORK must be a folder of its own, which the script empties, not '" + above
                + "' (it holds " + started.toRealPath() + ")\n");
        assertThat(kept).hasContent("mine");
    }

    /** This JVM's PATH behind a stand-in `mvn` that runs `body` (no build: the scripts stop at what they do with it). */
    private String pathWithStandInMvn(String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin + ":" + System.getenv("PATH");
    }
}
