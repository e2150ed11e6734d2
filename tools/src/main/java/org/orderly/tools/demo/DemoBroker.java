package org.orderly.tools.demo;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's embedded MQTT broker: Moquette on a loopback address, anonymous, in memory, so the demo needs nothing
 * installed and any MQTT client (mosquitto_sub, MQTT Explorer, {@code orderly aggregate}) can watch the gateway.
 *
 * <p>Moquette 0.17 speaks MQTT 3.1 and 3.1.1 only; MQTT v5 arrives with 0.18 (see docs/aggregate.md). Its usage
 * telemetry (a report to the Moquette project's server) is switched off: the demo talks to loopback only.
 */
public final class DemoBroker implements AutoCloseable {
    /** The port MQTT clients expect; the demo's default. */
    public static final int DEFAULT_PORT = 1883;
    /** The largest MQTT packet accepted, 1 MiB. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(DemoBroker.class);

    private final Server server = new Server();
    private final String host;
    private final int port;
    /** The data directory when this broker's start made it, removed again at its stop if still empty; else null. */
    private final Path madeDir;

    private DemoBroker(String host, int port, Path madeDir) {
        this.host = host;
        this.port = port;
        this.madeDir = madeDir;
    }

    /**
     * Starts the broker on {@code host:port}; port 0 takes a free port ({@link #port()} says which).
     *
     * @param dataDir where Moquette may keep its files (it writes none with persistence off, but wants a path)
     * @throws IOException when the port is taken or the broker cannot start, with the address in the message
     */
    public static DemoBroker start(String host, int port, Path dataDir) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("broker port " + port + " is outside 0..65535");
        }
        if (port != 0) {
            refuseTaken(host, port);
        }
        Path madeDir = Files.isDirectory(dataDir) ? null : dataDir;
        Files.createDirectories(dataDir);
        Properties p = new Properties();
        p.setProperty("host", host);
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        // mosquitto_sub and mosquitto_pub 2.x connect with an empty client id and let the broker choose one.
        p.setProperty("allow_zero_byte_client_id", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("data_path", dataDir.toAbsolutePath().toString());
        p.setProperty("telemetry_enabled", "false");
        // Moquette's default limit (8092 bytes) closes the connection on the gateway's plan (about 10 kB for 24 h of
        // 15-minute slots), which then comes back at every reconnect; Mosquitto's default has no such limit.
        p.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE_BYTES));
        // Moquette reports the configured port, not the bound one: choose a free port ourselves for port 0, and
        // try again should another process take it in between.
        for (int attempt = 1; ; attempt++) {
            int chosen = port != 0 ? port : freePort(host);
            p.setProperty("port", Integer.toString(chosen));
            DemoBroker broker = new DemoBroker(host, chosen, madeDir);
            try {
                broker.server.startServer(new MemoryConfig(p));
                return broker;
            } catch (IOException | RuntimeException e) {
                broker.stopQuietly();
                if (port == 0 && attempt < 3) {
                    continue;
                }
                throw new IOException("the embedded MQTT broker could not start on " + host + ":" + chosen
                        + " (is the port taken? choose another with --broker-port, or use --broker URL): "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * Whether the port is free, asked before Moquette is: told a taken port, Moquette logs an ERROR with Netty's stack
     * before its start fails.
     */
    static void refuseTaken(String host, int port) throws PeerPortTaken {
        try {
            DemoPorts.bindTcp(host, port);
        } catch (IOException e) {
            throw new PeerPortTaken(PeerPortTaken.Peer.BROKER, "MQTT broker: cannot listen on " + host + ":" + port
                    + " (" + e.getMessage() + ")", e);
        }
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }

    private void stopQuietly() {
        try {
            server.stopServer();
        } catch (RuntimeException e) {
            LOG.debug("demo: stopping a broker that did not start: {}", e.toString());
        }
        removeMadeDir();
    }

    /**
     * With persistence off Moquette writes nothing there: the directory its start made is removed, so that a demo
     * refused after the broker started (its page's port taken meanwhile) leaves no broker/ behind.
     */
    private void removeMadeDir() {
        if (madeDir == null) {
            return;
        }
        try {
            Files.deleteIfExists(madeDir);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            LOG.debug("demo: {} kept, Moquette wrote to it", madeDir);
        } catch (IOException e) {
            LOG.warn("demo: cannot remove the broker's directory {} it made: {}", madeDir, e.toString());
        }
    }

    /** The URL an MQTT client connects to, e.g. {@code tcp://127.0.0.1:1883}. */
    public String url() {
        return "tcp://" + host + ":" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stopServer();
        } catch (RuntimeException e) {
            throw new IllegalStateException("stopping the embedded MQTT broker on " + url() + " failed", e);
        }
        removeMadeDir();
    }
}
