package org.orderly.tools.commission;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.SerialPortNotOpened;
import org.orderly.gateway.field.dlt645.Dlt645Client;
import org.orderly.gateway.field.dlt645.JSerialCommLine;
import org.orderly.gateway.field.dlt645.TcpLine;
import org.orderly.gateway.field.modbus.BusEndpoint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The line of a DL/T 645 meter for {@code orderly dlt645}: a serial port (2400 baud, even parity by default, as the
 * standard says) or a transparent RS-485-to-Ethernet converter ({@code --tcp HOST:PORT}), opened by the gateway's own
 * {@link JSerialCommLine} or {@link TcpLine}, so that a command reads as the gateway's poller does.
 * <p>
 * Not a {@link LineOptions}, though both take {@code --port}, {@code --baud}, {@code --parity} and {@code --timeout-ms}:
 * their defaults differ on purpose, each its protocol's (DL/T 645 is 2400 baud, even parity, a meter allowed 500 ms to
 * answer, so 1000 ms waited, as a {@code dlt645} bus's defaults are; Modbus meters ship at 9600 none, and a scan's
 * 300 ms is what each absent unit costs), and picocli takes a default from the annotation, so one class would need a
 * default provider per command to tell them apart. The converter is one {@code --tcp HOST:PORT}, not
 * {@code --host} and {@code --tcp-port} defaulting to Modbus's 502, a port no converter is known by; there is one
 * setting to give, not lists to try; and no {@code --stop-bits} (the standard's frame has one). What both mean alike
 * is checked by the same code, {@link LineChecks} and {@link OptionsNotForTheLink}.
 */
final class Dlt645Line {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    static final class Where {
        @Option(names = "--port", paramLabel = "DEVICE", description = "serial port, e.g. /dev/ttyUSB0")
        String port;

        @Option(names = "--tcp", paramLabel = "HOST:PORT",
                description = "an RS-485-to-Ethernet converter in TCP server mode instead, e.g. 192.168.10.21:8899")
        String tcp;
    }

    @Option(names = "--baud", defaultValue = "2400", paramLabel = "RATE", description = "serial baud rate (default ${DEFAULT-VALUE})")
    int baud;

    @Option(names = "--parity", defaultValue = "even", paramLabel = "P", description = "none, even or odd (default ${DEFAULT-VALUE})")
    String parity;

    @Option(names = "--timeout-ms", defaultValue = "1000", paramLabel = "MS",
            description = "reply timeout in milliseconds (default ${DEFAULT-VALUE})")
    int timeoutMs;

    /** The converter, once {@link #open()} has read {@code --tcp}; empty on a serial port. */
    private BusEndpoint.Tcp converter;

    boolean throughConverter() {
        return where.tcp != null;
    }

    /** The line in a message: the port's path, or the converter's {@code tcp://host:port}. */
    String name() {
        return throughConverter() ? converter().toString() : where.port;
    }

    /** What sets the line's baud rate and parity, for advice: the options, or the converter's own settings. */
    String lineSettings() {
        return throughConverter() ? "the converter's serial settings (its baud rate and parity: 2400 8E1 is the standard's, "
                + "1200 8E1 common for DL/T 645-1997 meters)" : "--baud and --parity (2400 even is the standard's; some meters "
                + "are set to 1200 or 9600)";
    }

    /** Checks the options (bad input: one line, exit 2), then opens the line (not opened: one line, exit 1). */
    Dlt645Client open() throws IOException {
        LineChecks.timeoutMs(timeoutMs);
        Duration timeout = Duration.ofMillis(timeoutMs);
        if (throughConverter()) {
            // The converter's own settings are the line's; a --baud given here would be believed and change nothing.
            OptionsNotForTheLink.refuse(command, "--tcp", "a serial port (--port); set a converter's in the converter",
                    "--baud", "--parity");
            BusEndpoint.Tcp at = converter();
            Optional<String> unresolved = LineChecks.hostUnresolved(at.host(), "--tcp");
            if (unresolved.isPresent()) {
                throw new IOException(unresolved.get());
            }
            try {
                return new Dlt645Client(TcpLine.open(at, timeout), timeout, Ticker.SYSTEM);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + ": check --tcp (the converter's address and its TCP server port), "
                        + "that the converter is powered and reachable from here, and that no other client holds it (many "
                        + "serve one at a time: the gateway service)", e);
            }
        }
        LineChecks.baud(baud);
        parity = LineChecks.parity(parity);
        Optional<String> missing = LineChecks.serialPortMissing(where.port);
        if (missing.isPresent()) {
            throw new IOException(missing.get());
        }
        try {
            return new Dlt645Client(JSerialCommLine.open(new BusEndpoint.Serial(where.port, baud, parity, 8, 1)), timeout,
                    Ticker.SYSTEM);
        } catch (SerialPortNotOpened e) {
            throw new IOException(LineChecks.serialPortNotOpened(e, "--port"), e);
        }
    }

    private BusEndpoint.Tcp converter() {
        if (converter == null) {
            converter = LineChecks.hostAndPort("--tcp", where.tcp);
        }
        return converter;
    }
}
