package org.orderly.tools.commission;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.orderly.gateway.field.dlt645.DataId;
import org.orderly.gateway.field.dlt645.Dlt645Client;
import org.orderly.gateway.field.dlt645.JSerialCommLine;
import org.orderly.gateway.field.dlt645.MeterAddress;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FieldReadException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orderly dlt645 address|read}: find a DL/T 645 meter's address and read what Orderly reads from it. */
@Command(name = "dlt645", mixinStandardHelpOptions = true, description = "Find and read DL/T 645-2007 meters (commissioning).",
        subcommands = {Dlt645Command.Address.class, Dlt645Command.Read.class})
public final class Dlt645Command implements Runnable {
    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

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
            LineChecks.parity(parity);
            LineChecks.timeoutMs(timeoutMs);
            return new Dlt645Client(JSerialCommLine.open(new BusEndpoint.Serial(port, baud, parity, 8, 1)), Duration.ofMillis(timeoutMs));
        }
    }

    @Command(name = "address", mixinStandardHelpOptions = true,
            description = "Ask the meter alone on the line for its address (broadcast read); disconnect the others first.")
    static final class Address implements Callable<Integer> {
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
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = "Read every quantity Orderly knows from one meter.")
    static final class Read implements Callable<Integer> {
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
            try (Dlt645Client c = line.open()) {
                for (DataId di : all) {
                    String value;
                    try {
                        value = String.format(Locale.ROOT, "%.4f", c.read(a, di));
                    } catch (FieldReadException e) {
                        value = "(" + e.kind().toString().toLowerCase(Locale.ROOT) + ")";
                        failed++;
                    }
                    table.row(di.quantity(), value, ModbusReadCommand.unitOf(di.quantity()), String.format("%08X", di.id()));
                }
            }
            out.println("DL/T 645 meter " + a + " on " + line.port + " (secondary values: multiply current, power and energy by the CT ratio)");
            table.print(out);
            return failed == all.size() ? 1 : 0;
        }
    }
}
