package org.orderly.gateway.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.serial.SerialPortOpening;

/**
 * jSerialComm 2.11.4 keeps the error of a failed open in one number for the whole JVM (a port object that did not open
 * has no handle, and its getLastErrorCode reads the library's last error): two buses whose ports fail to open at once
 * could each be told the other's reason. Every open the gateway makes, and its reading of that number, are one step
 * ({@link SerialPortOpening}).
 */
class ConcurrentOpenErrorTest {
    private static final int OPENS = 5000;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void twoPortsFailingToOpenAtOnceAreEachToldTheirOwnReason() throws Exception {
        Path directory = Files.createDirectories(dir.resolve("not-a-port")); // EISDIR, 21
        Path notSerial = Path.of("/dev/null"); // ENOTTY, 25
        List<String> crossed = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> open(directory, 21, crossed));
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> open(notSerial, 25, crossed));
        CompletableFuture.allOf(one, two).get();

        assertThat(crossed).isEmpty();
    }

    private static void open(Path port, int errno, List<String> crossed) {
        for (int i = 0; i < OPENS; i++) {
            int said = SerialPortCheck.notOpened(port.toString()).orElseThrow().errorCode();
            if (said != errno) {
                crossed.add(port + " said error " + said + ", not " + errno);
            }
        }
    }
}
