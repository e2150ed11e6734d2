package org.orderly.gateway.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.powercut.PowerCutFileSystem;

/**
 * What can be seen of a file replaced whole. That the data and the rename are forced is seen only through
 * {@link PowerCutFileSystem}, which is told of each force: a real power cut is not made here.
 */
class AtomicFileTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String[] names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void whatWasWrittenSurvivesAPowerCutWhateverTheDiskHadWritten() throws Exception {
        for (PowerCutFileSystem.Cut cut : PowerCutFileSystem.Cut.values()) {
            Path real = Files.createDirectories(dir.resolve(cut.name()));
            Files.writeString(real.resolve("f.json"), "old");
            PowerCutFileSystem disk = PowerCutFileSystem.over(real);

            AtomicFile.write(disk.path("f.json"), bytes("new"), false);
            AtomicFile.write(disk.path("g.json"), bytes("first"), false);
            disk.cut(cut);

            assertThat(Files.readString(real.resolve("f.json"))).as(cut.name()).isEqualTo("new");
            assertThat(Files.readString(real.resolve("g.json"))).as(cut.name()).isEqualTo("first");
            assertThat(names(real)).as(cut.name()).containsExactly("f.json", "g.json");
        }
    }

    @Test
    void aFileWrittenIntoNewDirectoriesSurvivesAPowerCutWithThem() throws Exception {
        for (PowerCutFileSystem.Cut cut : PowerCutFileSystem.Cut.values()) {
            Path real = Files.createDirectories(dir.resolve(cut.name()));
            PowerCutFileSystem disk = PowerCutFileSystem.over(real);

            AtomicFile.write(disk.path("data/web/f.json"), bytes("first"), false);
            disk.cut(cut);

            assertThat(real.resolve("data/web/f.json")).as(cut.name()).hasContent("first");
        }
    }

    @Test
    void aWriteThatFailsLeavesTheOldFileAndNoTemporaryOne() throws Exception {
        Files.writeString(dir.resolve("f.json"), "old");
        PowerCutFileSystem disk = PowerCutFileSystem.over(dir);
        disk.full(true);

        assertThatThrownBy(() -> AtomicFile.write(disk.path("f.json"), bytes("new"), true))
                .isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("f.json") + ": cannot write (java.io.IOException: No space left on device)");
        assertThat(Files.readString(dir.resolve("f.json"))).isEqualTo("old");
        assertThat(names(dir)).containsExactly("f.json");

        disk.full(false);
        AtomicFile.write(disk.path("f.json"), bytes("new"), true);
        assertThat(Files.readString(dir.resolve("f.json"))).isEqualTo("new");
    }

    @Test
    void aWriteWhereTheDirectoryCannotBeMadeNamesTheFile() throws Exception {
        Files.writeString(dir.resolve("data"), "a file where the directory should be");
        Path file = dir.resolve("data/f.json");

        assertThatThrownBy(() -> AtomicFile.write(file, bytes("new"), true)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": cannot write (java.nio.file.FileAlreadyExistsException: ");
        assertThat(names(dir)).containsExactly("data");
    }

    @Test
    void aTemporaryFileLeftByACrashIsReplacedNotKeptAndTheFileIsTheOwnersOnly() throws Exception {
        Path stale = dir.resolve("f.json.tmp");
        Files.writeString(stale, "half of a");
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-r--r--"));

        AtomicFile.write(dir.resolve("f.json"), bytes("new"), true);

        assertThat(names(dir)).containsExactly("f.json");
        assertThat(Files.readString(dir.resolve("f.json"))).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("f.json"))))
                .isEqualTo("rw-------");
    }
}
