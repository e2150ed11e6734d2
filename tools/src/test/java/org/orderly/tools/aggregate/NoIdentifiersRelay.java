package org.orderly.tools.aggregate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.orderly.testkit.LoopbackRelay;
import org.orderly.testkit.MqttPacket;

/**
 * A broker without MQTT 5 subscription identifiers, made of a real one behind a relay on 127.0.0.1: every CONNACK
 * (unless told otherwise, {@link #identifiers}) is given the property Subscription Identifier Available = 0 (MQTT 5,
 * 3.2.2.3.12), and a SUBSCRIBE that carries a
 * Subscription Identifier then ends the connection, as such a broker must (3.8.2.1.2: "It is a Protocol Error to
 * include the Subscription Identifier if the Server does not support it", reason code 0xA1). Mosquitto, behind it,
 * adds identifiers to a PUBLISH only for subscriptions made with one, so a client that keeps to the CONNACK gets none.
 */
final class NoIdentifiersRelay implements AutoCloseable {
    private static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    private static final int SUBSCRIPTION_IDENTIFIERS_AVAILABLE = 0x29;

    private final LoopbackRelay relay;
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<Integer> subscribes = new CopyOnWriteArrayList<>();
    private final List<Integer> identifiedSubscribes = new CopyOnWriteArrayList<>();
    /** What the CONNACKs say from now on: none (the default), or what the broker behind says. */
    private volatile boolean withoutIdentifiers = true;

    NoIdentifiersRelay(int brokerPort) throws IOException {
        relay = new LoopbackRelay("no-identifiers-relay", brokerPort, this::relay);
    }

    String url() {
        return relay.url();
    }

    /** The SUBSCRIBEs that carried a subscription identifier, each of which ended its connection. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    /** How many SUBSCRIBEs were relayed (without an identifier). */
    int subscribes() {
        return subscribes.size();
    }

    /** How many SUBSCRIBEs with a subscription identifier were relayed, while the CONNACKs allowed them. */
    int identifiedSubscribes() {
        return identifiedSubscribes.size();
    }

    /**
     * From the next connection on, the CONNACKs say what the broker behind says ({@code true}: it has identifiers,
     * and a SUBSCRIBE with one is relayed) or that it has none: a broker restarted with other settings, or another
     * behind the same address after a failover.
     */
    void identifiers(boolean available) {
        withoutIdentifiers = !available;
    }

    /** Ends every connection made so far, as a broker's restart does; new ones are taken. */
    void dropConnections() throws IOException {
        relay.dropConnections();
    }

    private void relay(Socket client) throws IOException {
        Socket broker = relay.toBroker(client);
        boolean without = withoutIdentifiers; // one connection's CONNACK and SUBSCRIBEs agree
        relay.start(() -> pump(client, broker, true, without));
        relay.start(() -> pump(broker, client, false, without));
    }

    /** Forwards packets until either side closes, rewriting CONNACKs and refusing identified SUBSCRIBEs. */
    private void pump(Socket from, Socket to, boolean fromClient, boolean without) {
        LoopbackRelay.pumpPackets(from, to, LoopbackRelay.AtEnd.CLOSE_BOTH, (p, out) -> {
            if (fromClient && p.type() == MqttPacket.SUBSCRIBE) {
                boolean identified = identified(p.body());
                if (identified && without) {
                    refused.add("SUBSCRIBE with a subscription identifier");
                    return false; // the connection ends: a Protocol Error
                }
                (identified ? identifiedSubscribes : subscribes).add(1);
            }
            MqttPacket passed = !fromClient && p.type() == MqttPacket.CONNACK && without
                    ? MqttPacket.of(p.first(), withoutIdentifiers(p.body())) : p;
            passed.writeTo(out);
            return true;
        });
    }

    /** Whether a SUBSCRIBE's properties (after its packet identifier) hold a Subscription Identifier. */
    private static boolean identified(byte[] body) throws IOException {
        InputStream in = new ByteArrayInputStream(body, 2, body.length - 2);
        int length = MqttPacket.readVarInt(in);
        byte[] props = in.readNBytes(length);
        int i = 0;
        while (i < props.length) {
            int id = props[i++] & 0xFF;
            if (id == SUBSCRIPTION_IDENTIFIER) {
                return true;
            }
            if (id != 0x26) {
                throw new IOException("SUBSCRIBE property 0x" + Integer.toHexString(id) + " not known to the relay");
            }
            // User Property: two UTF-8 strings, each a two-byte length and its bytes.
            for (int s = 0; s < 2; s++) {
                i += 2 + (((props[i] & 0xFF) << 8) | (props[i + 1] & 0xFF));
            }
        }
        return false;
    }

    /** The CONNACK's body with Subscription Identifier Available = 0 added to its properties. */
    private static byte[] withoutIdentifiers(byte[] body) throws IOException {
        InputStream in = new ByteArrayInputStream(body, 2, body.length - 2);
        int length = MqttPacket.readVarInt(in);
        byte[] props = in.readNBytes(length);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(body, 0, 2); // acknowledge flags, reason code
        MqttPacket.writeVarInt(b, length + 2);
        b.write(props);
        b.write(SUBSCRIPTION_IDENTIFIERS_AVAILABLE);
        b.write(0);
        return b.toByteArray();
    }

    @Override
    public void close() throws IOException {
        relay.close();
    }
}
