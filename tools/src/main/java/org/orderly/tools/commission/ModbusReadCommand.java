package org.orderly.tools.commission;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.ReadingBounds;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.gateway.field.modbus.J2modLink;
import org.orderly.gateway.field.modbus.LateAnswer;
import org.orderly.gateway.field.TimeoutBound;
import org.orderly.gateway.field.modbus.ReadBlock;
import org.orderly.gateway.field.modbus.ReadPlanner;
import org.orderly.gateway.field.modbus.RegisterDecoder;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterPoint;
import org.orderly.serial.UnitAddress;
import org.orderly.tools.DevicesOption;
import org.orderly.tools.ResultOnly;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Reads every point of a register map from one meter, with the gateway's own request plan, and prints a table. */
@Command(name = "read", mixinStandardHelpOptions = true, description = "Read every point of a register map from one meter.")
final class ModbusReadCommand implements Callable<Integer>, ResultOnly {
    @Spec
    CommandSpec spec;

    @Mixin
    LineOptions.OneSetting line;

    @Option(names = "--unit", required = true, paramLabel = "ID", description = "the meter's unit id, " + UnitAddress.RANGE)
    int unit;

    @Option(names = "--map", required = true, paramLabel = "NAME", description = "register map name, e.g. chint-dtsu666")
    String map;

    @Mixin
    DevicesOption devices = new DevicesOption();

    @Override
    public Integer call() throws Exception {
        if (!UnitAddress.isUnit(unit)) {
            throw new IllegalArgumentException("--unit must be " + UnitAddress.RANGE + ", was " + unit);
        }
        line.check();
        RegisterMap m = devices.meterMap(map);
        if (line.endpoint() instanceof BusEndpoint.Serial serial) {
            Optional<String> unusable = LineChecks.serialPortUnusable(serial.port(), "--port");
            if (unusable.isPresent()) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + unusable.get());
                return 1;
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        devices.ownLine(map).ifPresent(out::println); // which file was read, when it is not the shipped map
        Table table = new Table("quantity", "value", "unit", "address", "fc");
        List<FieldReadException> failures = new ArrayList<>();
        List<ReadBlock> plan = ReadPlanner.plan(m);
        // A map that does not fit may still be read without an error: its values then are not a supply's.
        Optional<String> unlikeASupply = Optional.empty();
        // The first request whose reply was refused as a connection failure or garbled: asked again below
        ReadBlock refused = null;
        FailureKind refusedAs = null;
        try (J2modLink link = new J2modLink(line.endpoint(), line.timeout())) {
            for (ReadBlock block : plan) {
                int[] words = null;
                String error = null;
                try {
                    words = link.read(unit, block.function(), block.start(), block.count());
                } catch (FieldReadException e) {
                    error = e.kind().toString().toLowerCase(Locale.ROOT);
                    failures.add(e);
                    if (refused == null && (e.kind() == FailureKind.CONNECTION || e.kind() == FailureKind.GARBLED)) {
                        refused = block;
                        refusedAs = e.kind();
                    }
                }
                for (RegisterPoint p : block.points()) {
                    String value = "(" + error + ")";
                    if (words != null) {
                        double decoded = RegisterDecoder.decode(words, p.address() - block.start(), p);
                        value = said(decoded);
                        if (unlikeASupply.isEmpty()) {
                            unlikeASupply = Plausibility.unlikeALiveSupply(p.quantity(), decoded);
                        }
                    }
                    table.row(p.quantity(), value, unitOf(p.quantity()), String.format("0x%04X", p.address()), p.function().code());
                }
            }
        }
        out.println(m.model() + " at unit " + unit + " on " + line.endpoint());
        table.print(out);
        out.flush();
        Optional<String> advice = ReadAdvice.of(line.endpoint(), unit, map, failures, plan.size());
        if (ReadAdvice.silent(failures, plan.size())) {
            // Asked once more, given longer: a slow meter is not an absent one. Not one cut while it replied
            // (LateAnswer.silent): once another unit's exception frame was refused, the read of 2026-12-07, this ask of a
            // meter dripping its reply answered, in 974 ms, and its advice replaced the cut's (DrippingRtuReadAdviceTest).
            Optional<Duration> took = LateAnswer.after(line.endpoint(), unit, plan.get(0), line.timeout());
            if (took.isPresent()) {
                advice = Optional.of(LateAnswer.advice("unit " + unit + " on " + line.endpoint(), took.get(), line.timeout(),
                        ms -> "--timeout-ms " + ms, TimeoutBound.ANY));
            }
        }
        if (refused != null) {
            // j2mod's words for these say neither what came nor from whom: a meter that answered wrongly is no line
            // that cannot be reached, nor a server that is not Modbus TCP's
            Optional<String> wire = WireReply.of(line.endpoint(), unit, refused.function(), refused.start(), refused.count(),
                    line.timeout(), refusedAs, u -> "give --unit " + u);
            if (wire.isPresent()) {
                advice = wire;
            }
        }
        advice.ifPresent(a -> spec.commandLine().getErr().println(spec.qualifiedName() + ": " + a));
        unlikeASupply.ifPresent(a -> spec.commandLine().getErr().println(spec.qualifiedName() + ": unit " + unit + " on "
                + line.endpoint() + ", map " + map + ": " + a));
        return failures.isEmpty() && unlikeASupply.isEmpty() ? 0 : 1;
    }

    /**
     * A value as the table says it: three decimals, and beyond a million as the gateway's lines say a reading
     * ({@link ReadingBounds#said}), not a float's 3.4E38 in 39 digits.
     */
    static String said(double value) {
        return Math.abs(value) < 1e6 ? String.format(Locale.ROOT, "%.3f", value) : ReadingBounds.said(value);
    }

    /** The unit is the last part of a quantity's name (power.total.kw is in kW). */
    static String unitOf(String quantity) {
        String u = quantity.substring(quantity.lastIndexOf('.') + 1);
        return switch (u) {
            case "kw" -> "kW";
            case "kwh" -> "kWh";
            case "v" -> "V";
            case "a" -> "A";
            case "hz" -> "Hz";
            default -> u;
        };
    }
}
