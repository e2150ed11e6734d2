package org.orderly.tools.demo;

/** Where the demo's MQTT traffic goes: its own embedded broker, or a broker the user runs. */
public sealed interface DemoMqtt {

    /** Moquette on 127.0.0.1:{@code port} ({@code 0}: a free port), started and stopped with the demo. */
    record Embedded(int port) implements DemoMqtt {
        public Embedded {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("demo: --broker-port " + port + " is outside 1..65535");
            }
        }
    }

    /** A broker already running at {@code url} ({@code tcp://host:port} or {@code ssl://host:port}). */
    record External(String url) implements DemoMqtt {
        public External {
            if (!url.matches("(tcp|ssl)://[^/\\s]+:\\d{1,5}")) {
                throw new IllegalArgumentException("demo: --broker " + url + ": expected tcp://host:port or"
                        + " ssl://host:port");
            }
        }
    }
}
