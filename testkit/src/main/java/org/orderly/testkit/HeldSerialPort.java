package org.orderly.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A serial port another program holds, as the gateway service holds its buses' ports: jSerialComm takes an exclusive
 * {@code flock} on each port it opens, and util-linux's {@code flock} takes the same lock here, in a process of its own
 * (a second open in the test's own JVM is refused by jSerialComm before it gets that far, with another error). A
 * jSerialComm open of the port then fails with EWOULDBLOCK (11) until this is closed.
 */
public final class HeldSerialPort implements AutoCloseable {
    private final ChildProcess holder;

    /** Returns once the lock on {@code port} is taken; its output goes to {@code log}. */
    public HeldSerialPort(Path port, Path log) throws Exception {
        String flock = ExternalTools.requireProgram("flock", "util-linux");
        // The shell opens the port and execs sleep on it once locked: one process holds the lock, and its stop frees it
        // (flock's --command would leave its command, the lock's fd inherited, running after flock was stopped).
        holder = ChildProcess.start("flock " + port, List.of("/bin/sh", "-c", "exec 3<>\"$1\"; \"$2\" --exclusive 3; "
                + "echo holding; exec sleep 600", "sh", port.toString(), flock), log);
        holder.awaitLog("holding", Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        holder.close();
    }
}
