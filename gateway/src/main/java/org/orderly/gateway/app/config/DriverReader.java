package org.orderly.gateway.app.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.field.pile.CoapPileConfig;

/** A pile's {@code driver:}: exactly one of {@code coap} or {@code modbus}. */
final class DriverReader {
    private static final List<String> KEYS = List.of("coap", "modbus");
    private static final List<String> COAP_KEYS = List.of("host", "port", "pskIdentity", "pskKeyFile", "plain", "ttlSeconds",
            "safeAmps");
    private static final List<String> MODBUS_KEYS = List.of("bus", "unit", "map");

    private DriverReader() {
    }

    static PileDriver read(Section pile, String pileId, Refs buses, Map<String, BusConfig.Protocol> protocols, UnitIds units,
            Bridges bridges, DeviceMaps maps, Path base, Problems problems) {
        Section d = pile.section("driver", KEYS, true,
                "say how the pile is driven: driver: {coap: {host, pskIdentity, pskKeyFile}} or driver: {modbus: {bus, unit, map}}");
        if (d == null) {
            return null;
        }
        if (d.has("coap") == d.has("modbus")) {
            if (d.has("coap")) {
                problems.at(d.value("modbus"), d.path() + " has both coap and modbus; a pile is driven one way");
            } else {
                d.missing("coap", "give coap: {host, pskIdentity, pskKeyFile} or modbus: {bus, unit, map}");
            }
            return null;
        }
        return d.has("coap") ? coap(d.section("coap", COAP_KEYS, true, ""), pileId, bridges, base, problems)
                : modbus(d.section("modbus", MODBUS_KEYS, true, ""), pileId, buses, protocols, units, maps, problems);
    }

    private static PileDriver coap(Section c, String pileId, Bridges bridges, Path base, Problems problems) {
        String host = c.text("host", null, "the firmware-bridge's address, e.g. host: 10.20.0.11");
        Boolean plain = c.bool("plain", false);
        Integer port = c.integer("port", "", Boolean.TRUE.equals(plain) ? 5683 : 5684, 1, 65535,
                "CoAP uses 5683, CoAP over DTLS 5684");
        String identity = null;
        String keyFile = null;
        if (Boolean.TRUE.equals(plain)) {
            for (String k : List.of("pskIdentity", "pskKeyFile")) {
                if (c.has(k)) {
                    problems.at(c.value(k), "'" + k + "' in " + c.path() + " has no effect with plain: true; remove one of them");
                }
            }
        } else if (plain != null) {
            identity = c.text("pskIdentity", null, "DTLS needs the identity of the pile's pre-shared key, or plain: true for a lab");
            keyFile = c.text("pskKeyFile", null, "DTLS needs the file holding the pile's pre-shared key, or plain: true for a lab");
            if (keyFile != null && ConfigFiles.secret(c, "pskKeyFile", base, true, problems) == null) {
                keyFile = null;
            }
        }
        Integer ttl = c.integer("ttlSeconds", "s", 30, 5, 3600,
                "how long a limit holds before the pile falls back to its safe current, e.g. 30");
        Double safe = c.number("safeAmps", "A", CoapPileConfig.DEFAULT_SAFE_AMPS, 0, 80,
                "the bridge's --safe-amps, what it offers once a lease lapses (0 or within the pile's range), e.g. 6");
        if (host != null && port != null && plain != null
                && !bridges.take(host, port, c.node(), pileId == null ? c.path() : "pile '" + pileId + "'", problems)) {
            host = null;
        }
        if (host == null || plain == null || port == null || ttl == null || safe == null
                || (!plain && (identity == null || keyFile == null))) {
            return null;
        }
        return new PileDriver.Coap(host, port, identity, keyFile, plain, ttl, safe);
    }

    private static PileDriver modbus(Section m, String pileId, Refs buses, Map<String, BusConfig.Protocol> protocols, UnitIds units,
            DeviceMaps maps, Problems problems) {
        String bus = m.text("bus", null, "the name of a bus under buses:");
        Integer unit = m.integer("unit", "", null, 1, 247, "the pile's Modbus unit id, 1..247");
        String map = m.text("map", null, "the name of the pile's register map in the devices directory");
        buses.require(bus, m.value("bus"), "pile '" + pileId + "'", problems);
        if (bus != null && protocols.get(bus) == BusConfig.Protocol.DLT645) {
            problems.at(m.value("bus"), "pile '" + pileId + "' is driven over Modbus on bus '" + bus + "', which speaks DL/T 645; "
                    + "put it on a Modbus bus");
            bus = null;
        }
        if (bus != null && unit != null && !units.take(bus, unit, m.value("unit"), "pile '" + pileId + "'", problems)) {
            unit = null;
        }
        if (map != null && !maps.has(map)) {
            problems.at(m.value("map"), maps.unknown(map));
            return null;
        }
        if (map != null && !maps.checkPileMap(map, m.value("map"), problems)) {
            return null;
        }
        return bus == null || unit == null || map == null ? null : new PileDriver.Modbus(bus, unit, map);
    }
}
