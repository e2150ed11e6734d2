package org.orderly.tools.demo;

import java.net.URI;
import java.util.Set;
import org.orderly.gateway.upstream.UpstreamSettings;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.gateway.upstream.link.Transport;

/** Where the demo's MQTT traffic goes: its own embedded broker, or a broker the user runs. */
public sealed interface DemoMqtt {

    /**
     * The {@code upstream:} section that reports to this broker as the demo's own gateway does, for the configuration
     * the demo writes: a gateway run on that file separately ({@code orderly demo --no-gateway}) reports to the
     * broker the demo announces.
     */
    String upstreamYaml();

    /**
     * The one-line {@code upstream:} section for a plaintext broker at {@code url}, naming the protocol only where it
     * is not the configuration's default (v5).
     */
    static String upstreamSection(String url, MqttProtocol protocol) {
        String speaks = protocol == MqttProtocol.MQTT5 ? "" : ", protocol: " + protocol.configName();
        return "upstream: { broker: \"" + url + "\", plaintext: true" + speaks + " }";
    }

    /** Moquette on 127.0.0.1:{@code port} ({@code 0}: a free port), started and stopped with the demo. */
    record Embedded(int port) implements DemoMqtt {
        /** Where the embedded broker listens: loopback only. */
        static final String HOST = "127.0.0.1";

        public Embedded {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--broker-port " + port + " is outside 1..65535");
            }
        }

        /** The broker's port is known before it starts only when one is given: 0 (a free port) has no section. */
        @Override
        public String upstreamYaml() {
            if (port == 0) {
                throw new IllegalStateException("the embedded broker's port is chosen when it starts (port 0);"
                        + " no upstream section can name it before");
            }
            return upstreamSection("tcp://" + HOST + ":" + port, MqttProtocol.MQTT311)
                    + "   # the demo's embedded broker\n";
        }

        /** The gateway's link to the embedded broker: plaintext on loopback, MQTT 3.1.1 (all Moquette 0.17 speaks). */
        static UpstreamSettings upstream(DemoBroker broker, String gatewayId) {
            return UpstreamSettings.of(URI.create(broker.url()), gatewayId, new Transport.Plaintext())
                    .withProtocol(MqttProtocol.MQTT311);
        }
    }

    /**
     * A broker already running at {@code url}, which must be {@code tcp://} on this machine: the demo has no place for
     * TLS settings or a login, and sends nothing in plaintext off the machine.
     */
    record External(String url) implements DemoMqtt {
        private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

        public External {
            if (!url.matches("(tcp|ssl)://[^/\\s]+:\\d{1,5}")) {
                throw new IllegalArgumentException("--broker " + url + ": expected tcp://host:port or"
                        + " ssl://host:port");
            }
            URI u = URI.create(url);
            if (u.getPort() < 1 || u.getPort() > 65535) {
                // Left to the generated configuration, it was refused there, naming that file and a TLS example.
                throw new IllegalArgumentException("--broker " + url + ": port " + u.getPort() + " is outside 1..65535");
            }
            if (!u.getScheme().equals("tcp") || !LOOPBACK.contains(u.getHost())) {
                throw new IllegalArgumentException("--broker " + url + ": the demo connects only in plaintext to"
                        + " a broker on this machine (tcp://127.0.0.1:port); it has no TLS CA, client certificate or"
                        + " login to give, so for this broker run the gateway with an upstream: section (orderly run"
                        + " --config FILE, docs/upstream.md)");
            }
        }

        @Override
        public String upstreamYaml() {
            return upstreamSection(url, MqttProtocol.MQTT5) + "   # the broker given with --broker\n";
        }

        /** The gateway's link to this broker: plaintext on loopback, MQTT v5. */
        UpstreamSettings upstream(String gatewayId) {
            return UpstreamSettings.of(URI.create(url), gatewayId, new Transport.Plaintext());
        }
    }
}
