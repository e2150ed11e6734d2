package org.orderly.tools.commission;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.J2modLink;
import org.orderly.tools.DevicesOption;
import org.orderly.tools.ResultOnly;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Asks every unit id of a range, at every baud rate and parity given, and names the model of each meter that
 * answers ({@link MeterModels}). Prints one table row per meter found; exit 0 when at least one was found, 1 when
 * none answered.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Find the meters on a line: try unit ids, baud rates and parities, and name each meter's model.")
final class ModbusScanCommand implements Callable<Integer>, ResultOnly {
    @Spec
    CommandSpec spec;

    @Mixin
    LineOptions line;

    @Option(names = "--units", defaultValue = "1-247", converter = UnitRange.Converter.class, paramLabel = "FROM-TO",
            description = "unit ids to ask (default ${DEFAULT-VALUE})")
    UnitRange units;

    @Mixin
    DevicesOption devices = new DevicesOption();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        line.check();
        MeterModels models = MeterModels.load(devices.existingDir());
        if (line.endpoints().get(0) instanceof BusEndpoint.Serial serial) {
            Optional<String> missing = LineChecks.serialPortMissing(serial.port());
            if (missing.isPresent()) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + missing.get());
                return 1;
            }
        }
        Table table = new Table("line", "unit", "model", "map", "seen");
        for (BusEndpoint endpoint : line.endpoints()) {
            long mostMs = (long) (units.to() - units.from() + 1) * line.timeout().toMillis();
            out.println("scanning " + endpoint + " units " + units.from() + ".." + units.to() + " (a unit that does not answer costs "
                    + "--timeout-ms, " + line.timeout().toMillis() + " ms: up to " + (mostMs + 999) / 1000 + " s) ...");
            out.flush();
            try (J2modLink link = new J2modLink(endpoint, line.timeout())) {
                for (int unit = units.from(); unit <= units.to(); unit++) {
                    MeterModels.Probe probe = models.identify(link, unit, endpoint instanceof BusEndpoint.Tcp);
                    if (probe instanceof MeterModels.Probe.Garbled g && endpoint instanceof BusEndpoint.Tcp tcp) {
                        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + ReadAdvice.notModbusTcp(tcp, g.error()));
                        return 1;
                    }
                    if (probe instanceof MeterModels.Probe.Unreachable u) {
                        spec.commandLine().getErr().println(spec.qualifiedName() + ": cannot reach " + endpoint + ": "
                                + (endpoint instanceof BusEndpoint.Serial
                                        ? "check --port (an adapter unplugged, or in use by another program such as the gateway "
                                                + "service: stop it)"
                                        : "check --host and --tcp-port, and that the meter or its Modbus gateway is on")
                                + "; " + u.message());
                        return 1;
                    }
                    if (probe instanceof MeterModels.Probe.Present p) {
                        String model = p.best().isEmpty() ? "?" : p.best().stream().map(MeterModels.Match::model)
                                .collect(Collectors.joining(" or "));
                        String map = p.best().isEmpty() ? "-" : p.best().stream().map(MeterModels.Match::map)
                                .collect(Collectors.joining(" or "));
                        String seen = p.best().isEmpty() ? p.note() : describe(p.best().get(0).probes());
                        table.row(endpoint, unit, model, map, seen);
                    }
                }
            }
        }
        if (table.size() == 0) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": no meter answered; " + (line.endpoints().get(0) instanceof BusEndpoint.Tcp
                    ? "check --units (the meters' unit ids) and that --host and --tcp-port are a Modbus TCP server's (a port that "
                            + "takes the connection and answers nothing, as a web server waiting for the rest of a request, looks so too)"
                    : "check wiring (A/B swapped?), termination, baud rate and parity"));
            return 1;
        }
        table.print(out);
        return 0;
    }

    private static String describe(Map<String, Double> probes) {
        return probes.entrySet().stream().map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.2f", e.getValue()))
                .collect(Collectors.joining(" "));
    }
}
