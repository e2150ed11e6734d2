package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.powercut.PowerCutFileSystem;

/**
 * {@link LastGood#keep} says "written whole or not at all", and docs/operations.md (Eclipse Kura) starts the gateway
 * from the kept settings after a restart when the configuration is refused. Until 2026-12-03 it wrote a temporary file
 * and renamed it, but forced neither the data nor the directory (as files.AtomicFile does everywhere else in the
 * project): after a power cut that kept the rename but not the data (ext4 with delayed allocation),
 * last-good.properties was there and empty, and the next start could not read it. Seen through
 * {@link PowerCutFileSystem}, which is told of each force.
 */
class LastGoodPowerCutTest {
    private static final Instant TAKEN = Instant.parse("2026-12-02T08:40:00Z");

    @TempDir
    Path dir;

    @Test
    void keptSettingsSurviveAPowerCutWhateverTheDiskHadWritten() throws Exception {
        FormSettings settings = new FormSettings(true, Path.of("/opt/orderly/orderly.yaml"), Optional.empty());
        for (PowerCutFileSystem.Cut cut : PowerCutFileSystem.Cut.values()) {
            Path real = Files.createDirectories(dir.resolve(cut.name()));
            PowerCutFileSystem disk = PowerCutFileSystem.over(real);

            new LastGood(disk.path("last-good.properties")).keep(settings, TAKEN);
            disk.cut(cut);

            // Whole or not at all: read back as kept, or none kept; never a file the next start cannot read.
            Optional<LastGood.Kept> kept = new LastGood(real.resolve("last-good.properties")).read();
            assertThat(kept).as(cut.name()).satisfiesAnyOf(
                    k -> assertThat(k).isEmpty(),
                    k -> assertThat(k).contains(new LastGood.Kept(settings, TAKEN)));
        }
    }
}
