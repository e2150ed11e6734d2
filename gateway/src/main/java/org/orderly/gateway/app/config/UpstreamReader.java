package org.orderly.gateway.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.orderly.gateway.upstream.UpstreamSettings;
import org.orderly.gateway.upstream.link.BrokerLogin;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.gateway.upstream.link.Transport;
import org.orderly.gateway.upstream.outbox.OutboxLimits;

/**
 * The optional {@code upstream:} section: the grid company's MQTT broker. TLS with the broker's certificate verified
 * is the default; {@code tcp://} is accepted only with {@code plaintext: true}. Files (CA, client certificate and key,
 * password) are relative to the configuration file and must exist. {@code protocol: mqtt311} speaks MQTT 3.1.1 to a
 * broker without v5 (mqtt5 is the default); {@code maxPacketBytes} says a broker's packet size limit that it cannot
 * announce itself (3.1.1).
 */
final class UpstreamReader {
    static final List<String> KEYS = List.of("broker", "clientId", "plaintext", "tls", "username", "passwordFile",
            "telemetryPeriodMs", "drainPerSecond", "outbox", "protocol", "maxPacketBytes");
    private static final List<String> TLS_KEYS = List.of("caFile", "clientCert", "clientKey");
    // What to put in a file the configuration names but that is not there: each comes from the grid company (or is
    // this gateway's own key), so the line says whose it is rather than leaving the installer to guess.
    private static final String CA_FILE_MISSING = "put there the PEM certificate of the CA that signed the grid company's "
            + "broker certificate (the grid company gives it), or leave caFile out to trust the JDK's own CAs "
            + "(docs/upstream.md, \"Security\")";
    private static final String CLIENT_CERT_MISSING = "put there this gateway's PEM certificate, as the grid company "
            + "issued it for its clientKey (docs/upstream.md, \"Security\")";
    private static final String CLIENT_KEY_MISSING = "put there the PEM private key of the gateway's clientCert, mode 600 "
            + "(docs/upstream.md, \"Security\")";
    private static final String PASSWORD_FILE_MISSING = "put there the broker password of upstream.username as the grid "
            + "company gave it, mode 600";
    private static final List<String> OUTBOX_KEYS = List.of("maxAgeHours", "maxMessages");

    private UpstreamReader() {
    }

    /** Null when invalid (the problems say why). */
    static UpstreamSettings read(Section u, String gatewayId, Path base, Problems problems, Problems warnings) {
        String brokerText = u.text("broker", null, "the grid company's broker, e.g. broker: ssl://mqtt.grid.example:8883");
        String clientId = u.text("clientId", gatewayId == null ? "orderly" : gatewayId, "the MQTT client id");
        Boolean plaintext = u.bool("plaintext", false);
        URI broker = null;
        if (brokerText != null) {
            broker = uri(u, brokerText, plaintext, problems);
        }
        Transport transport = null;
        Section tls = u.section("tls", TLS_KEYS, false, "");
        if (Boolean.TRUE.equals(plaintext)) {
            if (tls != null) {
                problems.at(u.value("tls"), "upstream.tls has no effect with plaintext: true; remove one of them");
            }
            transport = new Transport.Plaintext();
        } else if (plaintext != null) {
            transport = tls(tls, base, problems, warnings);
        }
        Optional<BrokerLogin> login = login(u, base, problems, warnings);
        MqttProtocol protocol = protocol(u, problems);
        Integer period = u.integer("telemetryPeriodMs", "ms", 5000, 100, 3_600_000,
                "how often telemetry is sent, e.g. 5000");
        Integer drain = u.integer("drainPerSecond", "messages/s", 50, 1, 10_000,
                "how fast a backlog is sent after a reconnect, e.g. 50");
        Integer maxPacket = u.integer("maxPacketBytes", "bytes", 0, UpstreamSettings.MIN_PACKET_BYTES,
                UpstreamSettings.MAX_PACKET_BYTES, "the largest packet the broker takes in bytes, e.g. 131072; "
                        + "leave it out when the broker speaks MQTT v5, which announces its limit");
        OutboxLimits limits = OutboxLimits.DEFAULT;
        Section o = u.section("outbox", OUTBOX_KEYS, false, "");
        if (o != null) {
            Integer hours = o.integer("maxAgeHours", "h", (int) OutboxLimits.DEFAULT.maxAge().toHours(), 1, 24 * 365,
                    "how long an unsent message is kept, e.g. 168 (a week)");
            Integer max = o.integer("maxMessages", "", OutboxLimits.DEFAULT.maxMessages(), 100, 100_000_000,
                    "how many unsent messages are kept, e.g. 200000");
            limits = hours == null || max == null ? null
                    : new OutboxLimits(Duration.ofHours(hours), max, OutboxLimits.DEFAULT.queueCapacity());
        }
        if (broker == null || clientId == null || transport == null || login == null || period == null || drain == null
                || limits == null || protocol == null || maxPacket == null) {
            return null;
        }
        return new UpstreamSettings(broker, clientId, transport, login, Duration.ofMillis(period), limits, drain,
                protocol, maxPacket);
    }

    private static MqttProtocol protocol(Section u, Problems problems) {
        String p = u.text("protocol", MqttProtocol.MQTT5.configName(), "mqtt5 or mqtt311");
        if (p == null) {
            return null;
        }
        for (MqttProtocol m : MqttProtocol.values()) {
            if (m.configName().equals(p)) {
                return m;
            }
        }
        problems.at(u.value("protocol"), "upstream.protocol must be mqtt5 or mqtt311, was '" + p + "'; "
                + Suggest.didYouMean(p, List.of("mqtt5", "mqtt311"))
                + "mqtt311 is for a broker without MQTT v5 (replies then always go to the replies topic)");
        return null;
    }

    private static URI uri(Section u, String text, Boolean plaintext, Problems problems) {
        if (text.contains("@")) {
            // Not echoed, nor parsed first (a parse error would echo it): the address is logged at every connect,
            // and Paho would send neither part.
            problems.at(u.value("broker"), "upstream.broker names a user or password (before '@'), which would be "
                    + "written to the log and never sent; write the broker as ssl://host:8883 and give username and "
                    + "passwordFile");
            return null;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            problems.at(u.value("broker"), "upstream.broker '" + text + "' is not a URI (" + e.getReason()
                    + "); write ssl://host:8883");
            return null;
        }
        String scheme = String.valueOf(uri.getScheme());
        String wrong = BrokerAddress.wrong(uri);
        if (wrong != null) {
            problems.at(u.value("broker"), "upstream.broker '" + text + "': " + wrong + "; write e.g. ssl://mqtt.grid.example:8883");
            return null;
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            problems.at(u.value("broker"), "upstream.broker '" + text + "' needs a host and a port, e.g. ssl://mqtt.grid.example:8883");
            return null;
        }
        if (scheme.equals("tcp") && !Boolean.TRUE.equals(plaintext)) {
            problems.at(u.value("broker"), "upstream.broker '" + text + "' is plaintext; use ssl://, or add plaintext: true "
                    + "if this broker really is unencrypted (a lab)");
            return null;
        }
        if (scheme.equals("ssl") && Boolean.TRUE.equals(plaintext)) {
            problems.at(u.value("plaintext"), "plaintext: true contradicts the ssl:// broker; remove plaintext or use tcp://");
            return null;
        }
        if (!scheme.equals("ssl") && !scheme.equals("tcp")) {
            problems.at(u.value("broker"), "upstream.broker '" + text + "' must start with ssl:// (or tcp:// with plaintext: true)");
            return null;
        }
        return uri;
    }

    private static Transport tls(Section tls, Path base, Problems problems, Problems warnings) {
        if (tls == null) {
            return new Transport.Tls(Optional.empty(), Optional.empty());
        }
        Optional<Path> ca = ConfigFiles.readable(tls, "caFile", base, true, CA_FILE_MISSING, problems);
        Optional<Path> cert = ConfigFiles.readable(tls, "clientCert", base, true, CLIENT_CERT_MISSING, problems);
        Optional<Path> key = ConfigFiles.secret(tls, "clientKey", base, true, CLIENT_KEY_MISSING, problems, warnings);
        if (ca == null || cert == null || key == null) {
            return null;
        }
        if (cert.isPresent() != key.isPresent()) {
            problems.at(tls.node(), "upstream.tls needs clientCert and clientKey together (PEM files), or neither");
            return null;
        }
        return new Transport.Tls(ca, cert.map(c -> new Transport.ClientCertificate(c, key.get())));
    }

    private static Optional<BrokerLogin> login(Section u, Path base, Problems problems, Problems warnings) {
        String user = u.text("username", "", "");
        Optional<Path> password = ConfigFiles.secret(u, "passwordFile", base, true, PASSWORD_FILE_MISSING, problems,
                warnings);
        if (user == null || password == null) {
            return null;
        }
        if (user.isEmpty() != password.isEmpty()) {
            problems.at(u.node(), "upstream needs username and passwordFile together, or neither");
            return null;
        }
        return user.isEmpty() ? Optional.empty() : Optional.of(new BrokerLogin(user, password.get()));
    }
}
