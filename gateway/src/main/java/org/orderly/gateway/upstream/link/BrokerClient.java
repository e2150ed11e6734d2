package org.orderly.gateway.upstream.link;

import java.util.List;
import java.util.Optional;

/**
 * The few MQTT calls the link makes, so that one {@link MqttLink} (outbox drain, reconnects, "online" first, commands)
 * serves both MQTT versions: {@link Mqtt5Client} and {@link Mqtt311Client}. Every publish is QoS 1. Sessions are
 * clean and the client never reconnects by itself: each connection needs a new will.
 */
public sealed interface BrokerClient permits Mqtt5Client, Mqtt311Client {

    /** What the client reports, on its own thread: these must only queue or flip flags. */
    interface Events {
        /** The connection ended without the link asking. */
        void lost(String why);

        void arrived(IncomingCommand command);
    }

    /** How one asynchronous publish ended. */
    interface Completion {
        /** The broker acknowledged it; {@code refusal} is null, or why a v5 broker refused it (PUBACK reason). */
        void acknowledged(String refusal);

        /** Not acknowledged (the connection broke first): it must be sent again. */
        void failed(Throwable why);

        /**
         * For {@link #publishAndWait}'s {@code late}: the PUBLISH is handed to the client, which sends it whatever the
         * waiting thread does next (an interrupt from here on ends the wait, not the send); the wait begins.
         */
        default void sent() {
        }

        /** For a publish whose outcome after its wait nobody takes. */
        Completion UNHEARD = new Completion() {
            @Override
            public void acknowledged(String refusal) {
                // The caller gave the wait up: the message stays in the outbox and is sent again.
            }

            @Override
            public void failed(Throwable why) {
                // As above.
            }
        };
    }

    /** How one SUBSCRIBE ended, heard on the client's thread: must only queue or flip flags. */
    interface Subscribed {
        /**
         * The SUBACK came: its code for each topic, in order: the QoS granted (0 to 2), or a failure (0x80 and above:
         * MQTT 3.1.1 has only 0x80, v5 says why, 0x87 not authorized).
         */
        void answered(int[] codes);

        /** No SUBACK will come for it (the connection ended). */
        void failed(Throwable why);
    }

    static BrokerClient create(MqttProtocol protocol, String broker, String clientId, Events events)
            throws BrokerException {
        return switch (protocol) {
            case MQTT5 -> new Mqtt5Client(broker, clientId, events);
            case MQTT311 -> new Mqtt311Client(broker, clientId, events);
        };
    }

    /**
     * Connects, waiting up to {@link ConnectRequest#connackWait}; an attempt whose CONNACK has not come by then is
     * ended, not left going (its failure says {@link BrokerException#unansweredConnect}).
     */
    void connect(ConnectRequest request) throws BrokerException;

    /**
     * Sends a SUBSCRIBE at QoS 1 without waiting for its SUBACK, which {@code done} hears whenever it comes (never, if
     * the broker does not answer and the connection lasts). Throws when it cannot even be sent.
     */
    void subscribe(List<String> topics, Subscribed done) throws BrokerException;

    /**
     * Publishes at QoS 1 and waits up to {@code timeoutMs}, first for room among the publishes not yet acknowledged
     * ({@link #receiveMaximum}), then for the PUBACK: empty when the broker took the message, or why a v5 broker
     * refused it (a PUBACK reason code of 0x80 or above, which Paho completes the wait on normally, as
     * {@link Completion#acknowledged} hears it). MQTT 3.1.1 has no such code: always empty there. Throws when the wait
     * ends first (it timed out, or the waiting thread was interrupted); the PUBACK, if it comes after, is not heard.
     */
    default Optional<String> publishAndWait(String topic, byte[] payload, boolean retained, long timeoutMs)
            throws BrokerException {
        return publishAndWait(topic, payload, retained, timeoutMs, Completion.UNHEARD);
    }

    /**
     * As above; when the wait ends first, {@code late} hears how the publish ends after it: its PUBACK (the broker has
     * the message, which the caller no longer waits for), or its failure. Heard once, by the waiting thread or by
     * {@code late}, never both.
     */
    Optional<String> publishAndWait(String topic, byte[] payload, boolean retained, long timeoutMs, Completion late)
            throws BrokerException;

    /**
     * Publishes at QoS 1 if there is room among the publishes not yet acknowledged ({@link #receiveMaximum}), without
     * waiting for it; {@code done} hears how it ended. False when there is none: nothing was sent and {@code done}
     * hears nothing; room comes back as the publishes in flight complete. Throws when it cannot even be queued.
     */
    boolean publish(String topic, byte[] payload, boolean retained, Completion done) throws BrokerException;

    /**
     * Publishes a reply at QoS 1 without waiting for its PUBACK, once there is room ({@link #receiveMaximum}), waiting
     * up to {@code roomWaitMs} for it (throws when none came); {@code correlation} (may be null) goes along as v5
     * correlation data and is ignored under 3.1.1, which has no such field. {@code done} hears how it ended, a v5
     * broker's refusal in its PUBACK included, as for {@link #publish}.
     */
    void reply(String topic, byte[] payload, byte[] correlation, long roomWaitMs, Completion done)
            throws BrokerException;

    /**
     * How many QoS 1 PUBLISHes may be unacknowledged at once on this connection, all publishes together: under MQTT v5
     * the Receive Maximum the broker announced in its CONNACK (65535 when it announced none), under 3.1.1, which has
     * no such field, the client's own limit. Publishing waits for room rather than go beyond it (Paho would refuse
     * the publish, 32202).
     */
    int receiveMaximum();

    boolean isConnected();

    /**
     * The largest packet, in bytes, the broker said it accepts when this connection was made (MQTT v5 CONNACK), or
     * 0 when it said nothing (it may still have a limit; MQTT 3.1.1 has no way to say).
     */
    long maximumPacketSize();

    /**
     * The largest packet, in bytes, this client itself sends, or 0 when it has no limit of its own. Paho 1.2.5's MQTT
     * v5 client holds what it sends to the Maximum Packet Size it announced for what it takes, not to the broker's
     * (eclipse/paho.mqtt.java#987): a larger PUBLISH it refuses on its sending thread ("Outgoing packet too large",
     * 51002) and ends the connection.
     */
    long ownPacketLimit();

    /** A normal DISCONNECT (the broker discards the will), waiting up to {@code timeoutMs}. */
    void disconnect(long timeoutMs) throws BrokerException;

    /**
     * Ends the connection so that the broker publishes the will, as when a connection drops, waiting up to
     * {@code timeoutMs}: for a stop whose own "offline" the broker did not acknowledge, after which a normal DISCONNECT
     * would leave the gateway's retained state "online".
     */
    void disconnectLeavingWill(long timeoutMs) throws BrokerException;

    /** Frees the client's threads; it cannot be used after. */
    void close() throws BrokerException;
}
