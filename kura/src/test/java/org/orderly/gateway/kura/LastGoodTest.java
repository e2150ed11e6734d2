package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.testkit.BadTextFile;
import org.orderly.text.TextFileException;

/** The last good settings as the bundle's data area keeps them across restarts (the IT restarts Felix with them). */
class LastGoodTest {
    private static final Instant TAKEN = Instant.parse("2026-12-02T08:40:00Z");

    @TempDir
    Path dir;

    @Test
    void keptSettingsAreReadBackAsTheyWereTaken() throws Exception {
        LastGood lastGood = new LastGood(dir.resolve("data/last-good.properties"));
        FormSettings settings = new FormSettings(true, Path.of("/opt/orderly/orderly.yaml"),
                Optional.of(Path.of("/opt/orderly/devices")));
        lastGood.keep(settings, TAKEN);

        assertThat(lastGood.read()).contains(new LastGood.Kept(settings, TAKEN));
        assertThat(lastGood.read().orElseThrow().described()).isEqualTo("configFile /opt/orderly/orderly.yaml,"
                + " devicesDir /opt/orderly/devices (taken 2026-12-02T08:40:00Z)");
        assertThat(dir.resolve("data")).isDirectoryNotContaining("glob:**.new");
    }

    @Test
    void noneKeptBeforeTheFirstAndAfterForgetting() throws Exception {
        LastGood lastGood = new LastGood(dir.resolve("last-good.properties"));
        assertThat(lastGood.read()).isEmpty();
        lastGood.keep(new FormSettings(true, Path.of("/o.yaml"), Optional.empty()), TAKEN);
        assertThat(lastGood.read().orElseThrow().described()).isEqualTo("configFile /o.yaml (taken " + TAKEN + ")");
        lastGood.forget();
        assertThat(lastGood.read()).isEmpty();
    }

    @Test
    void aDamagedFileIsAnErrorNamingItAndWhatIsWrong() throws Exception {
        Path file = dir.resolve("last-good.properties");
        LastGood lastGood = new LastGood(file);
        Files.writeString(file, "configFile=orderly.yaml\ntaken=2026-12-02T08:40:00Z\n");
        assertThatThrownBy(lastGood::read).isInstanceOf(IOException.class)
                .hasMessage(file + ": configFile 'orderly.yaml': not an absolute path; give the absolute path of the"
                        + " gateway's YAML configuration, e.g. /opt/orderly/orderly.yaml");
        Files.writeString(file, "configFile=/o.yaml\ntaken=yesterday\n");
        assertThatThrownBy(lastGood::read).isInstanceOf(IOException.class)
                .hasMessage(file + ": taken 'yesterday' is not a time");
    }

    /**
     * A kept file that is not text is one line naming it and what is wrong, where it is: until 2026-12-05 a Latin-1 one
     * said "Input length = 1", a directory "Is a directory", and zeros (a power cut's) were read as a key of zeros.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadTextFile.class)
    void aFileThatIsNotTextIsOneLineNamingItAndWhatIsWrong(BadTextFile bad) throws Exception {
        Path file = bad.make(dir.resolve("last-good.properties"));
        LastGood lastGood = new LastGood(file);

        assertThatThrownBy(lastGood::read).isInstanceOf(TextFileException.class)
                .hasMessageStartingWith(file + ":").hasMessageContaining(bad.said).hasMessageNotContaining("\n");
    }
}
