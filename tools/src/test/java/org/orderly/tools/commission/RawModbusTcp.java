package org.orderly.tools.commission;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;

/**
 * A Modbus TCP server on 127.0.0.1 that answers every read wrongly, as its mode says (raw_modbus_tcp.py, its frames
 * written byte by byte in Python: no Modbus library that would tidy them): {@code cut} (the reply cut short), {@code
 * count} (a byte count beyond the data), {@code fewer} (half the registers), {@code unit N} (from unit N), {@code huge}
 * (every register 0x7F7F), {@code close} (closed without a word), {@code short} (5 bytes, then closed), {@code drip} (a
 * byte every 200 ms), {@code refuse N} (exception 02 from unit N), {@code one N} (as {@code unit N}, one connection at a time, a second
 * left unanswered until the first closes).
 */
final class RawModbusTcp implements AutoCloseable {
    private static final Path SCRIPT = Path.of("src/test/resources/commission/raw_modbus_tcp.py");

    private final ChildProcess process;
    private final int port;

    private RawModbusTcp(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static RawModbusTcp start(Path dir, String... mode) throws Exception {
        int port = LoopbackPorts.free();
        List<String> cmd = new ArrayList<>(List.of(ExternalTools.requireProgram("python3", "python3"), SCRIPT.toString(),
                Integer.toString(port)));
        cmd.addAll(List.of(mode));
        ChildProcess p = ChildProcess.startUntilLogged("raw_modbus_tcp", cmd, Files.createTempFile(dir, "raw_modbus_tcp", ".log"),
                "serving", Duration.ofSeconds(30));
        return new RawModbusTcp(p, port);
    }

    /** What the server said: the connections it took and refused. */
    String log() {
        return process.log();
    }

    int port() {
        return port;
    }

    String portText() {
        return Integer.toString(port);
    }

    @Override
    public void close() {
        process.close();
    }
}
