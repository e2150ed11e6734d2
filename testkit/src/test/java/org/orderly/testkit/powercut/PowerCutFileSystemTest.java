package org.orderly.testkit.powercut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the model of a disk keeps of new directories: the other tests trust it to lose what a power cut can lose. */
class PowerCutFileSystemTest {
    @TempDir
    Path dir;

    private static void force(Path p) throws IOException {
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
            c.force(true);
        }
    }

    /** A file in {@code p}, its data forced and its name forced into its directory. */
    private static void writeForced(Path p, String text) throws IOException {
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            c.force(true);
        }
        force(p.getParent());
    }

    @Test
    void aDirectoryWhoseNameWasNotForcedIsGoneWithWhatWasForcedInIt() throws Exception {
        PowerCutFileSystem disk = PowerCutFileSystem.over(dir);
        Files.createDirectories(disk.path("data/keys"));
        writeForced(disk.path("data/keys/f"), "forced");

        disk.cut(PowerCutFileSystem.Cut.NAMES_LOST);

        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aDirectoryWhoseNameWasForcedStaysAndSoDoesEveryNewDirectoryWhenTheNamesAreKept() throws Exception {
        PowerCutFileSystem disk = PowerCutFileSystem.over(dir);
        Files.createDirectories(disk.path("data/keys"));
        force(disk.path(""));
        force(disk.path("data"));
        writeForced(disk.path("data/keys/f"), "forced");
        Files.createDirectories(disk.path("data/other"));

        disk.cut(PowerCutFileSystem.Cut.NAMES_LOST);

        assertThat(dir.resolve("data/keys/f")).hasContent("forced");
        assertThat(dir.resolve("data/other")).doesNotExist();

        Files.createDirectories(disk.path("data/other/deeper"));
        disk.cut(PowerCutFileSystem.Cut.NAMES_KEPT);
        assertThat(dir.resolve("data/other/deeper")).isDirectory();
    }

    @Test
    void aDirectoryRemovedIsBackWhenItsRemovalWasNotForced() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        PowerCutFileSystem disk = PowerCutFileSystem.over(dir);
        Files.delete(disk.path("data"));

        disk.cut(PowerCutFileSystem.Cut.NAMES_LOST);

        assertThat(dir.resolve("data")).isDirectory();
    }

    @Test
    void aDirectoryForceThatFailsPutsNoNameOnTheDisk() throws Exception {
        PowerCutFileSystem disk = PowerCutFileSystem.over(dir);
        Files.createDirectories(disk.path("data"));
        disk.directoryForceFails(true);

        assertThatThrownBy(() -> force(disk.path(""))).isInstanceOf(IOException.class)
                .hasMessage("Input/output error");
        disk.cut(PowerCutFileSystem.Cut.NAMES_LOST);

        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aFileForceThatFailsLosesWhatWasWrittenSinceTheForceBeforeEvenWhenALaterForceSucceeds() throws Exception {
        PowerCutFileSystem disk = PowerCutFileSystem.over(dir);
        try (FileChannel c = FileChannel.open(disk.path("journal"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            force(disk.path(""));
            c.write(ByteBuffer.wrap("one\n".getBytes(StandardCharsets.UTF_8)));
            c.force(false);
            c.write(ByteBuffer.wrap("two\n".getBytes(StandardCharsets.UTF_8)));
            disk.fileForceFails(true);
            assertThatThrownBy(() -> c.force(false)).isInstanceOf(IOException.class)
                    .hasMessage("Input/output error");
            disk.fileForceFails(false);
            c.write(ByteBuffer.wrap("three\n".getBytes(StandardCharsets.UTF_8)));
            c.force(false);
        }
        assertThat(disk.failedFileForces()).isEqualTo(1);
        assertThat(dir.resolve("journal")).hasContent("one\ntwo\nthree\n");

        disk.cut(PowerCutFileSystem.Cut.NAMES_KEPT);

        assertThat(dir.resolve("journal")).hasContent("one\nthree\n");
    }

    @Test
    void aDiskWithRoomForAFewBytesWritesWhatFitsAndThenFails() throws Exception {
        PowerCutFileSystem disk = PowerCutFileSystem.over(dir);
        try (FileChannel c = FileChannel.open(disk.path("f"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            disk.roomFor(3);
            ByteBuffer line = ByteBuffer.wrap("second\n".getBytes(StandardCharsets.UTF_8));
            assertThat(c.write(line)).isEqualTo(3);
            assertThatThrownBy(() -> c.write(line)).isInstanceOf(IOException.class)
                    .hasMessage("No space left on device");
            disk.full(false);
            c.write(line);
        }
        assertThat(dir.resolve("f")).hasContent("second\n");
    }
}
