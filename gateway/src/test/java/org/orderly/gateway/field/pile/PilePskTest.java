package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PilePskTest {
    @TempDir
    Path dir;

    @Test
    void aKeyFileIsReadWithoutItsFinalNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("P0001.key"), "s3cret-key\n");

        PilePsk psk = PilePsk.ofUtf8File("pile-P0001", file);

        assertThat(psk.identity()).isEqualTo("pile-P0001");
        assertThat(psk.key()).isEqualTo("s3cret-key".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyKeyFileIsNamedAsEmpty() throws IOException {
        Path file = Files.writeString(dir.resolve("P0002.key"), " \n");

        assertThatThrownBy(() -> PilePsk.ofUtf8File("pile-P0002", file))
                .isInstanceOf(IOException.class)
                .hasMessage("pre-shared key file " + file + " for identity pile-P0002 is empty");
    }

    @Test
    void aMissingKeyFileIsNamedWithTheReason() {
        Path file = dir.resolve("absent.key");

        assertThatThrownBy(() -> PilePsk.ofUtf8File("pile-P0003", file))
                .isInstanceOf(IOException.class)
                .hasMessage("pre-shared key file " + file + " for identity pile-P0003: no such file");
    }

    /** Until 2026-12-05: {@code cannot be read: java.nio.charset.MalformedInputException: Input length = 1}. */
    @Test
    void aKeyFileNotInUtf8IsNamedWithItsFirstForeignByte() throws IOException {
        Path file = Files.write(dir.resolve("P0005.key"), new byte[] {'k', 'e', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> PilePsk.ofUtf8File("pile-P0005", file))
                .isInstanceOf(IOException.class)
                .hasMessage("pre-shared key file " + file + " for identity pile-P0005: is not UTF-8 text (byte 0xE9 at"
                        + " line 1, column 3); save it as UTF-8");
    }

    @Test
    void theKeyNeverAppearsInText() throws IOException {
        PilePsk psk = PilePsk.ofUtf8File("pile-P0004", Files.writeString(dir.resolve("k"), "do-not-log"));

        assertThat(psk.toString()).doesNotContain("do-not-log").contains("10 bytes");
    }
}
