package org.orderly.tools.commission;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.orderly.gateway.app.config.MapDirs;
import org.orderly.gateway.app.config.OwnMaps;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.J2modLink;
import org.orderly.gateway.field.modbus.RegisterPoint;
import org.orderly.serial.UnitAddress;
import org.orderly.text.Count;
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
 * none answered. Over TCP, a unit that answers junk after another unit answered in Modbus is listed and passed; a line
 * that cannot be reached (any more) ends the scan, the meters found so far still listed, the unit it stopped at named,
 * exit 1: the units after it were not asked. A serial scan that found the same units at every setting it tried says
 * that the port does not seem to apply them ({@link SameAtEverySetting}).
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Find the meters on a line: try unit ids, baud rates and parities, and name each meter's model.")
final class ModbusScanCommand implements Callable<Integer>, ResultOnly {
    /**
     * A unit id no serial unit has (248..255 are reserved): over TCP, a meter found there answers whatever unit id it
     * is asked, and would otherwise be listed once for every unit id of the range, as as many meters.
     */
    private static final int NO_SERIAL_UNIT = UnitAddress.HIGHEST + 1;
    /** A unit's model probes' wait once it has answered, unless --answered-timeout-ms says otherwise. */
    private static final int DEFAULT_ANSWERED_MS = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    LineOptions.SettingsToTry line;

    @Option(names = "--units", defaultValue = UnitAddress.LOWEST + "-" + UnitAddress.HIGHEST, converter = UnitRange.Converter.class,
            paramLabel = "FROM-TO",
            description = "unit ids to ask (default ${DEFAULT-VALUE})")
    UnitRange units;

    @Option(names = "--answered-timeout-ms", paramLabel = "MS", description = "reply timeout in milliseconds for a unit"
            + " that has answered, for its model probes (default 1000, or --timeout-ms if longer): a meter that is there is"
            + " given longer than an absent unit costs")
    Integer answeredTimeoutMs;

    @Mixin
    DevicesOption devices = new DevicesOption();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        line.check();
        Duration answered = answeredTimeout();
        MapDirs maps = devices.existingMaps();
        MeterModels models = MeterModels.load(maps);
        // Which of the maps tried are the installer's: without --devices they come from the installation's devices
        // directory, and a scan that finds nothing of them is then told where they were looked for.
        OwnMaps.from(models.maps().keySet(), maps).ifPresent(out::println);
        devices.notLookedIn().ifPresent(n -> spec.commandLine().getErr().println(spec.qualifiedName() + ": " + n));
        if (line.endpoints().get(0) instanceof BusEndpoint.Serial serial) {
            Optional<String> unusable = LineChecks.serialPortUnusable(serial.port(), "--port");
            if (unusable.isPresent()) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + unusable.get());
                return 1;
            }
        }
        Table table = new Table("line", "unit", "model", "map", "seen");
        Optional<String> stopped = Optional.empty();
        SameAtEverySetting settings = new SameAtEverySetting();
        scan:
        for (BusEndpoint endpoint : line.endpoints()) {
            int asked = units.to() - units.from() + 1 + (endpoint instanceof BusEndpoint.Tcp ? 1 : 0);
            ScanEstimate estimate = ScanEstimate.of(endpoint, line.timeout());
            out.println("scanning " + endpoint + " units " + units.from() + ".." + units.to() + " ("
                    + estimate.said(asked) + "; " + estimate.saidOfAnswering(models.mostProbes(), answered) + ") ...");
            out.flush();
            boolean spokeModbus = false;
            settings.tried(endpoint);
            try (J2modLink link = new J2modLink(endpoint, answered)) {
                if (endpoint instanceof BusEndpoint.Tcp) {
                    // Anything else it answers (nothing, a refusal, junk, a lost line) the range below meets again and
                    // says.
                    MeterModels.Probe any = models.identify(link, NO_SERIAL_UNIT, true, line.timeout(), answered);
                    if (any instanceof MeterModels.Probe.Present p && !p.best().isEmpty()) {
                        table.row(endpoint, "any", models(p), maps(p), describe(p.best().get(0).probes())
                                + "; answers whatever unit id it is asked, " + NO_SERIAL_UNIT + " too: one meter, which the "
                                + "configuration may give any unit id");
                        continue;
                    }
                }
                for (int unit = units.from(); unit <= units.to(); unit++) {
                    MeterModels.Probe probe = models.identify(link, unit, endpoint instanceof BusEndpoint.Tcp, line.timeout(), answered);
                    Optional<String> wire = wrongReply(endpoint, unit, models, probe);
                    if (wire.isPresent()) {
                        // It answered in Modbus TCP, wrongly: neither a line gone nor a server that is not Modbus TCP's
                        spokeModbus = true;
                        table.row(endpoint, unit, "?", "-", wire.get());
                        continue;
                    }
                    if (probe instanceof MeterModels.Probe.Garbled g && g.error().anotherUnit().isPresent()) {
                        // A Modbus reply, whole, of another unit (over TCP an exception frame, which the wire's ask
                        // above does not say): the line speaks Modbus, which until the follow-up of 2026-12-07 the scan
                        // denied over TCP when it was the first answer, and stopped (TcpScanOfAnotherUnitsReplyTest);
                        // over RTU, asked twice, it was listed as garbled replies, a wrong baud rate, until rtu62
                        spokeModbus = true;
                        int replied = g.error().anotherUnit().getAsInt();
                        table.row(endpoint, unit, "?", "-", ReadAdvice.ofAnotherUnit(endpoint, unit, replied, "read it with --unit "
                                + replied + " if unit " + replied + " is the meter"));
                        continue;
                    }
                    if (probe instanceof MeterModels.Probe.Garbled g && endpoint instanceof BusEndpoint.Tcp tcp) {
                        if (!spokeModbus) {
                            stopped = Optional.of(ReadAdvice.notModbusTcp(tcp, g.error()));
                            break scan;
                        }
                        // Another unit of this server answered in Modbus TCP, so the junk is this unit's (or its
                        // path's): the link dropped the connection after it, so none of it is read as the next
                        // unit's answer, and a scan only reads. Going on finds the meters after it.
                        table.row(endpoint, unit, "?", "-", "answers what is not a Modbus TCP frame: "
                                + ReadAdvice.cause(g.error()) + "; read it with --map to see it again");
                    }
                    if (probe instanceof MeterModels.Probe.Unreachable u) {
                        // The line itself is gone (the server closed or refused the connection, the adapter was
                        // pulled): every later unit would fail the same way and look absent, hiding the cause.
                        stopped = Optional.of("stopped at unit " + unit + " of " + units.from() + ".." + units.to() + ": "
                                + cannotReach(endpoint, u) + notAsked(unit, endpoint));
                        break scan;
                    }
                    if (probe instanceof MeterModels.Probe.Present p) {
                        spokeModbus = true;
                        settings.found(endpoint, unit);
                        String seen = !p.best().isEmpty() ? describe(p.best().get(0).probes()) + slowly(p)
                                : !p.slow().isEmpty() ? p.slow() + "; no map fits what it answered them: read it with --map"
                                        + " MAP and a longer --timeout-ms to see its values"
                                : !p.note().isEmpty() ? p.note() : NoMapFits.advice(endpoint, unit, ownDevices(),
                                        ownDevices() != null || maps.own().isPresent());
                        table.row(endpoint, unit, models(p), maps(p), seen);
                    }
                }
            }
        }
        // What was found is printed also when the scan stopped short: those meters answered, and the installer needs
        // them as much as the reason it stopped.
        if (table.size() > 0) {
            table.print(out);
            out.flush();
        }
        if (stopped.isPresent()) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + stopped.get());
            return 1;
        }
        settings.said().ifPresent(s -> spec.commandLine().getErr().println(spec.qualifiedName() + ": " + s));
        if (table.size() == 0) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": no meter answered; "
                    + (line.endpoints().get(0) instanceof BusEndpoint.Tcp
                    ? "check --units (the meters' unit ids) and that --host and --tcp-port are a Modbus TCP server's (a port that "
                            + "takes the connection and answers nothing, as a web server waiting for the rest of a request, looks so too)"
                    : "check wiring (A/B swapped?), termination, baud rate and parity")
                    // A meter slower than the timeout looks absent: the one command that tells is a read given its unit.
                    + "; a meter slower to answer than --timeout-ms " + line.timeoutMs + " looks absent too: orderly modbus "
                    + "read --unit ID --map MAP says so, and how long it takes");
            return 1;
        }
        return 0;
    }

    /**
     * How long a unit that has answered is waited for: 1 s unless given, and never less than an absent unit's wait. A
     * scan's short --timeout-ms is for the many absent units; a unit that answered is there, and a probe it answers
     * late would have it listed as fitting no map.
     */
    private Duration answeredTimeout() {
        if (answeredTimeoutMs == null) {
            return Duration.ofMillis(Math.max(DEFAULT_ANSWERED_MS, line.timeoutMs));
        }
        LineChecks.timeoutMs("--answered-timeout-ms", answeredTimeoutMs);
        if (answeredTimeoutMs < line.timeoutMs) {
            throw new IllegalArgumentException("--answered-timeout-ms " + answeredTimeoutMs + " is less than --timeout-ms "
                    + line.timeoutMs + ": a unit that has answered is waited for at least as long as an absent one");
        }
        return Duration.ofMillis(answeredTimeoutMs);
    }

    /**
     * The installer's own --devices, to be named in the commands a scan advises; null for the shipped maps, and for the
     * installation's devices directory, which those commands read without it.
     */
    private java.nio.file.Path ownDevices() {
        return devices.given();
    }

    /** Beside a model named, that its unit began to reply too slowly for --timeout-ms, if it did; else "". */
    private static String slowly(MeterModels.Probe.Present p) {
        return p.slow().isEmpty() ? "" : "; " + p.slow();
    }

    private static String models(MeterModels.Probe.Present p) {
        return p.best().isEmpty() ? "?" : p.best().stream().map(MeterModels.Match::model).collect(Collectors.joining(" or "));
    }

    private static String maps(MeterModels.Probe.Present p) {
        return p.best().isEmpty() ? "-" : p.best().stream().map(MeterModels.Match::map).collect(Collectors.joining(" or "));
    }

    /** A unit whose first request was refused, asked again: what came, when it was a wrong reply in Modbus TCP. */
    private Optional<String> wrongReply(BusEndpoint endpoint, int unit, MeterModels models, MeterModels.Probe probe) {
        FailureKind kind = probe instanceof MeterModels.Probe.Garbled ? FailureKind.GARBLED
                : probe instanceof MeterModels.Probe.Unreachable ? FailureKind.CONNECTION : null;
        RegisterPoint first = models.first();
        return kind == null ? Optional.empty() : WireReply.of(endpoint, unit, first.function(), first.address(),
                first.type().words(), line.timeout(), kind, u -> "read it with --unit " + u);
    }

    private static String cannotReach(BusEndpoint endpoint, MeterModels.Probe.Unreachable u) {
        return "cannot reach " + endpoint + ": " + (endpoint instanceof BusEndpoint.Serial
                ? "check --port (an adapter unplugged, or in use by another program such as the gateway service: stop it)"
                : "check --host and --tcp-port, and that the meter or its Modbus gateway is on") + "; " + u.message();
    }

    /** What the scan did not ask because it stopped at {@code unit} of {@code endpoint}. */
    private String notAsked(int unit, BusEndpoint endpoint) {
        List<BusEndpoint> all = line.endpoints();
        int later = all.size() - 1 - all.indexOf(endpoint);
        String units = unit < this.units.to() ? "units " + (unit + 1) + ".." + this.units.to() + " were not asked" : "";
        String settings = later > 0
                ? Count.of(later, "more line setting") + " " + Count.word(later, "was", "were") + " not tried" : "";
        String both = units.isEmpty() || settings.isEmpty() ? units + settings : units + ", and " + settings;
        return both.isEmpty() ? "" : "; " + both;
    }

    /** The probes' values as a scan row says them: {@code voltage.a.v=230.50 frequency.hz=50.00}. */
    static String describe(Map<String, Double> probes) {
        return probes.entrySet().stream().map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.2f", e.getValue()))
                .collect(Collectors.joining(" "));
    }
}
