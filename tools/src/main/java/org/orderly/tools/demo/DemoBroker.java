package org.orderly.tools.demo;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

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

    private final Server server = new Server();
    private final String host;
    private final int port;

    private DemoBroker(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Starts the broker on {@code host:port}.
     *
     * @param dataDir where Moquette may keep its files (it writes none with persistence off, but wants a path)
     * @throws IOException when the port is taken or the broker cannot start, with the address in the message
     */
    public static DemoBroker start(String host, int port, Path dataDir) throws IOException {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("demo: broker port " + port + " is outside 1..65535");
        }
        Files.createDirectories(dataDir);
        Properties p = new Properties();
        p.setProperty("host", host);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("data_path", dataDir.toAbsolutePath().toString());
        p.setProperty("telemetry_enabled", "false");
        DemoBroker broker = new DemoBroker(host, port);
        try {
            broker.server.startServer(new MemoryConfig(p));
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw new IOException("demo: the embedded MQTT broker could not start on " + host + ":" + port
                    + " (is the port taken? choose another with --broker-port, or use --broker URL): " + e.getMessage(), e);
        }
        return broker;
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
            throw new IllegalStateException("demo: stopping the embedded MQTT broker on " + url() + " failed", e);
        }
    }
}
