package org.orderly.gateway.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.TimeoutBound;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code buses:}, a list of meter buses, each TCP or serial, with optional timing. {@code protocol: dlt645} makes a
 * bus a DL/T 645 line, whose defaults are the standard's: 2400 baud, even parity, and a 1000 ms timeout (a meter may
 * wait up to 500 ms before it answers); on tcp it is reached through a transparent RS-485-to-Ethernet converter, whose
 * port is given (the converter's own settings are the line's baud rate and parity); on a serial port its gap is at
 * least two bytes' time at its baud rate ({@link DripGapFloor}).
 */
final class BusesReader {
    private static final List<String> BUS_KEYS = List.of("name", "tcp", "serial", "timing", "protocol");
    private static final List<String> TCP_KEYS = List.of("host", "port");
    private static final List<String> SERIAL_KEYS = List.of("port", "baud", "parity", "dataBits", "stopBits");
    private static final List<String> TIMING_KEYS = List.of("gapMs", "timeoutMs", "retries");
    private static final Set<Integer> BAUDS = Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200);

    private BusesReader() {
    }

    static List<BusConfig> read(List<Node> items, Refs buses, Problems problems) {
        List<BusConfig> out = new ArrayList<>();
        java.util.Map<String, Node> ports = new java.util.HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Section b = Section.of(items.get(i), "buses[" + i + "]", BUS_KEYS, problems);
            String name = b.text("name", null, "give the bus a name the meters refer to, e.g. name: room");
            if (name != null) {
                buses.declare(name, b.value("name"), problems);
            }
            BusConfig.Protocol protocol = protocol(b, problems);
            BusEndpoint endpoint = endpoint(b, protocol == BusConfig.Protocol.DLT645, problems);
            if (endpoint != null) {
                samePort(endpoint, b, ports, problems);
            }
            Section t = b.section("timing", TIMING_KEYS, false, "");
            boolean serial = endpoint instanceof BusEndpoint.Serial;
            int defaultTimeout = protocol == BusConfig.Protocol.DLT645 ? 1000 : 300;
            Integer gap = t == null ? (Integer) (serial ? 10 : 0)
                    : t.integer("gapMs", "ms", serial ? 10 : 0, 0, 10_000, "quiet time between frames, e.g. 10 on RS-485");
            if (protocol == BusConfig.Protocol.DLT645 && endpoint instanceof BusEndpoint.Serial line) {
                gap = DripGapFloor.of(t, line, gap, problems);
            }
            Integer timeout = t == null ? (Integer) defaultTimeout
                    : t.integer("timeoutMs", "ms", defaultTimeout, 1, TimeoutBound.MOST_MS, "how long to wait for an answer, e.g. 300");
            Integer retries = t == null ? (Integer) 2 : t.integer("retries", "", 2, 0, 10, "e.g. 2");
            if (name != null && protocol != null && endpoint != null && gap != null && timeout != null && retries != null) {
                out.add(new BusConfig(name, endpoint, gap, timeout, retries, protocol));
            }
        }
        return out;
    }

    /**
     * Two buses on one serial port (or one TCP endpoint) would be two pollers talking over each other. A TCP host is
     * compared in one form ({@link HostKey}); a serial port by the device it reaches, a link such as
     * /dev/serial/by-id/... followed where it exists (check-config run on the gateway itself).
     */
    private static void samePort(BusEndpoint endpoint, Section b, java.util.Map<String, Node> ports, Problems problems) {
        String key;
        String shown;
        if (endpoint instanceof BusEndpoint.Serial s) {
            key = SerialDevice.of(s.port());
            shown = key.equals(s.port()) ? s.port() : s.port() + " (which is " + key + ")";
        } else {
            BusEndpoint.Tcp t = (BusEndpoint.Tcp) endpoint;
            key = "tcp://" + HostKey.shown(HostKey.of(t.host()), t.port());
            shown = endpoint.toString();
        }
        Node at = b.value(endpoint instanceof BusEndpoint.Serial ? "serial" : "tcp");
        Node first = ports.putIfAbsent(key, at);
        if (first != null) {
            problems.at(at, b.path() + " uses " + shown + ", already used by the bus at line " + (first.getStartMark().getLine() + 1)
                    + "; list all meters of one line under one bus");
        }
    }

    private static BusConfig.Protocol protocol(Section b, Problems problems) {
        String p = b.text("protocol", "modbus", "modbus or dlt645");
        if (p == null) {
            return null;
        }
        return switch (p) {
            case "modbus" -> BusConfig.Protocol.MODBUS;
            case "dlt645" -> BusConfig.Protocol.DLT645;
            default -> {
                problems.at(b.value("protocol"), "'protocol' in " + b.path() + " must be modbus or dlt645, was '" + p + "'; "
                        + Suggest.didYouMean(p, List.of("modbus", "dlt645")) + "DL/T 645 meters (2007 or 1997) are 'dlt645'");
                yield null;
            }
        };
    }

    private static BusEndpoint endpoint(Section b, boolean dlt645, Problems problems) {
        if (b.has("tcp") == b.has("serial")) {
            if (b.has("tcp")) {
                problems.at(b.value("serial"), b.path() + " has both tcp and serial; a bus is one or the other");
            } else {
                b.missing("tcp", "a bus needs 'tcp: {host, port}' or 'serial: {port, baud, parity}'");
            }
            return null;
        }
        if (b.has("tcp")) {
            // A DL/T 645 bus on tcp is an RS-485 line behind a transparent RS-485-to-Ethernet converter: the converter
            // has no standard port, so it is given.
            Section t = b.section("tcp", TCP_KEYS, true, "");
            String host = t.host("host", dlt645 ? "the RS-485 converter's address, e.g. host: 192.168.10.21"
                    : "the meter gateway's address, e.g. host: 192.168.10.20");
            Integer port = dlt645
                    ? t.integer("port", "", null, 1, 65535, "the converter's TCP server port as set in it, e.g. port: 8899")
                    : t.integer("port", "", 502, 1, 65535, "Modbus TCP listens on 502");
            return host == null || port == null ? null : new BusEndpoint.Tcp(host, port);
        }
        Section s = b.section("serial", SERIAL_KEYS, true, "");
        String port = s.text("port", null, "the serial device, e.g. port: /dev/ttyUSB0");
        Integer baud = s.integer("baud", "baud", dlt645 ? 2400 : 9600, 1200, 115200, "the meters' baud rate, e.g. 9600");
        if (baud != null && !BAUDS.contains(baud)) {
            problems.at(s.at("baud"), "'baud' in " + s.path() + " is " + baud + ", not a standard rate; use one of "
                    + BAUDS.stream().sorted().map(String::valueOf).toList());
            baud = null;
        }
        String parity = s.text("parity", dlt645 ? "even" : "none", "none, even or odd");
        if (parity != null && !List.of("none", "even", "odd").contains(parity)) {
            problems.at(s.at("parity"), "'parity' in " + s.path() + " must be none, even or odd, was '" + parity + "'");
            parity = null;
        }
        Integer dataBits = s.integer("dataBits", "", 8, 7, 8, "RTU uses 8");
        Integer stopBits = s.integer("stopBits", "", 1, 1, 2, "1, or 2 when parity is none on some meters");
        if (port == null || baud == null || parity == null || dataBits == null || stopBits == null) {
            return null;
        }
        return new BusEndpoint.Serial(port, baud, parity, dataBits, stopBits);
    }
}
