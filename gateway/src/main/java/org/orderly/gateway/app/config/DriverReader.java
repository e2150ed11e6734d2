package org.orderly.gateway.app.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.field.pile.CoapPileConfig;
import org.orderly.gateway.field.pile.LeaseTiming;
import org.orderly.gateway.field.pile.PileMap;
import org.orderly.serial.UnitAddress;

/** A pile's {@code driver:}: exactly one of {@code coap} or {@code modbus}. */
final class DriverReader {
    private static final List<String> KEYS = List.of("coap", "modbus");
    /** What to do about a pile's key file that is not there: it is the bridge's key, so it is copied, not made up. */
    static final String PSK_KEY_FILE_MISSING = "create it holding the key the pile's firmware-bridge has (the text of"
            + " its --psk-key-file), mode 600 (docs/firmware-bridge.md, \"DTLS with a pre-shared key\")";
    private static final List<String> COAP_KEYS = List.of("host", "port", "pskIdentity", "pskKeyFile", "plain", "ttlSeconds",
            "safeAmps");
    private static final List<String> MODBUS_KEYS = List.of("bus", "unit", "map", "safeAmps", "keepsLastLimit");
    private static final String ACCEPTED = "accepted";

    private DriverReader() {
    }

    static PileDriver read(Section pile, String pileId, Refs buses, Map<String, BusConfig> busConfigs, UnitIds units,
            Bridges bridges, DeviceMaps maps, Path base, Problems problems, Problems warnings) {
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
        return d.has("coap") ? coap(d.section("coap", COAP_KEYS, true, ""), pileId, bridges, base, problems, warnings)
                : modbus(d.section("modbus", MODBUS_KEYS, true, ""), pileId, buses, busConfigs, units, maps, problems, warnings);
    }

    private static PileDriver coap(Section c, String pileId, Bridges bridges, Path base, Problems problems,
                                   Problems warnings) {
        String host = c.host("host", "the firmware-bridge's address, e.g. host: 10.20.0.11");
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
            if (keyFile != null && ConfigFiles.secret(c, "pskKeyFile", base, true, PSK_KEY_FILE_MISSING, problems,
                    warnings) == null) {
                keyFile = null;
            }
        }
        Integer ttl = c.integer("ttlSeconds", "s", PileDriver.Coap.DEFAULT_TTL_SECONDS, 5, 3600,
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

    private static PileDriver modbus(Section m, String pileId, Refs buses, Map<String, BusConfig> busConfigs, UnitIds units,
            DeviceMaps maps, Problems problems, Problems warnings) {
        String bus = m.text("bus", null, "the name of a bus under buses:");
        Integer unit = m.integer("unit", "", null, UnitAddress.LOWEST, UnitAddress.HIGHEST,
                "the pile's Modbus unit id, " + UnitAddress.RANGE);
        String map = m.text("map", null, "the name of the pile's register map in the devices directory");
        buses.require(bus, m.value("bus"), "pile '" + pileId + "'", problems);
        BusConfig onBus = bus == null ? null : busConfigs.get(bus);
        if (onBus != null && onBus.protocol() == BusConfig.Protocol.DLT645) {
            problems.at(m.value("bus"), "pile '" + pileId + "' is driven over Modbus on bus '" + bus + "', which speaks DL/T 645; "
                    + "put it on a Modbus bus");
            bus = null;
        }
        m.explainUnknown("timeoutMs", "unknown key 'timeoutMs' in " + m.path() + ": pile '" + pileId + "' has no timeout of "
                + "its own, its requests wait as long as the timing.timeoutMs of its bus" + (bus == null ? "" : " '" + bus + "'")
                + " says, as the meters' on it do; remove it here and set it on the bus");
        if (bus != null && onBus != null && !leaseKeptWithin(onBus.timeoutMs())) {
            problems.at(m.value("bus"), "pile '" + pileId + "' on bus '" + bus + "': the bus's timing.timeoutMs "
                    + onBus.timeoutMs() + " is too long for the pile's lease of " + LeaseTiming.defaults().ttlSeconds()
                    + " s, renewed every " + LeaseTiming.defaults().refreshEvery().toMillis() + " ms, each renewal waiting "
                    + "up to the timeout for its answer; give the bus a timeoutMs of at most "
                    + BusTimeouts.mostWithModbusPiles());
            bus = null;
        }
        if (bus != null && unit != null && !units.take(bus, unit, m.value("unit"), "pile '" + pileId + "'", problems)) {
            unit = null;
        }
        if (map != null && !maps.has(map)) {
            problems.at(m.value("map"), maps.unknown(map));
            return null;
        }
        PileMap pileMap = map == null ? null : maps.checkPileMap(map, m.value("map"), problems);
        if (pileMap == null) {
            return null;
        }
        PileDriver.Lapse lapse = lapse(m, pileId, map, pileMap, problems, warnings);
        Double safe = safeAmps(m, map, pileMap, problems);
        return bus == null || unit == null || lapse == null || safe == null ? null
                : new PileDriver.Modbus(bus, unit, map, safe, lapse);
    }

    /** Whether a Modbus pile's lease is renewed in time when each request may take {@code timeoutMs} (its bus's). */
    private static boolean leaseKeptWithin(int timeoutMs) {
        return timeoutMs <= BusTimeouts.mostWithModbusPiles();
    }

    /**
     * What the pile does once a lease lapses, as its map says. Every limit is a lease: a map without a watchdog register
     * makes a limit that holds for ever, refused unless the configuration accepts it in so many words.
     */
    private static PileDriver.Lapse lapse(Section m, String pileId, String map, PileMap pileMap, Problems problems,
            Problems warnings) {
        boolean watchdog = pileMap.watchdog().isPresent();
        if (m.has("keepsLastLimit")) {
            String given = m.text("keepsLastLimit", null, "");
            if (!ACCEPTED.equals(given)) {
                problems.at(m.value("keepsLastLimit"), "'keepsLastLimit' in " + m.path() + " must be '" + ACCEPTED + "', was '"
                        + given + "'; write keepsLastLimit: accepted to accept that the pile keeps its last limit while the "
                        + "gateway is stopped, or leave it out");
                return null;
            }
            if (watchdog) {
                problems.at(m.value("keepsLastLimit"), "'keepsLastLimit' in " + m.path() + " has no effect: map '" + map
                        + "' has a watchdog register, so the pile falls back on its own; remove it");
                return null;
            }
            return PileDriver.Lapse.KEEPS_LAST_LIMIT;
        }
        if (!watchdog) {
            problems.at(m.value("map"), "pile '" + pileId + "': map '" + map + "' has no watchdog register, so its limit is "
                    + "no lease: with the gateway stopped the pile keeps its last limit for ever instead of falling back to "
                    + "a safe current; choose a pile and map with a watchdog register or drive it through a firmware-bridge, "
                    + "or accept it knowingly with keepsLastLimit: accepted in its driver.modbus");
            return null;
        }
        if (pileMap.fallback().isPresent()) {
            return PileDriver.Lapse.SAFE_AMPS;
        }
        warnings.at(m.value("map"), "pile '" + pileId + "': map '" + map + "' has no fallback register, so once a lease "
                + "lapses the pile falls back to a current of its own setting, not to a safe current the gateway writes; "
                + "set that current on the pile to what its circuit carries with the others, or choose a map with a "
                + "fallback register");
        return PileDriver.Lapse.OWN_CURRENT;
    }

    /** The current written to the map's fallback register; one given for a map without that register is a mistake. */
    private static Double safeAmps(Section m, String map, PileMap pileMap, Problems problems) {
        if (m.has("safeAmps") && pileMap.fallback().isEmpty()) {
            problems.at(m.value("safeAmps"), "'safeAmps' in " + m.path() + " has no effect: map '" + map + "' has no "
                    + "fallback register to write it to; remove it, and set the pile's own fallback current on the pile");
            return null;
        }
        return m.number("safeAmps", "A", PileDriver.DEFAULT_SAFE_AMPS, 0, 80,
                "written to the pile's fallback register, what it offers once a lease lapses, e.g. 6");
    }
}
