package org.orderly.gateway.app.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.field.dlt645.DataId;
import org.orderly.gateway.field.dlt645.Dlt645Version;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterPoint;
import org.orderly.serial.UnitAddress;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code meters:}: the transformer meter and, optionally, one meter per pile. A meter on a Modbus bus has
 * {@code unit} and {@code map}; one on a DL/T 645 bus has {@code dlt645: {address, quantities}} instead.
 */
final class MetersReader {
    static final List<String> KEYS = List.of("transformer", "piles");
    private static final List<String> TRANSFORMER_KEYS = List.of("bus", "unit", "map", "dlt645");
    private static final List<String> PILE_KEYS = List.of("pile", "bus", "unit", "map", "dlt645");
    private static final List<String> DLT645_KEYS = List.of("address", "quantities", "ctRatio", "version", "blockReads");

    private final Problems problems;
    private final Problems warnings;
    private final Refs buses;
    private final UnitIds units;
    private final Refs piles;
    private final DeviceMaps maps;
    private final Map<String, Node> addresses = new HashMap<>();
    /**
     * The piles that have a meter: a pile meter has no id of its own, so a second meter of one pile is said as that
     * (until 2026-12-04 {@code duplicate pile meter for pile id 'p1' ...; ids must be unique}).
     */
    private final Refs pileMetered = new Refs("pile meter for pile", (pile, firstLine, line) -> "pile '" + pile
            + "' has two meters in meters.piles: lines " + firstLine + " and " + line + "; give each pile one");
    MeterConfig transformer;
    /** What the transformer meter reads, and where the installer would change that (its map, its quantities). */
    List<String> transformerReads = List.of();
    Node transformerReadsAt;
    /** The transformer meter's Modbus map, and where its bus is named: what a cycle's room is reckoned from. */
    RegisterMap transformerMap;
    Node transformerBusAt;
    final List<MeterConfig> pileMeters = new ArrayList<>();
    /** Each Modbus pile meter's map, and where its bus is named, by the meter's id: what its bus's round is reckoned from. */
    final Map<String, RegisterMap> pileMeterMaps = new HashMap<>();
    final Map<String, Node> pileMeterBusAt = new HashMap<>();

    private final Map<String, BusConfig.Protocol> protocols = new HashMap<>();
    private final Map<String, Phase> phases = new HashMap<>();

    MetersReader(Problems problems, Problems warnings, Refs buses, UnitIds units, Refs piles, DeviceMaps maps) {
        this.problems = problems;
        this.warnings = warnings;
        this.buses = buses;
        this.units = units;
        this.piles = piles;
        this.maps = maps;
    }

    /** The buses read so far, so a meter's protocol can be checked against its bus's. */
    MetersReader protocols(List<BusConfig> busList) {
        // A name given twice is the first bus's, as CompoundReader takes it: the duplicate is refused at the second, and
        // a meter written for the first must not be judged by the second's protocol.
        busList.forEach(b -> protocols.putIfAbsent(b.name(), b.protocol()));
        return this;
    }

    /** The piles read so far, so a three-phase pile's meter can be held to measure three phases. */
    MetersReader phases(List<PileConfig> pileList) {
        pileList.forEach(p -> phases.putIfAbsent(p.pile().id(), p.pile().phase()));
        return this;
    }

    void read(Section m) {
        Section t = m.section("transformer", TRANSFORMER_KEYS, true,
                "the transformer meter is required: transformer: {bus, unit, map}; without it the gateway can only run conservative");
        if (t != null) {
            transformer = meter(t, "transformer", null);
        }
        List<Node> items = m.list("piles", false, "");
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                Section p = Section.of(items.get(i), "meters.piles[" + i + "]", PILE_KEYS, problems);
                String pile = p.text("pile", null, "the id of the pile this meter measures");
                if (pile != null) {
                    piles.require(pile, p.value("pile"), p.path(), problems);
                    pileMetered.declare(pile, p.value("pile"), problems);
                }
                MeterConfig meter = meter(p, "pile-" + pile, pile);
                if (meter != null && pile != null) {
                    pileMeters.add(meter);
                }
            }
        }
    }

    private MeterConfig meter(Section s, String id, String pile) {
        String bus = s.text("bus", null, "the name of a bus under buses:");
        buses.require(bus, s.value("bus"), s.path(), problems);
        BusConfig.Protocol protocol = bus == null ? null : protocols.get(bus);
        if (s.has("dlt645") || protocol == BusConfig.Protocol.DLT645) {
            return dlt645Meter(s, id, pile, bus, protocol);
        }
        Integer unit = s.integer("unit", "", null, UnitAddress.LOWEST, UnitAddress.HIGHEST,
                "the meter's Modbus unit (slave) id, " + UnitAddress.RANGE + "; 0 is broadcast");
        String map = s.text("map", null, "a register map in the devices directory, e.g. chint-dtsu666");
        if (map != null && !maps.has(map)) {
            problems.at(s.value("map"), maps.unknown(map));
            map = null;
        } else if (map != null) {
            String threePhasePile = pile != null && phases.get(pile) == Phase.ABC ? pile : null;
            RegisterMap loaded = maps.checkMeterMap(map, s.value("map"), pile == null, threePhasePile, problems, warnings);
            if (loaded == null) {
                map = null;
            } else if (pile == null) {
                transformerReads = loaded.points().stream().map(RegisterPoint::quantity).toList();
                transformerReadsAt = s.value("map");
                transformerMap = loaded;
                transformerBusAt = s.value("bus");
            } else {
                pileMeterMaps.put(id, loaded);
                pileMeterBusAt.put(id, s.value("bus"));
            }
        }
        String who = pile == null ? "the transformer meter" : "the meter of pile '" + pile + "'";
        if (bus != null && unit != null && !units.take(bus, unit, s.value("unit"), who, problems)) {
            unit = null;
        }
        return bus == null || unit == null || map == null ? null : new MeterConfig(id, pile, bus, unit, map);
    }

    private MeterConfig dlt645Meter(Section s, String id, String pile, String bus, BusConfig.Protocol protocol) {
        for (String k : List.of("unit", "map")) {
            if (s.has(k)) {
                problems.at(s.value(k), "'" + k + "' in " + s.path() + " is for Modbus meters; a DL/T 645 meter is found by "
                        + "dlt645: {address}: remove '" + k + "'");
            }
        }
        if (protocol == BusConfig.Protocol.MODBUS) {
            problems.at(s.value("dlt645"), s.path() + " is a DL/T 645 meter on bus '" + bus + "', which speaks Modbus; "
                    + "put it on a bus with protocol: dlt645");
        }
        Section d = s.section("dlt645", DLT645_KEYS, true,
                "give dlt645: {address: \"000000123456\"}, the 12 digits on the meter's nameplate");
        if (d == null) {
            return null;
        }
        String address = d.text("address", null, "the meter's 12-digit address from its nameplate, in quotes, e.g. \"000000123456\"");
        if (address != null && !address.matches("[0-9]{1,12}")) {
            problems.at(d.value("address"), "'address' in " + d.path() + " must be up to 12 decimal digits, was '" + address
                    + "'; it is printed on the meter; 'orderly dlt645 address' reads it from a meter alone on the line");
            address = null;
        }
        if (address != null) {
            address = "0".repeat(12 - address.length()) + address;
            if (bus != null) {
                Node first = addresses.putIfAbsent(bus + "#645#" + address, d.value("address"));
                if (first != null) {
                    problems.at(d.value("address"), "address " + address + " on bus '" + bus + "' is already used at line "
                            + (first.getStartMark().getLine() + 1) + "; each meter has its own address");
                    address = null;
                }
            }
        }
        Dlt645Version version = Dlt645Versions.read(d, problems);
        List<String> quantities = new ArrayList<>();
        List<Node> items = d.list("quantities", false, "");
        boolean ok = version != null;
        if (items != null && version != null) {
            List<String> known = DataId.all(version).stream().map(DataId::quantity).toList();
            for (Node n : items) {
                String q = n instanceof org.yaml.snakeyaml.nodes.ScalarNode sc ? sc.getValue() : "";
                if (!known.contains(q)) {
                    problems.at(n, Dlt645Versions.unknownQuantity(q, d.path(), version, known));
                    ok = false;
                } else {
                    quantities.add(q);
                }
            }
            if (pile == null && ok && !quantities.contains("power.total.kw")) {
                problems.at(d.value("quantities"), "the transformer meter's quantities must include power.total.kw; "
                        + "the control loop reads it every cycle");
                ok = false;
            }
        }
        Double ct = d.number("ctRatio", "", 1.0, 1, 10_000, "the current transformer's ratio, e.g. 200 for 1000/5 A; "
                + "a DL/T 645 meter reports secondary values (at most 79.9999 kW), so a CT-connected meter needs it");
        Boolean blocks = d.bool("blockReads", false, "true reads the meter's voltages, currents and powers a group in "
                + "one exchange where it can (docs/dlt645.md, \"Block reads\"), false one quantity at a time");
        if (Boolean.TRUE.equals(blocks) && version == Dlt645Version.V1997) {
            problems.at(d.value("blockReads"), "'blockReads' in " + d.path() + " is for DL/T 645-2007 meters; this one "
                    + "speaks 1997, whose blocks (B61F ...) are not read: remove it");
            blocks = null;
        }
        if (bus == null || address == null || !ok || ct == null || blocks == null) {
            return null;
        }
        MeterConfig.Dlt645 dlt645 = new MeterConfig.Dlt645(address, quantities, ct, version, blocks);
        if (pile == null) {
            transformerReads = TransformerLines.dlt645Reads(dlt645);
            transformerReadsAt = items != null ? d.value("quantities") : s.value("dlt645");
        }
        return new MeterConfig(id, pile, bus, 0, null, dlt645);
    }
}
