package org.orderly.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file read as text says, on one line with the file's name, what keeps it from being text: the two renderings
 * (the message, for a line of its own; the fault, after a caller's words about the file) place it alike.
 */
class TextFileTest {
    @Test
    void utf8TextIsReadAsWritten(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("k"), "变压器 key\n");

        assertThat(TextFile.read(file)).isEqualTo("变压器 key\n");
        assertThat(TextFile.stripped(file)).isEqualTo("变压器 key");
    }

    @Test
    void aByteThatIsNotUtf8IsNamedAtItsLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("k"), new byte[] {'a', '\n', 'b', 'c', (byte) 0xE9, '\n'});

        TextFileException e = catchThrowableOfType(TextFileException.class, () -> TextFile.read(file));

        assertThat(e.getMessage()).isEqualTo(file + ":2:3: the file is not UTF-8 text (byte 0xE9 here); save it as UTF-8");
        assertThat(e.fault()).isEqualTo("is not UTF-8 text (byte 0xE9 at line 2, column 3); save it as UTF-8");
    }

    @Test
    void aZeroByteIsABinaryFile(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("k"), new byte[] {'a', 0, 'b'});

        TextFileException e = catchThrowableOfType(TextFileException.class, () -> TextFile.read(file));

        assertThat(e.getMessage()).isEqualTo(file + ":1:2: the file holds a zero byte here, as a binary file (or UTF-16"
                + " text) does; it should be UTF-8 text");
    }

    @Test
    void aDirectoryOrALoopSaysSo(@TempDir Path dir) throws Exception {
        Path a = Files.createSymbolicLink(dir.resolve("a"), dir.resolve("b"));
        Files.createSymbolicLink(dir.resolve("b"), a);

        assertThat(catchThrowableOfType(TextFileException.class, () -> TextFile.read(dir)).getMessage())
                .isEqualTo(dir + ": is a directory, not a file");
        assertThat(catchThrowableOfType(TextFileException.class, () -> TextFile.read(a)).fault())
                .startsWith("cannot be reached (Too many levels of symbolic links");
        assertThat(catchThrowableOfType(TextFileException.class, () -> TextFile.read(dir.resolve("none"))).fault())
                .isEqualTo("no such file");
    }

    /**
     * Nothing at the path is no file kept; a link that loops or dangles is one, and said; a path through a file (no
     * directory) has nothing at it: the web users file under such a path was once refused instead of set up afresh.
     */
    @Test
    void ifThereIsEmptyOnlyWhereNothingIs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kept"), "1 dropped\n");
        Path loop = Files.createSymbolicLink(dir.resolve("a"), dir.resolve("b"));
        Files.createSymbolicLink(dir.resolve("b"), loop);
        Path dangling = Files.createSymbolicLink(dir.resolve("gone"), dir.resolve("never-made"));

        assertThat(TextFile.ifThere(dir.resolve("kept"))).contains("1 dropped\n");
        assertThat(TextFile.ifThere(dir.resolve("none"))).isEmpty();
        assertThat(TextFile.ifThere(dir.resolve("kept").resolve("under-a-file"))).isEmpty();
        assertThat(catchThrowableOfType(TextFileException.class, () -> TextFile.ifThere(loop)).fault())
                .startsWith("cannot be reached (Too many levels of symbolic links");
        assertThat(catchThrowableOfType(TextFileException.class, () -> TextFile.ifThere(dangling))).isNotNull();
    }
}
