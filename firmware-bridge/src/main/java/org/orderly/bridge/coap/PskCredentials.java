package org.orderly.bridge.coap;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/** A pile's DTLS pre-shared key and the identity the gateway presents with it. */
public record PskCredentials(String identity, byte[] key) {

    public PskCredentials {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(key, "key");
        if (identity.isBlank()) {
            throw new IllegalArgumentException("PSK identity must not be blank");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("PSK for identity " + identity + " must not be empty");
        }
        key = key.clone();
    }

    public static PskCredentials ofHex(String identity, String keyHex) {
        try {
            return new PskCredentials(identity, HexFormat.of().parseHex(keyHex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PSK for identity " + identity + " is not hex: " + e.getMessage(), e);
        }
    }

    public static PskCredentials ofUtf8(String identity, String key) {
        return new PskCredentials(identity, key.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "PskCredentials[identity=" + identity + ", key=<" + key.length + " bytes>]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PskCredentials p && p.identity.equals(identity)
                && java.util.Arrays.equals(p.key, key);
    }

    @Override
    public int hashCode() {
        return identity.hashCode() * 31 + java.util.Arrays.hashCode(key);
    }
}
