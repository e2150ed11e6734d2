package org.orderly.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks find a scenario by name only in the folders they are given: until 2026-12-06 they looked in
 * {@code ../shared/scenarios}, outside the repository, and a clone without it said only that the file was not found.
 */
class BenchScenariosTest {
    private static final String BUNDLED = "src/test/resources/scenarios";

    @Test
    void aNameIsFoundInTheFoldersGiven(@TempDir Path empty) {
        assertThat(BenchScenarios.resolve("tiny-valid", empty + java.io.File.pathSeparator + BUNDLED))
                .isEqualTo(Path.of(BUNDLED, "tiny-valid.json"));
    }

    @Test
    void noFolderGivenIsSaidOnOneLine() {
        assumeTrue(System.getProperty("orderly.scenarios") == null, "the tests' JVM is given no scenario folder");
        assertThatThrownBy(() -> BenchScenarios.resolve("dense-300")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scenario dense-300: no folder to look in; set -Dorderly.scenarios=DIR" + java.io.File.pathSeparator
                        + "DIR... (the shared scenarios' folder) or give the scenario's path");
    }

    @Test
    void aFolderThatIsNotThereIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("scenarios");
        assertThatThrownBy(() -> BenchScenarios.resolve("dense-300", missing.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scenario dense-300: folder " + missing.toAbsolutePath() + " (-Dorderly.scenarios) does not exist");
    }

    @Test
    void aScenarioInNoneOfThemIsSaidSo() {
        assertThatThrownBy(() -> BenchScenarios.resolve("dense-300", BUNDLED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scenario dense-300: no dense-300.json in " + BUNDLED + " (-Dorderly.scenarios)");
    }

    @Test
    void aPathIsTakenAsItIs() {
        assertThat(BenchScenarios.resolve("../shared/scenarios/x.json", null)).isEqualTo(Path.of("../shared/scenarios/x.json"));
    }
}
