package org.orderly.gateway.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.orderly.gateway.upstream.link.BrokerLogin;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.gateway.upstream.link.Transport;
import org.orderly.gateway.upstream.outbox.OutboxLimits;

/**
 * How the gateway reaches the grid company's broker: its URI ({@code ssl://host:8883}, or {@code tcp://} only with a
 * {@link Transport.Plaintext} transport), the MQTT client id, the transport's security, an optional login, how often
 * telemetry is sent, the outbox's bounds, how fast a backlog drains (messages per second), the MQTT version
 * ({@link MqttProtocol#MQTT5} unless the broker lacks it; under {@link MqttProtocol#MQTT311} commands carry no response
 * topic, so every reply goes to {@code orderly/v1/{gatewayId}/replies} and history requests are refused) and the
 * largest PUBLISH packet the broker takes in bytes ({@code maxPacketBytes}; 0: only the limit an MQTT v5 broker
 * announces, since a 3.1.1 broker cannot announce one). A message above it is set aside rather than sent.
 *
 * <p>Built by the configuration loader from the {@code upstream:} section, or from code with {@link #of}.
 */
public record UpstreamSettings(URI broker, String clientId, Transport transport, Optional<BrokerLogin> login,
                               Duration telemetryPeriod, OutboxLimits outbox, int drainPerSecond,
                               MqttProtocol protocol, long maxPacketBytes) {
    public UpstreamSettings {
        Objects.requireNonNull(broker, "upstream broker");
        Objects.requireNonNull(clientId, "upstream clientId");
        Objects.requireNonNull(transport, "upstream transport");
        Objects.requireNonNull(login, "upstream login");
        Objects.requireNonNull(outbox, "upstream outbox limits");
        Objects.requireNonNull(protocol, "upstream protocol");
        String scheme = String.valueOf(broker.getScheme());
        if (transport instanceof Transport.Plaintext) {
            if (!scheme.equals("tcp")) {
                throw new IllegalArgumentException("a plaintext upstream broker must be tcp://host:port, got " + broker);
            }
        } else if (!scheme.equals("ssl")) {
            throw new IllegalArgumentException("an upstream broker over TLS must be ssl://host:port, got " + broker
                    + "; a tcp:// broker needs plaintext: true");
        }
        if (telemetryPeriod.isNegative() || telemetryPeriod.isZero()) {
            throw new IllegalArgumentException("telemetry period must be positive, got " + telemetryPeriod);
        }
        if (drainPerSecond < 1) {
            throw new IllegalArgumentException("drainPerSecond must be >= 1, got " + drainPerSecond);
        }
        if (maxPacketBytes != 0 && (maxPacketBytes < MIN_PACKET_BYTES || maxPacketBytes > MAX_PACKET_BYTES)) {
            throw new IllegalArgumentException("maxPacketBytes must be 0 (none) or within " + MIN_PACKET_BYTES + ".."
                    + MAX_PACKET_BYTES + ", got " + maxPacketBytes);
        }
    }

    /** The smallest packet limit accepted: below it even a state message would not fit. */
    public static final long MIN_PACKET_BYTES = 1024;
    /** MQTT's own largest packet. */
    public static final long MAX_PACKET_BYTES = 268_435_455;

    /** Telemetry every 5 s, default outbox bounds, a backlog drained at 50 messages per second, no login, MQTT v5. */
    public static UpstreamSettings of(URI broker, String clientId, Transport transport) {
        return new UpstreamSettings(broker, clientId, transport, Optional.empty(), Duration.ofSeconds(5),
                OutboxLimits.DEFAULT, 50, MqttProtocol.MQTT5, 0);
    }

    public UpstreamSettings withTelemetryPeriod(Duration period) {
        return new UpstreamSettings(broker, clientId, transport, login, period, outbox, drainPerSecond, protocol,
                maxPacketBytes);
    }

    public UpstreamSettings withOutbox(OutboxLimits limits) {
        return new UpstreamSettings(broker, clientId, transport, login, telemetryPeriod, limits, drainPerSecond,
                protocol, maxPacketBytes);
    }

    public UpstreamSettings withDrainPerSecond(int perSecond) {
        return new UpstreamSettings(broker, clientId, transport, login, telemetryPeriod, outbox, perSecond, protocol,
                maxPacketBytes);
    }

    public UpstreamSettings withLogin(BrokerLogin l) {
        return new UpstreamSettings(broker, clientId, transport, Optional.of(l), telemetryPeriod, outbox,
                drainPerSecond, protocol, maxPacketBytes);
    }

    public UpstreamSettings withProtocol(MqttProtocol p) {
        return new UpstreamSettings(broker, clientId, transport, login, telemetryPeriod, outbox, drainPerSecond, p,
                maxPacketBytes);
    }

    public UpstreamSettings withMaxPacketBytes(long bytes) {
        return new UpstreamSettings(broker, clientId, transport, login, telemetryPeriod, outbox, drainPerSecond,
                protocol, bytes);
    }
}
