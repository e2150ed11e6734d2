package org.orderly.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The words for a file or directory that cannot be read, which the gateway's configuration, the orderly command and
 * the Kura form share. A file this user may not read, or one under a directory it may not enter, needs another user
 * than root: {@code UnreachableFileTest} (tools) runs those as nobody.
 */
class UnreadableTest {
    @Test
    void aFileSaysWhichWayItCannotBeRead(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ca.pem"), "x");

        assertThat(Unreadable.asFile(file)).isEmpty();
        assertThat(Unreadable.asFile(dir.resolve("gone.pem")).map(Unreadable::text)).contains("no such file");
        assertThat(Unreadable.asFile(dir).map(Unreadable::text)).contains("is a directory, not a file");
        assertThat(Unreadable.asFile(dir.resolve("gone/ca.pem"))).get().isInstanceOf(Unreadable.Missing.class);
    }

    @Test
    void aDirectorySaysWhatItShouldHold(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("maps.yaml"), "x");

        assertThat(Unreadable.asDirectory(dir, "register maps")).isEmpty();
        assertThat(Unreadable.asDirectory(dir.resolve("maps"), "register maps").map(Unreadable::text))
                .contains("no such directory of register maps");
        assertThat(Unreadable.asDirectory(file, "register maps").map(Unreadable::text))
                .contains("is a file, not a directory of register maps");
    }
}
