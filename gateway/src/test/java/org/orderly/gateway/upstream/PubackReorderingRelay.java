package org.orderly.gateway.upstream;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.orderly.testkit.LoopbackRelay;
import org.orderly.testkit.MqttPacket;

/**
 * A TCP relay on 127.0.0.1 between the gateway and a real broker that passes every packet on, in order, but for one
 * PUBACK: that of the gateway's PUBLISH whose payload holds {@link #HOLD}, kept back until the PUBACK of its PUBLISH
 * holding {@link #RELEASE} has gone to the gateway. The broker's verdict on a message then arrives after that on a
 * later one, as it may from a window of several in flight (a broker that answers out of order, or an MQTT client
 * that delivers an acknowledgement late).
 */
final class PubackReorderingRelay implements AutoCloseable {
    /** In a message's payload: its PUBACK waits for that of the message holding {@link #RELEASE}. */
    static final String HOLD = "hold-its-puback";
    static final String RELEASE = "release-the-held-puback";

    private final LoopbackRelay relay;
    private volatile int holdId = -1;
    private volatile int releaseId = -1;
    private volatile boolean holding;
    private volatile boolean reordered;

    PubackReorderingRelay(int brokerPort) throws IOException {
        relay = new LoopbackRelay("reordering-relay-pump", brokerPort, this::relay);
    }

    String url() {
        return relay.url();
    }

    /** Whether the broker answered the PUBLISH holding {@link #HOLD}, and its PUBACK is kept back. */
    boolean holding() {
        return holding;
    }

    /** Whether a held PUBACK went to the gateway after the releasing one. */
    boolean reordered() {
        return reordered;
    }

    private void relay(Socket gateway) throws IOException {
        Socket broker = relay.toBroker(gateway);
        relay.start(() -> pump(gateway, broker, true));
        relay.start(() -> pump(broker, gateway, false));
    }

    /**
     * Copies MQTT packets from {@code from} to {@code to}. From the gateway, notes the packet ids of the PUBLISHes that
     * hold the markers (before passing them on, so before the broker can answer); from the broker, keeps the held
     * PUBACK until the releasing one is passed on. The end of a stream is passed on.
     */
    private void pump(Socket from, Socket to, boolean fromGateway) {
        MqttPacket[] held = {null};
        LoopbackRelay.pumpPackets(from, to, LoopbackRelay.AtEnd.PASS_ON, (packet, out) -> {
            if (fromGateway && packet.type() == MqttPacket.PUBLISH) {
                String text = new String(packet.body(), StandardCharsets.ISO_8859_1);
                if (text.contains(HOLD)) {
                    holdId = publishId(packet.body());
                } else if (text.contains(RELEASE)) {
                    releaseId = publishId(packet.body());
                }
            }
            boolean puback = !fromGateway && packet.type() == MqttPacket.PUBACK;
            if (puback && ackId(packet.body()) == holdId) {
                held[0] = packet;
                holding = true;
                return true;
            }
            packet.writeTo(out);
            if (puback && ackId(packet.body()) == releaseId && held[0] != null) {
                held[0].writeTo(out);
                held[0] = null;
                holding = false;
                // Once: the client uses the packet ids again for later messages.
                holdId = -1;
                releaseId = -1;
                reordered = true;
            }
            return true;
        });
    }

    /** The packet id of a QoS 1 PUBLISH's body: after its topic. */
    private static int publishId(byte[] body) {
        int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        return ((body[2 + topicLength] & 0xFF) << 8) | (body[3 + topicLength] & 0xFF);
    }

    /** The packet id of a PUBACK's body. */
    private static int ackId(byte[] body) {
        return ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
    }

    @Override
    public void close() throws IOException {
        relay.close();
    }
}
