package org.orderly.testkit;

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
     * Kills socat at once, without waiting for it to end: both pseudo-terminals vanish from under whoever holds them, as
     * a USB RS-485 adapter's port does when it is pulled out. {@link #close} after it is harmless.
     */
    public void pullOut() {
        process.destroyForcibly();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
