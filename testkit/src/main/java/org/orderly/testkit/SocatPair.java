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

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
