package org.orderly.gateway.app.config;

/** How the gateway tells a pile its current limit. */
public sealed interface PileDriver {

    /**
     * Through the firmware-bridge over CoAP. With {@code plain} the link is unencrypted CoAP (lab only);
     * otherwise DTLS with the pre-shared key in {@code pskKeyFile} under {@code pskIdentity}. Every limit is a
     * lease of {@code ttlSeconds}; {@code safeAmps} is the bridge's {@code --safe-amps}, what it offers once a lease
     * lapses, which the gateway holds for it while it cannot hear it.
     */
    record Coap(String host, int port, String pskIdentity, String pskKeyFile, boolean plain, int ttlSeconds,
                double safeAmps) implements PileDriver {
    }

    /** Directly over Modbus: unit {@code unit} on bus {@code bus}, register map {@code map} in the devices directory. */
    record Modbus(String bus, int unit, String map) implements PileDriver {
    }
}
