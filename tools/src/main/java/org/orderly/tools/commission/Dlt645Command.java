package org.orderly.tools.commission;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.orderly.gateway.field.dlt645.DataId;
import org.orderly.gateway.field.dlt645.Dlt645Client;
import org.orderly.gateway.field.dlt645.Dlt645Version;
import org.orderly.gateway.field.dlt645.MeterAddress;
import org.orderly.gateway.field.dlt645.MeterRefusal;
import org.orderly.gateway.field.dlt645.ReplyFromOtherAddress;
import org.orderly.gateway.field.dlt645.ValueNotBcd;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.tools.ResultOnly;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code orderly dlt645 address|read}: find a DL/T 645 meter's address and read what Orderly reads from it. */
@Command(name = "dlt645", mixinStandardHelpOptions = true,
        description = "Find and read DL/T 645 meters, 2007 and 1997, on a serial port or through an RS-485 converter"
                + " (commissioning).",
        subcommands = {Dlt645Command.Address.class, Dlt645Command.Read.class})
public final class Dlt645Command {

    @Command(name = "address", mixinStandardHelpOptions = true,
            description = "Ask the meter alone on the line for its address (broadcast read); disconnect the others first.")
    static final class Address implements Callable<Integer>, ResultOnly {
        @Spec
        CommandSpec spec;

        @Mixin
        Dlt645Line line;

        @Option(names = "--edition", paramLabel = "YEAR", defaultValue = "2007",
                description = "the DL/T 645 edition the meter speaks: 2007 (default); 1997 has no read-address command")
        String edition;

        @Override
        public Integer call() throws Exception {
            Dlt645Version version = edition(edition);
            if (version == Dlt645Version.V1997) {
                // Nothing to ask: a 1997 meter would stay silent, and a timeout would send the installer to the wiring.
                throw new IllegalArgumentException(NO_1997_ADDRESS_READ + "; read it with orderly dlt645 read --edition 1997 "
                        + "--address DIGITS");
            }
            try (Dlt645Client c = line.open()) {
                spec.commandLine().getOut().println(c.readAddress());
                return 0;
            } catch (FieldReadException e) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + (e.kind() == FailureKind.TIMEOUT
                        ? "no meter answered on " + line.name() + (line.throughConverter() ? "" : " at " + line.baud
                                + " baud, parity " + line.parity) + " within " + line.timeoutMs + " ms: check that the meter "
                                + "is alone on the line (a broadcast read gets no answer from two), the wiring (A/B swapped?), "
                                + line.lineSettings() + ", and that it speaks "
                                + "DL/T 645-2007 (" + NO_1997_ADDRESS_READ + "); "
                        : "") + e.getMessage());
                return 1;
            }
        }
    }

    /** What DL/T 645-1997 cannot do that {@code address} does (docs/dlt645.md, "DL/T 645-1997"). */
    static final String NO_1997_ADDRESS_READ = "DL/T 645-1997 has no read-address command (2007's 13), so a 1997 meter "
            + "does not answer one: take its address from its nameplate";

    /** The edition {@code --edition} names, or bad input saying which there are. */
    static Dlt645Version edition(String edition) {
        return Dlt645Version.of(edition).orElseThrow(() -> new IllegalArgumentException(
                "--edition: must be 2007 or 1997, was '" + edition + "'"));
    }

    /** A quantity the meter said it does not have (its error byte's "no such data"): an answer, not a failure. */
    static final String NO_SUCH_DATA = "(no such data)";

    @Command(name = "read", mixinStandardHelpOptions = true, description = "Read every quantity Orderly knows from one meter.")
    static final class Read implements Callable<Integer>, ResultOnly {
        @Spec
        CommandSpec spec;

        @Mixin
        Dlt645Line line;

        @Option(names = "--address", required = true, paramLabel = "DIGITS", description = "the meter's address, e.g. 000000123456")
        String address;

        @Option(names = "--edition", paramLabel = "YEAR", defaultValue = "2007",
                description = "the DL/T 645 edition the meter speaks, its dlt645.version: 2007 (default) or 1997")
        String edition;

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
            Dlt645Version version = edition(edition);
            List<DataId> all = DataId.all(version);
            List<FieldReadException> failures = new java.util.ArrayList<>();
            int absent = 0;
            try (Dlt645Client c = line.open()) {
                // Said before reading: a meter that does not answer costs --timeout-ms per quantity.
                out.println("DL/T 645 meter " + a + " on " + line.name() + " (secondary values: multiply current, power and energy by "
                        + "the CT ratio)");
                out.flush();
                for (DataId di : all) {
                    String value;
                    try {
                        value = String.format(Locale.ROOT, "%.4f", c.read(a, di));
                    } catch (FieldReadException e) {
                        // Not every meter has every quantity asked here (a single-phase meter no phase B): its "no such
                        // data" is an answer about the meter, and the configuration leaves that quantity out.
                        if (MeterRefusal.noSuchData(e)) {
                            value = NO_SUCH_DATA;
                            absent++;
                        } else {
                            value = "(" + e.kind().toString().toLowerCase(Locale.ROOT) + ")";
                            failures.add(e);
                        }
                    }
                    table.row(di.quantity(), value, ModbusReadCommand.unitOf(di.quantity()),
                            String.format("%0" + 2 * version.idBytes() + "X", di.id()));
                }
            }
            table.print(out);
            out.flush();
            Optional<String> advice = advice(a, failures, absent, all.size());
            advice.ifPresent(text -> spec.commandLine().getErr().println(spec.qualifiedName() + ": " + text));
            return advice.isPresent() ? 1 : 0;
        }

        /**
         * What the read's failures mean, as one line; empty when every quantity was read or the meter said it has no
         * such data (the read is whole: a script can tell it from a partial one by the exit code, as with modbus read).
         */
        private Optional<String> advice(MeterAddress a, List<FieldReadException> failures, int absent, int asked) {
            String meter = "meter " + a + " on " + line.name();
            if (absent == asked) {
                return Optional.of(meter + " answered every quantity with no such data: it has none of those Orderly reads; "
                        + "check the edition it speaks: this read asked the DL/T 645-" + edition + " table (--edition 2007 or 1997)");
            }
            if (failures.isEmpty()) {
                return Optional.empty();
            }
            List<FailureKind> kinds = failures.stream().map(FieldReadException::kind).distinct().toList();
            if (failures.size() == asked && kinds.equals(List.of(FailureKind.TIMEOUT))) {
                return Optional.of(meter + " did not answer (timeout): check its address (orderly dlt645 address reads it from "
                        + "a meter alone on the line), " + line.lineSettings() + " and the wiring (A/B swapped?)");
            }
            if (failures.size() == asked && kinds.equals(List.of(FailureKind.EXCEPTION_RESPONSE))) {
                // It answered every request, from its address: refusing, not silent.
                return Optional.of(meter + " refused every quantity (" + firstRefusal(failures) + "): "
                        + FailureAdvice.meter(FailureKind.EXCEPTION_RESPONSE, "address " + a, true));
            }
            if (failures.size() == asked && kinds.equals(List.of(FailureKind.GARBLED))) {
                return Optional.of(garbledEverywhere(a, meter, failures, line.lineSettings()));
            }
            List<String> meaning = new java.util.ArrayList<>();
            for (FailureKind k : kinds) {
                meaning.add(switch (k) {
                    case TIMEOUT -> "a timeout a slow or disturbed line (--timeout-ms, the wiring)";
                    case GARBLED -> garbledMeaning(failures);
                    case EXCEPTION_RESPONSE -> "a refusal the meter's own (" + firstRefusal(failures) + ")";
                    case CONNECTION -> line.throughConverter() ? "a connection failure the converter's (--tcp; it closed or "
                            + "reset the connection: its idle timeout, or another client taking it)" : "a connection failure "
                            + "the port (--port; the adapter plugged in, and not in use by another program such as the "
                            + "gateway service)";
                    case BUSY -> "busy the meter busy with something else";
                });
            }
            return Optional.of(failures.size() + " of " + asked + " quantities of " + meter + " failed ("
                    + kinds.stream().map(k -> k.toString().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.joining(", "))
                    + "): the rows so marked were not read; " + String.join(", ", meaning) + "; a " + NO_SUCH_DATA + " row is a "
                    + "quantity the meter does not have, no failure");
        }

        /**
         * What the garbled rows mean. A value that is not BCD came in a reply whose checksum holds, so the line carried
         * it whole and its baud rate and parity are right: the meter sent it (until 2026-12-06 it too was blamed on them).
         */
        private static String garbledMeaning(List<FieldReadException> failures) {
            List<FieldReadException> garbled = failures.stream().filter(f -> f.kind() == FailureKind.GARBLED).toList();
            List<String> meaning = new java.util.ArrayList<>();
            if (!garbled.stream().allMatch(ValueNotBcd::in)) {
                meaning.add("a wrong baud rate or parity, or two meters with this address");
            }
            garbled.stream().filter(ValueNotBcd::in).findFirst().ifPresent(f -> meaning.add("a value the meter sent that "
                    + "is not BCD digits (" + f.getCause().getMessage() + ") in a whole reply, its checksum right: the "
                    + "meter's own, not the line's"));
            return "garbled " + String.join("; or ", meaning);
        }

        /**
         * Every quantity got a reply, none of them right. Replies that all came from one other address say the address
         * asked is not the meter's (the line carries whole frames); replies broken in their checksum or framing say the
         * line or its settings are wrong.
         */
        private static String garbledEverywhere(MeterAddress a, String meter, List<FieldReadException> failures,
                String lineSettings) {
            List<MeterAddress> others = failures.stream().map(ReplyFromOtherAddress::of).flatMap(Optional::stream).distinct()
                    .toList();
            if (others.size() == 1 && failures.stream().allMatch(f -> ReplyFromOtherAddress.of(f).isPresent())) {
                return meter + ": every reply came from address " + others.get(0) + ", not " + a + " (garbled): check "
                        + "--address (orderly dlt645 address reads it from a meter alone on the line)";
            }
            if (failures.stream().allMatch(ValueNotBcd::in)) {
                // Whole replies from the meter asked: the line and its settings are right, the values are not.
                return meter + " replied to every quantity in whole replies, their checksums right, but with values that "
                        + "are not BCD digits (" + failures.get(0).getCause().getMessage() + "): the line and its settings "
                        + "are right; the meter writes its values otherwise than DL/T 645 has them (ask its maker)";
            }
            return meter + " replied to every quantity, but garbled (a reply whose checksum, framing or content is wrong): "
                    + "check the wiring (A/B, loose or unshielded wires, termination at the line's two ends), "
                    + lineSettings + ", and that no other meter on the line has address " + a;
        }

        /** The error byte of the first refusal among {@code failures}, spelled out: {@code error byte 04: ...}. */
        private static String firstRefusal(List<FieldReadException> failures) {
            return failures.stream().filter(f -> f.kind() == FailureKind.EXCEPTION_RESPONSE).findFirst().orElseThrow()
                    .getCause().getMessage();
        }
    }
}
