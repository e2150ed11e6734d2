package org.orderly.tools.commission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.orderly.testkit.LoopbackPorts;

/**
 * The smallest configuration selftest reads: plain CoAP piles p1, p2, ... on phases A, B, C in turn, and a transformer
 * meter on a bus that gives up after 100 ms (a port where nothing listens, for tests about piles).
 */
final class SelftestYaml {
    private SelftestYaml() {
    }

    /**
     * Writes {@code dir/orderly.yaml}: one pile p1 over DTLS at {@code pilePort} as identity gateway-p1 with its key in
     * {@code p1.psk} (the caller writes it), the meter's bus on {@code meterPort}, the store in {@code orderly.db}.
     */
    static Path dtlsPile(Path dir, int pilePort, int meterPort) throws IOException {
        return dtlsPile(dir, "127.0.0.1", pilePort, meterPort);
    }

    /** As above, the bridge at {@code host}. */
    static Path dtlsPile(Path dir, String host, int pilePort, int meterPort) throws IOException {
        return Files.writeString(dir.resolve("orderly.yaml"), """
                gatewayId: g
                compound:
                  transformer: { limitKw: 100, phaseVoltageV: 230 }
                  piles:
                    - { id: p1, phase: A, maxA: 32, driver: { coap: { host: %s, port: %d, pskIdentity: gateway-p1, pskKeyFile: p1.psk } } }
                meters:
                  transformer: { bus: b, unit: 1, map: chint-dtsu666 }
                buses:
                  - { name: b, tcp: { host: 127.0.0.1, port: %d }, timing: { timeoutMs: 100, retries: 0 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                store: { path: orderly.db }
                """.formatted(host, pilePort, meterPort));
    }

    /**
     * Writes {@code dir/orderly.yaml}: gateway rig, plain pile p1 and the transformer meter's bus room on free ports where
     * nothing listens (their rows fail), the store in {@code data/orderly.db}, then {@code more} (an upstream section).
     */
    static Path answeringNowhere(Path dir, String more) throws IOException {
        return pileAt(dir, LoopbackPorts.free(), more);
    }

    /**
     * As {@link #answeringNowhere}, but plain pile p1 at {@code pilePort} (a bridge there answers; the meter's row still
     * fails).
     */
    static Path pileAt(Path dir, int pilePort, String more) throws IOException {
        write(dir, "rig", "    - { id: p1, phase: A, maxA: 32, driver: { coap: { host: 127.0.0.1, port: "
                + pilePort + ", plain: true } } }\n", "- { name: room, tcp: { host: 127.0.0.1, "
                + "port: " + LoopbackPorts.free() + " }, timing: { timeoutMs: 100, retries: 0 } }");
        Path config = dir.resolve("orderly.yaml");
        return Files.writeString(config, Files.readString(config) + "store: { path: data/orderly.db }\n" + more);
    }

    /**
     * selftest's standard output without its broker line, which comes first, once the broker has answered: the table's
     * header at 0, its rows from 1.
     */
    static List<String> table(String out) {
        return out.lines().filter(l -> !l.startsWith("upstream")).toList();
    }

    /** Writes {@code dir/orderly.yaml}: the meter's bus on {@code meterPort}, a pile on each of {@code pilePorts}. */
    static Path plainPiles(Path dir, int meterPort, int... pilePorts) throws IOException {
        StringBuilder piles = new StringBuilder();
        for (int i = 0; i < pilePorts.length; i++) {
            piles.append("    - { id: p").append(i + 1).append(", phase: ").append("ABC".charAt(i % 3))
                    .append(", maxA: 32, driver: { coap: { host: 127.0.0.1, port: ").append(pilePorts[i])
                    .append(", plain: true } } }\n");
        }
        return write(dir, "g", piles, "- { name: b, tcp: { host: 127.0.0.1, port: " + meterPort
                + " }, timing: { timeoutMs: 100, retries: 0 } }");
    }

    /**
     * Writes {@code dir/orderly.yaml}: Modbus piles, one {@code pileLines} entry each ({@code - { id: p1, ... }}), and
     * the transformer meter at unit 1, all on bus room at {@code port} on loopback.
     */
    static Path modbusPiles(Path dir, int port, String... pileLines) throws IOException {
        StringBuilder piles = new StringBuilder();
        for (String line : pileLines) {
            piles.append("    ").append(line).append('\n');
        }
        return write(dir, "rig", piles, "- { name: room, tcp: { host: 127.0.0.1, port: " + port + " } }");
    }

    /** {@code config}, written by this class, with a pile meter ({@code - { pile: p1, bus: ... }}) under its meters. */
    static Path withPileMeter(Path config, String meterLine) throws IOException {
        String text = Files.readString(config);
        String transformer = text.lines().filter(l -> l.startsWith("  transformer: { bus: ")).findFirst().orElseThrow() + "\n";
        return Files.writeString(config, text.replace(transformer, transformer + "  piles:\n    " + meterLine + "\n"));
    }

    /**
     * A devices directory in {@code dir}: the shipped chint-dtsu666 and, under {@code piles/}, each pile map named in
     * {@code pileMaps} with the shipped generic pile's text changed as its function says.
     */
    static Path devicesWithPileMaps(Path dir, Path shipped, java.util.Map<String, java.util.function.UnaryOperator<String>> pileMaps)
            throws IOException {
        Path devices = dir.resolve("devices");
        Files.createDirectories(devices.resolve("piles"));
        Files.copy(shipped.resolve("chint-dtsu666.yaml"), devices.resolve("chint-dtsu666.yaml"));
        String template = Files.readString(shipped.resolve("piles/generic-pile.yaml"));
        for (var e : pileMaps.entrySet()) {
            Files.writeString(devices.resolve("piles/" + e.getKey() + ".yaml"), e.getValue().apply(template));
        }
        return devices;
    }

    /**
     * Writes {@code dir/orderly.yaml}: plain pile p1 at {@code pilePort}, the DL/T 645 transformer meter at
     * {@code transformerAddress} on {@code bus} ({@code - { name: room-645, protocol: dlt645, ... }}); a pile meter is
     * added by {@link #withPileMeter}.
     */
    static Path dlt645(Path dir, int pilePort, String bus, String transformerAddress) throws IOException {
        return write(dir, "rig", "    - { id: p1, phase: A, maxA: 32, driver: { coap: { host: 127.0.0.1, port: " + pilePort
                + ", plain: true } } }\n", "dlt645: { address: \"" + transformerAddress + "\" }", bus);
    }

    /** {@code dir/orderly.yaml} with these piles and one bus, its first {@code name} the transformer meter's (unit 1). */
    private static Path write(Path dir, String gatewayId, CharSequence piles, String bus) throws IOException {
        return write(dir, gatewayId, piles, "unit: 1, map: chint-dtsu666", bus);
    }

    /** As above, the transformer meter on the bus as {@code meter} says ({@code unit: 1, map: ...} or {@code dlt645: ...}). */
    private static Path write(Path dir, String gatewayId, CharSequence piles, String meter, String bus) throws IOException {
        String busName = bus.replaceFirst("^- \\{ name: ([^,]+),.*$", "$1");
        return Files.writeString(dir.resolve("orderly.yaml"), """
                gatewayId: %s
                compound:
                  transformer: { limitKw: 100, phaseVoltageV: 230 }
                  piles:
                %smeters:
                  transformer: { bus: %s, %s }
                buses:
                  %s
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                """.formatted(gatewayId, piles, busName, meter, bus));
    }
}
