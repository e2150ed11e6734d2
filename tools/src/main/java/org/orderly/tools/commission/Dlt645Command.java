package org.orderly.tools.commission;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.orderly.gateway.field.dlt645.DataId;
import org.orderly.gateway.field.dlt645.Dlt645Client;
import org.orderly.gateway.field.dlt645.JSerialCommLine;
import org.orderly.gateway.field.dlt645.MeterAddress;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.tools.ResultOnly;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orderly dlt645 address|read}: find a DL/T 645 meter's address and read what Orderly reads from it. */
@Command(name = "dlt645", mixinStandardHelpOptions = true, description = "Find and read DL/T 645-2007 meters (commissioning).",
        subcommands = {Dlt645Command.Address.class, Dlt645Command.Read.class})
public final class Dlt645Command {

    /** The serial line of a DL/T 645 meter: 2400 baud, even parity by default, as the standard says. */
    static final class Line {
        @Option(names = "--port", required = true, paramLabel = "DEVICE", description = "serial port, e.g. /dev/ttyUSB0")
        String port;

        @Option(names = "--baud", defaultValue = "2400", paramLabel = "RATE", description = "default ${DEFAULT-VALUE}")
        int baud;

        @Option(names = "--parity", defaultValue = "even", paramLabel = "P", description = "none, even or odd (default ${DEFAULT-VALUE})")
        String parity;

        @Option(names = "--timeout-ms", defaultValue = "1000", paramLabel = "MS", description = "reply timeout (default ${DEFAULT-VALUE})")
        int timeoutMs;

        Dlt645Client open() throws java.io.IOException {
            LineChecks.baud(baud);
            parity = LineChecks.parity(parity);
            LineChecks.timeoutMs(timeoutMs);
            Optional<String> missing = LineChecks.serialPortMissing(port);
            if (missing.isPresent()) {
                throw new java.io.IOException(missing.get());
            }
            return new Dlt645Client(JSerialCommLine.open(new BusEndpoint.Serial(port, baud, parity, 8, 1)), Duration.ofMillis(timeoutMs));
        }
    }

    @Command(name = "address", mixinStandardHelpOptions = true,
            description = "Ask the meter alone on the line for its address (broadcast read); disconnect the others first.")
    static final class Address implements Callable<Integer>, ResultOnly {
        @Spec
        CommandSpec spec;

        @Mixin
        Line line;

        @Override
        public Integer call() throws Exception {
            try (Dlt645Client c = line.open()) {
                spec.commandLine().getOut().println(c.readAddress());
                return 0;
            } catch (FieldReadException e) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + (e.kind() == FailureKind.TIMEOUT
                        ? "no meter answered on " + line.port + " at " + line.baud + " baud, parity " + line.parity + " within "
                                + line.timeoutMs + " ms: check that the meter is alone on the line (a broadcast read gets no "
                                + "answer from two), the wiring (A/B swapped?), and --baud and --parity (2400 even is the "
                                + "standard's; some meters are set to 1200 or 9600); "
                        : "") + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = "Read every quantity Orderly knows from one meter.")
    static final class Read implements Callable<Integer>, ResultOnly {
        @Spec
        CommandSpec spec;

        @Mixin
        Line line;

        @Option(names = "--address", required = true, paramLabel = "DIGITS", description = "the meter's address, e.g. 000000123456")
        String address;

        @Override
        public Integer call() throws Exception {
            MeterAddress a;
            try {
                a = MeterAddress.parse(address);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--address: " + e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            Table table = new Table("quantity", "value", "unit", "DI");
            int failed = 0;
            List<DataId> all = Arrays.asList(DataId.values());
            List<FailureKind> kinds = new java.util.ArrayList<>();
            try (Dlt645Client c = line.open()) {
                // Said before reading: a meter that does not answer costs --timeout-ms per quantity.
                out.println("DL/T 645 meter " + a + " on " + line.port + " (secondary values: multiply current, power and energy by "
                        + "the CT ratio)");
                out.flush();
                for (DataId di : all) {
                    String value;
                    try {
                        value = String.format(Locale.ROOT, "%.4f", c.read(a, di));
                    } catch (FieldReadException e) {
                        value = "(" + e.kind().toString().toLowerCase(Locale.ROOT) + ")";
                        kinds.add(e.kind());
                        failed++;
                    }
                    table.row(di.quantity(), value, ModbusReadCommand.unitOf(di.quantity()), String.format("%08X", di.id()));
                }
            }
            table.print(out);
            out.flush();
            if (failed == all.size()) {
                boolean silent = kinds.stream().allMatch(k -> k == FailureKind.TIMEOUT);
                spec.commandLine().getErr().println(spec.qualifiedName() + ": meter " + a + " on " + line.port + (silent
                        ? " did not answer (timeout): check its address (orderly dlt645 address reads it from a meter alone on the "
                                + "line), --baud and --parity (2400 even is the standard's) and the wiring (A/B swapped?)"
                        : " answered no request: " + FailureAdvice.meter(kinds.get(0), "address " + a, true)));
                return 1;
            }
            return 0;
        }
    }
}
