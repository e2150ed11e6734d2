package org.orderly.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Two pseudo-terminals joined by socat: what one end writes the other reads, like an RS-485 line. */
public final class SocatPair implements AutoCloseable {

    public final Path master;
    public final Path slave;
    private final Process process;

    public SocatPair(String socat, Path dir) throws Exception {
        master = dir.resolve("ttyMaster");
        slave = dir.resolve("ttySlave");
        Path log = dir.resolve("socat.log");
        process = new ProcessBuilder(socat, "-d", "-d",
                "pty,raw,echo=0,link=" + master, "pty,raw,echo=0,link=" + slave)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(master) && Files.exists(slave))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("socat did not create the pty pair: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    /**
     * Kills socat at once, without waiting for it to end: both pseudo-terminals vanish from under whoever holds them,
     * as a USB RS-485 adapter's port does when it is pulled out, and so do their paths, as udev removes an adapter's.
     * The paths go first: a killed socat leaves its links behind, and the kernel gives the next pseudo-terminal made on
     * the machine (another test's, in another JVM) the freed number, so a bus still trying {@link #master} would open
     * that one and hold it (jSerialComm's lock: its owner's open fails with error 11, in use). {@link #close} after it
     * is harmless.
     */
    public void pullOut() throws IOException {
        removeLinks();
        process.destroyForcibly();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        removeLinks(); // a socat that does not end on SIGTERM is killed, and would leave them (see pullOut)
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private void removeLinks() throws IOException {
        Files.deleteIfExists(master);
        Files.deleteIfExists(slave);
    }
}
