package org.orderly.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The locks this JVM holds, as Linux's /proc/locks lists them: jSerialComm takes an exclusive {@code flock} on each
 * serial port it opens, so a lock on a device's inode is that device open here. A device is named by its inode
 * ({@link #key}), which a /dev/pts number keeps whichever program the kernel gives it to: the way to see this JVM open
 * a pseudo-terminal number again after its socat was killed and another's took it.
 */
public final class DeviceLocks {
    private DeviceLocks() {
    }

    /** How /proc/locks names the inode of {@code file} (symlinks followed): device major:minor in hex, inode number. */
    public static String key(Path file) throws IOException {
        long dev = (Long) Files.getAttribute(file, "unix:dev");
        long ino = (Long) Files.getAttribute(file, "unix:ino");
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
        return String.format("%02x:%02x:%d", major, minor, ino);
    }

    /** Whether this JVM holds a lock on the inode named {@code key}. */
    public static boolean heldHere(String key) throws IOException {
        String pid = Long.toString(ProcessHandle.current().pid());
        for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
            // "1: FLOCK  ADVISORY  WRITE 10227 00:19:3 0 EOF", a waiter's with "->" after its number
            List<String> fields = Arrays.asList(line.trim().split("\\s+"));
            int at = fields.indexOf(pid);
            if (at > 0 && at + 1 < fields.size() && fields.get(at + 1).equals(key)) {
                return true;
            }
        }
        return false;
    }
}
