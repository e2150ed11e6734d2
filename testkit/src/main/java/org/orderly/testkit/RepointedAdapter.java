package org.orderly.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An RS-485 adapter known by a symlink ({@link #configured}, as /dev/serial/by-id/... names one) that is pulled out and
 * comes back as another device, while the kernel gives its old device number to another adapter: the {@link #first}
 * pair behind the symlink; {@link #repoint} once it has been pulled out. Whoever opens the symlink must read from the
 * second pair and never open the old number again ({@link #oldNumberHeldHere}). Closes its pairs: close the bus first.
 */
public final class RepointedAdapter implements AutoCloseable {
    public final Path configured;
    public final SocatPair first;
    /** The pseudo-terminal the symlink first named, and its number as /proc/locks names it. */
    public final Path oldDevice;
    private final String oldNumber;
    private final String socat;
    private final Path dir;
    private PtyNumberTaken other;
    private SocatPair second;

    public RepointedAdapter(String socat, Path dir) throws Exception {
        this.socat = socat;
        this.dir = dir;
        configured = dir.resolve("usb-FTDI_RS485-if00-port0");
        first = new SocatPair(socat, Files.createDirectories(dir.resolve("first")));
        oldDevice = first.master.toRealPath();
        oldNumber = DeviceLocks.key(oldDevice);
        Files.createSymbolicLink(configured, first.master);
    }

    /**
     * After {@link #first} was pulled out and its number freed (the port that had it closed): another adapter given
     * that number (unless another process on the machine took it first, as another surefire fork's socat may: then it
     * is that one's), a second pair, and the symlink pointed at it, as udev does; returns the second pair.
     */
    public SocatPair repoint() throws Exception {
        other = new PtyNumberTaken(socat, dir, oldNumber);
        second = new SocatPair(socat, Files.createDirectories(dir.resolve("second")));
        Files.delete(configured);
        Files.createSymbolicLink(configured, second.master);
        return second;
    }

    /** Whether this JVM has the old device number open (its pseudo-terminal the first pair's, or another adapter's). */
    public boolean oldNumberHeldHere() {
        try {
            return DeviceLocks.heldHere(oldNumber);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pseudo-terminal that has the old number now, in words. */
    public String otherAdapter() {
        return oldDevice + " (the number of the adapter pulled out), now " + (other != null && other.end().isPresent()
                ? "another adapter's" : "another program's on the machine");
    }

    @Override
    public void close() throws Exception {
        if (second != null) {
            second.close();
        }
        if (other != null) {
            other.close();
        }
        first.close();
    }
}
