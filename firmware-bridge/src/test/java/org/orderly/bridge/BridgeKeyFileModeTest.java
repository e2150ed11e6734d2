package org.orderly.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.coap.PskCredentials;
import picocli.CommandLine;

/**
 * The bridge's key file, which whoever reads can set the pile's current with: one every local user can read is one
 * WARN naming it, its mode and chmod o-r; the bridge still serves. Real files with real modes; nothing is served.
 */
class BridgeKeyFileModeTest {
    @TempDir
    Path dir;

    @Test
    void aKeyFileEveryLocalUserCanReadIsWarnedAbout() throws Exception {
        Path key = keyFile("rw-r--r--", "rwxr-xr-x");
        String logged = logged(key);
        assertThat(logged.lines().filter(l -> l.contains("WARN") && l.contains("--psk-key-file " + key)
                && l.contains("can be read by every local user") && l.contains("rw-r--r--")
                && l.contains("chmod o-r"))).hasSize(1);
        assertThat(logged).doesNotContain("secret-key");
    }

    @Test
    void aKeyFileOthersCannotReadOrReachIsNot() throws Exception {
        Path closed = keyFile("rw-------", "rwxr-xr-x");
        assertThat(logged(closed)).doesNotContain("can be read by every local user");
        Path unreachable = keyFile("rw-r--r--", "rwx------");
        assertThat(logged(unreachable)).doesNotContain("can be read by every local user");
    }

    private Path keyFile(String mode, String dirMode) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path keys = Files.createTempDirectory(dir, "keys");
        Path file = Files.writeString(keys.resolve("P1.psk"), "secret-key\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString(dirMode));
        return file;
    }

    /** What the bridge logs (slf4j-simple writes to standard error) while reading its endpoints from {@code key}. */
    private static String logged(Path key) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                seen.write(b);
                err.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                seen.write(b, off, len);
                err.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            BridgeMain main = new BridgeMain();
            new CommandLine(main).parseArgs("--pile", "P1", "--psk-identity", "gw-P1", "--psk-key-file", key.toString());
            assertThat(main.endpoints().psk()).contains(PskCredentials.ofUtf8("gw-P1", "secret-key"));
        } finally {
            System.setErr(err);
        }
        return seen.toString(StandardCharsets.UTF_8);
    }
}
