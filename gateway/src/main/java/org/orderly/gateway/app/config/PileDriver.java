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

        /** The lease a bridge is given when its configuration names no {@code ttlSeconds}. */
        public static final int DEFAULT_TTL_SECONDS = 30;
    }

    /**
     * Directly over Modbus: unit {@code unit} on bus {@code bus}, register map {@code map} in the devices directory;
     * {@code safeAmps} is written to the map's fallback register, and {@code lapse} is what the pile does once a lease
     * lapses, which its map decides.
     */
    record Modbus(String bus, int unit, String map, double safeAmps, Lapse lapse) implements PileDriver {
    }

    /** The safe current a Modbus pile is given when its configuration names none. */
    double DEFAULT_SAFE_AMPS = 6.0;

    /** What a Modbus pile does once its lease lapses (the gateway stopped or cut off). */
    enum Lapse {
        /** Its map has a watchdog and a fallback register: it falls back to {@code safeAmps}. */
        SAFE_AMPS,
        /** A watchdog but no fallback register: it falls back to a current of its own setting. */
        OWN_CURRENT,
        /** No watchdog register, accepted with {@code keepsLastLimit: accepted}: it keeps its last limit. */
        KEEPS_LAST_LIMIT
    }
}
