package org.orderly.tools.commission;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.gateway.field.modbus.ModbusLink;
import org.orderly.gateway.field.modbus.RegisterDecoder;
import org.orderly.gateway.app.config.MapDirs;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.gateway.field.modbus.RegisterPoint;
import org.orderly.gateway.field.modbus.ReplyCut;

/**
 * Recognises a meter model by reading, at each shipped map's addresses, the quantities whose values are known
 * in advance on any live low-voltage supply: phase voltages (90..300 V phase-to-neutral) and frequency
 * (45..65 Hz). A map matches when every such probe reads and is plausible; among matches the map with the most
 * probes wins (an SDM120's probes are a subset of an SDM630's; a single-phase meter fails the three-phase map's
 * phase B voltage). Meters whose documented identification register we do not know are told apart only this way.
 */
final class MeterModels {
    private final Map<String, RegisterMap> maps;
    /**
     * The first request to each unit, which tells an absent unit from one that answers: the first probe of the first
     * map that has any. A map without probes (an installer's own, of a meter with no voltage or frequency register) is
     * no model to recognise, and is passed over.
     */
    private final RegisterPoint first;

    /** The first request to each unit. */
    RegisterPoint first() {
        return first;
    }

    MeterModels(Map<String, RegisterMap> maps) {
        // In name order, so a scan probes the models in the same order every run (Map.copyOf's order is random).
        this.maps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(maps));
        this.first = this.maps.values().stream().flatMap(m -> probes(m).stream()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no meter map there has a voltage or frequency register "
                        + "to recognise a meter by (the maps: " + (maps.isEmpty() ? "none" : String.join(", ", maps.keySet())) + ")"));
    }

    /**
     * Every meter map of {@code devices}, the installer's own in place of a shipped one of the same name (not the pile
     * maps under piles/, not the generic template); bad input when none of them can recognise a meter.
     */
    static MeterModels load(MapDirs devices) throws IOException {
        try {
            return new MeterModels(loadMaps(devices));
        } catch (IllegalArgumentException none) {
            throw new IllegalArgumentException(devices.where() + ": " + none.getMessage() + "; give --devices DIR "
                    + "with meter maps of your own", none);
        }
    }

    private static Map<String, RegisterMap> loadMaps(MapDirs devices) throws IOException {
        Map<String, RegisterMap> maps = new LinkedHashMap<>();
        for (String name : devices.names()) {
            if (name.contains("/") || name.startsWith("generic")) {
                continue;
            }
            Path f = devices.file(name);
            try {
                maps.put(name, RegisterMapLoader.load(f));
            } catch (RegisterMapException e) {
                throw new IOException("register map " + f + " is broken: " + e.problems().get(0), e);
            }
        }
        return maps;
    }

    Map<String, RegisterMap> maps() {
        return maps;
    }

    /** A model that fits, with the probe values read. */
    record Match(String map, String model, Map<String, Double> probes) {
    }

    /** What a unit id answered. */
    sealed interface Probe {
        /** Nothing answered within the timeout. */
        record Absent() implements Probe {
        }

        /** The line itself cannot be used (port missing or busy, connection refused). */
        record Unreachable(String message) implements Probe {
        }

        /**
         * Its first request was answered with garbled frames: on a serial line a wrong baud rate or parity, or two
         * devices with this unit id (the unit is probed further), or, asked twice, a whole reply of another unit ({@link
         * FieldReadException#anotherUnit}, since rtu62 of 2026-12-07); over TCP, something else than Modbus TCP at that
         * port, or, asked twice, a whole reply of another unit.
         */
        record Garbled(FieldReadException error) implements Probe {
        }

        /**
         * Something answered; {@code best} are the best-fitting models (empty: answers, but no known model fits),
         * {@code note} what else there is to say of it, or "" (the caller says what to do with a unit no map fits), and
         * {@code slow}, or "", that its first request was cut at its deadline while it replied ({@link #tooSlow}).
         */
        record Present(List<Match> best, String note, String slow) implements Probe {
        }
    }

    /**
     * Over TCP ({@code tcp}) a garbled first answer is {@link Probe.Garbled}, not a unit to probe further. The first
     * request waits up to {@code absent}, what an absent unit costs; once the unit has answered, its model probes wait
     * up to {@code answered}: a meter that is there and slow (or a loaded computer) would otherwise be listed as
     * fitting no map. The link's own timeout must be at least the longer of them.
     */
    Probe identify(ModbusLink link, int unit, boolean tcp, Duration absent, Duration answered) throws InterruptedException {
        String note = "";
        String slow = "";
        try {
            askFirst(link, unit, tcp, absent);
        } catch (FieldReadException e) {
            if (e.kind() == FailureKind.CONNECTION) {
                return new Probe.Unreachable(e.getMessage());
            }
            if (e.kind() == FailureKind.TIMEOUT && e.cutWhileReplying()) {
                // It began to reply, too slowly for the wait: a unit that is there, probed further with the longer wait
                // of one that answered (until 2026-12-07 it was listed as absent, and the rest of its reply, read by the
                // next unit's request, had that one said garbled: a wrong baud rate)
                slow = tooSlow(e.replyCut().get(), absent, answered);
            } else if (e.kind() == FailureKind.TIMEOUT) {
                return new Probe.Absent();
            }
            if (e.kind() == FailureKind.BUSY) {
                // Asked again already (BusyRetry): its answers to the probes would be busy too, not a map that misfits.
                return new Probe.Present(List.of(), "answers busy (exception 06, server device busy) on every try: ask again "
                        + "in a while, or read it with --map", "");
            }
            if (e.kind() == FailureKind.GARBLED && (tcp || e.anotherUnit().isPresent())) {
                // on a serial line a whole reply of another unit, asked again (askFirst): not this unit's garble
                return new Probe.Garbled(e);
            }
            if (e.kind() == FailureKind.GARBLED) {
                note = "garbled replies: wrong baud rate or parity, or two devices with this unit id";
            }
        }
        List<Match> matches = new ArrayList<>();
        for (Map.Entry<String, RegisterMap> e : maps.entrySet()) {
            Map<String, Double> values;
            try {
                values = readProbes(link, unit, e.getValue(), answered);
            } catch (FieldReadException lineLost) {
                // The unit had answered; a line lost during its probes says nothing of its map, only of the line.
                return new Probe.Unreachable(lineLost.getMessage());
            }
            if (values != null) {
                matches.add(new Match(e.getKey(), e.getValue().model(), values));
            }
        }
        List<Match> best = best(matches);
        if (best.isEmpty() && note.isEmpty() && slow.isEmpty()) {
            note = WordsSwapped.fit(link, unit, maps, answered);
        }
        return new Probe.Present(best, note, slow);
    }

    /**
     * The first request to {@code unit}; on a serial line a garbled answer is asked again once, and the second answer
     * counts: a whole reply of another unit, come late down the line during this unit's exchange (a slow meter asked
     * before), is refused as garbled, and made a unit that is not there be listed as answering garbled (until
     * 2026-12-07: {@code LateReplyOfAnotherUnitScanTest}). A unit that does answer garbled (a wrong baud rate) does so
     * again. Over TCP only a reply of another unit is asked again (a TCP-to-RS-485 gateway passing on a late reply of its
     * line); other junk is the server's ({@link Probe.Garbled}).
     */
    private void askFirst(ModbusLink link, int unit, boolean tcp, Duration absent) throws FieldReadException, InterruptedException {
        try {
            link.read(unit, first.function(), first.address(), first.type().words(), absent);
        } catch (FieldReadException e) {
            if (tcp ? e.anotherUnit().isEmpty() : e.kind() != FailureKind.GARBLED) {
                throw e;
            }
            link.read(unit, first.function(), first.address(), first.type().words(), absent);
        }
    }

    /**
     * What a unit whose first request was cut at its deadline while it replied is said to do, with the figures: {@code
     * began to reply, but too slowly: no whole reply within 418 ms (--timeout-ms 300, each byte within it: a reply
     * sent a byte at a time?); its model probes were given --answered-timeout-ms 1000}.
     */
    static String tooSlow(ReplyCut cut, Duration absent, Duration answered) {
        return "began to reply, but too slowly: no whole reply within " + cut.deadline().toMillis() + " ms (--timeout-ms "
                + absent.toMillis() + ", each byte within it: a reply sent a byte at a time?); its model probes were given "
                + "--answered-timeout-ms " + answered.toMillis();
    }

    /** The matches with the most probes, in map name order. */
    static List<Match> best(List<Match> matches) {
        int most = matches.stream().mapToInt(m -> m.probes().size()).max().orElse(0);
        return matches.stream().filter(m -> m.probes().size() == most).sorted(Comparator.comparing(Match::map)).toList();
    }

    /** The probe values, or null when one is missing or implausible; throws only when the line itself is lost. */
    private static Map<String, Double> readProbes(ModbusLink link, int unit, RegisterMap map, Duration answered)
            throws InterruptedException, FieldReadException {
        return readProbes(link, unit, probes(map), answered);
    }

    /** {@code probes}' values, or null when one is missing or implausible; throws only when the line itself is lost. */
    static Map<String, Double> readProbes(ModbusLink link, int unit, List<RegisterPoint> probes, Duration answered)
            throws InterruptedException, FieldReadException {
        Map<String, Double> values = new LinkedHashMap<>();
        if (probes.isEmpty()) {
            return null;
        }
        for (RegisterPoint p : probes) {
            double v;
            try {
                v = RegisterDecoder.decode(link.read(unit, p.function(), p.address(), p.type().words(), answered), 0, p);
            } catch (FieldReadException e) {
                if (e.kind() == FailureKind.CONNECTION) {
                    throw e;
                }
                return null;
            }
            if (!plausible(p.quantity(), v)) {
                return null;
            }
            values.put(p.quantity(), v);
        }
        return values;
    }

    /** The most model probes a unit that answered is asked: every map's, each map's until one does not fit. */
    int mostProbes() {
        return maps.values().stream().mapToInt(m -> probes(m).size()).sum();
    }

    static List<RegisterPoint> probes(RegisterMap map) {
        return map.points().stream().filter(p -> p.quantity().startsWith("voltage.") || p.quantity().equals("frequency.hz")).toList();
    }

    static boolean plausible(String quantity, double v) {
        return SupplyRange.of(quantity).map(r -> r.holds(v)).orElse(true);
    }
}
