package org.orderly.tools.commission;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.field.modbus.BusEndpoint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a meter line is: a serial port (with its baud rates and parities) or a Modbus TCP host. A command that tries
 * several serial settings and one that talks with one device take the same options but say so in their own help: see
 * {@link SettingsToTry} and {@link OneSetting}.
 */
abstract class LineOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    static final class Where {
        @Option(names = "--port", paramLabel = "DEVICE", description = "serial port of the RS-485 adapter, e.g. /dev/ttyUSB0")
        String port;

        @Option(names = "--host", paramLabel = "HOST", description = "Modbus TCP host (a meter or an RS-485 gateway)")
        String host;
    }

    @Option(names = "--tcp-port", defaultValue = "502", paramLabel = "N", description = "Modbus TCP port (default ${DEFAULT-VALUE})")
    int tcpPort;

    @Option(names = "--stop-bits", defaultValue = "1", paramLabel = "N", description = "1 or 2 (default ${DEFAULT-VALUE})")
    int stopBits;

    @Option(names = "--timeout-ms", defaultValue = "300", paramLabel = "MS",
            description = "reply timeout in milliseconds (default ${DEFAULT-VALUE})")
    int timeoutMs;

    /** The baud rates given, in their order. */
    abstract List<Integer> bauds();

    /** The parities given, in their order; {@link #check()} writes them back in their one spelling. */
    abstract List<String> parities();

    Duration timeout() {
        return Duration.ofMillis(timeoutMs);
    }

    /** Every endpoint to try, serial settings in the order given; one for TCP. */
    List<BusEndpoint> endpoints() {
        check();
        if (where.host != null) {
            return List.of(new BusEndpoint.Tcp(where.host, tcpPort));
        }
        List<BusEndpoint> out = new ArrayList<>();
        for (int baud : bauds()) {
            for (String parity : parities()) {
                out.add(new BusEndpoint.Serial(where.port, baud, parity, 8, stopBits));
            }
        }
        return out;
    }

    /**
     * Every setting given (a typo is a typo), then that this line uses each: bad input, before a port is opened.
     */
    void check() {
        LineChecks.tcpPort(tcpPort);
        bauds().forEach(LineChecks::baud);
        parities().replaceAll(LineChecks::parity);
        LineChecks.stopBits(stopBits);
        LineChecks.timeoutMs(timeoutMs);
        if (where.host != null) {
            OptionsNotForTheLink.refuse(command, "--host", "a serial line (--port)", "--baud", "--parity", "--stop-bits");
        } else {
            OptionsNotForTheLink.refuse(command, "--port", "Modbus TCP (--host)", "--tcp-port");
        }
    }

    /** The one endpoint of a command that talks to one device. */
    BusEndpoint endpoint() {
        List<BusEndpoint> all = endpoints();
        if (all.size() != 1) {
            throw new IllegalArgumentException("give one --baud and one --parity for this command");
        }
        return all.get(0);
    }

    /** For a command that tries every setting given: the help says lists are welcome. */
    static final class SettingsToTry extends LineOptions {
        @Option(names = "--baud", split = ",", paramLabel = "RATE", description = "baud rates to try, comma-separated (default 9600)")
        List<Integer> bauds = new ArrayList<>(List.of(9600));

        @Option(names = "--parity", split = ",", paramLabel = "P",
                description = "none, even or odd; comma-separated to try several (default none)")
        List<String> parities = new ArrayList<>(List.of("none"));

        @Override
        List<Integer> bauds() {
            return bauds;
        }

        @Override
        List<String> parities() {
            return parities;
        }
    }

    /**
     * For a command that talks with one device: one value each, and the help says so ({@code [--baud=RATE]}, not a
     * list's {@code [--baud=RATE]...}, which picocli writes for any list-typed option). A list is still taken as text,
     * so that it is refused by {@link #endpoint()} with a line saying why rather than by picocli as "not a whole
     * number".
     */
    static final class OneSetting extends LineOptions {
        @Option(names = "--baud", defaultValue = "9600", paramLabel = "RATE", description = "serial baud rate (default ${DEFAULT-VALUE})")
        String baud;

        @Option(names = "--parity", defaultValue = "none", paramLabel = "P", description = "none, even or odd (default ${DEFAULT-VALUE})")
        String parity;

        private List<Integer> bauds;
        private List<String> parities;

        @Override
        List<Integer> bauds() {
            if (bauds == null) {
                bauds = new ArrayList<>();
                for (String rate : baud.split(",", -1)) {
                    bauds.add(LineChecks.wholeNumber("--baud", rate));
                }
            }
            return bauds;
        }

        @Override
        List<String> parities() {
            if (parities == null) {
                parities = new ArrayList<>(List.of(parity.split(",", -1)));
            }
            return parities;
        }
    }
}
