package org.orderly.tools.aggregate;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.orderly.gateway.app.config.BrokerAddress;
import org.orderly.gateway.upstream.link.Transport;

/**
 * How an aggregate instance reaches the broker and which share group it joins.
 *
 * @param url                  {@code ssl://host:8883} (TLS) or {@code tcp://host:1883} (plaintext, only with
 *                             {@code plaintextAllowed})
 * @param caFile               PEM certificates to trust for the broker; empty: the JVM's default trust store
 * @param clientCertificate    this instance's certificate chain and private key (PEM) for a broker that requires
 *                             client certificates (mutual TLS); empty: none presented
 * @param sessionExpirySeconds how long the broker keeps this instance's session (and queues its share) while it is
 *                             away; 0 ends the session at disconnect
 * @param kinds                topic kinds subscribed under each gateway (telemetry plus the others, whose seqs
 *                             close the gaps)
 */
public record BrokerSettings(String url, boolean plaintextAllowed, Optional<Path> caFile,
                             Optional<Transport.ClientCertificate> clientCertificate, Optional<String> username,
                             Optional<byte[]> password, String clientId, String group, long sessionExpirySeconds,
                             List<String> kinds) {
    public static final List<String> ALL_KINDS = List.of("telemetry", "state", "plan", "events", "sessions");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public BrokerSettings {
        if (url.startsWith("tcp://")) {
            if (!plaintextAllowed) {
                throw new IllegalArgumentException("--broker " + url + " is plaintext MQTT; use ssl:// with --ca,"
                        + " or add --plaintext to accept an unencrypted connection");
            }
            if (caFile.isPresent()) {
                throw new IllegalArgumentException("--ca is for ssl:// brokers; " + url + " is plaintext");
            }
            if (clientCertificate.isPresent()) {
                throw new IllegalArgumentException("--cert and --key are for ssl:// brokers; " + url + " is plaintext");
            }
        } else if (!url.startsWith("ssl://")) {
            throw new IllegalArgumentException("--broker " + url + ": expected ssl://host:port or tcp://host:port");
        }
        String wrong = BrokerAddress.wrong(uri(url));
        if (wrong != null) {
            // Paho took these as far as the connect, and failed there: exit 1 with "Untranslated MqttException - RC: 0
            // (port out of range:88830)", or, for a mistyped address, its reflection on java.net.URI refused by Java 17.
            throw new IllegalArgumentException("--broker " + url + ": " + wrong);
        }
        if (!NAME.matcher(group).matches()) {
            throw new IllegalArgumentException("--group '" + group + "' must match [A-Za-z0-9._-]{1,64}");
        }
        if (clientId.isEmpty() || clientId.length() > 128) {
            throw new IllegalArgumentException("--client-id must have 1..128 characters");
        }
        if (sessionExpirySeconds < 0 || sessionExpirySeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("--session-expiry " + sessionExpirySeconds + " is outside 0..4294967295 s");
        }
        if (kinds.isEmpty() || !ALL_KINDS.containsAll(kinds)) {
            throw new IllegalArgumentException("topic kinds " + kinds + " must be among " + ALL_KINDS);
        }
        kinds = List.copyOf(kinds);
    }

    /** Without a client certificate. */
    public BrokerSettings(String url, boolean plaintextAllowed, Optional<Path> caFile, Optional<String> username,
                          Optional<byte[]> password, String clientId, String group, long sessionExpirySeconds,
                          List<String> kinds) {
        this(url, plaintextAllowed, caFile, Optional.empty(), username, password, clientId, group, sessionExpirySeconds,
                kinds);
    }

    /** The TLS of an {@code ssl://} broker: its CA (or the JVM's trust store) and the client certificate, if any. */
    public Transport.Tls tls() {
        return new Transport.Tls(caFile, clientCertificate);
    }

    private static URI uri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--broker " + url + ": not a URI (" + e.getReason() + ")", e);
        }
    }

    /** The shared subscriptions: {@code $share/{group}/orderly/v1/+/{kind}} for each kind. */
    public List<String> filters() {
        return kinds.stream().map(k -> "$share/" + group + "/orderly/v1/+/" + k).toList();
    }
}
