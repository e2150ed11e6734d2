package org.orderly.gateway.field.pile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.orderly.text.TextFileException;
import org.orderly.text.TextFile;

/** The DTLS pre-shared key of one pile and the identity the gateway presents with it. Never logged. */
public record PilePsk(String identity, byte[] key) {

    public PilePsk {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(key, "key");
        if (identity.isBlank() || key.length == 0) {
            throw new IllegalArgumentException("PSK identity and key must not be empty (identity '" + identity + "')");
        }
        key = key.clone();
    }

    public static PilePsk ofUtf8(String identity, String key) {
        return new PilePsk(identity, key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key held as UTF-8 text in {@code file}; surrounding whitespace (an editor's final newline)
     * is not part of it.
     */
    public static PilePsk ofUtf8File(String identity, Path file) throws IOException {
        String key;
        try {
            key = TextFile.stripped(file);
        } catch (TextFileException e) {
            throw new IOException("pre-shared key file " + file + " for identity " + identity + ": " + e.fault(), e);
        }
        if (key.isEmpty()) {
            throw new IOException("pre-shared key file " + file + " for identity " + identity + " is empty");
        }
        return ofUtf8(identity, key);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PilePsk p && p.identity.equals(identity) && Arrays.equals(p.key, key);
    }

    @Override
    public int hashCode() {
        return identity.hashCode() * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "PilePsk[identity=" + identity + ", key=<" + key.length + " bytes>]";
    }
}
