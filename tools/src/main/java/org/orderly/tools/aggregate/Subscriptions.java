package org.orderly.tools.aggregate;

import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The instance's two kinds of subscription, told apart by their MQTT 5 subscription identifiers, and which copy of a
 * message is taken. The shared ones ({@code $share/{group}/orderly/v1/+/{kind}}) carry the live messages, each to one
 * member of the group. The gateways' retained {@code state} comes by a plain subscription to
 * {@code orderly/v1/+/state} that every instance holds: MQTT 5 (3.3.1.3) sends the retained messages when a new
 * non-shared subscription is made, and Mosquitto since 2.0.13, EMQX and HiveMQ send none on a shared one, while
 * Mosquitto 2.0.11 sends them on both. So a retained copy is taken from the plain subscription only and a live
 * message from a shared one only, which holds on either kind of broker (docs/aggregate.md, "What it does with each
 * message").
 */
final class Subscriptions {
    /** The subscription identifier of the shared subscriptions. */
    static final int SHARED = 1;
    /** The subscription identifier of the plain subscription to every gateway's {@code state}. */
    static final int RETAINED_STATE = 2;
    static final String STATE_FILTER = "orderly/v1/+/state";

    private Subscriptions() {
    }

    /** The shared subscriptions, QoS 1. */
    static MqttSubscription[] shared(BrokerSettings settings) {
        return settings.filters().stream().map(f -> new MqttSubscription(f, 1)).toArray(MqttSubscription[]::new);
    }

    /**
     * The plain subscription that brings the retained {@code state} at every subscribe (Retain Handling 0), when
     * {@code state} is subscribed and the broker has subscription identifiers (without them the copies could not be
     * told apart, and only the shared subscriptions are made, as before 2026-12-05).
     */
    static Optional<MqttSubscription> retainedState(BrokerSettings settings, boolean identifiersAvailable) {
        if (!identifiersAvailable || !settings.kinds().contains("state")) {
            return Optional.empty();
        }
        MqttSubscription s = new MqttSubscription(STATE_FILTER, 1);
        s.setRetainHandling(0);
        return Optional.of(s);
    }

    /**
     * The SUBSCRIBE's properties that give its subscriptions the identifier {@code id} (Paho 1.2.5 encodes the
     * single one; a list set with {@code setSubscriptionIdentifiers} is not sent), or none when the broker has no
     * identifiers: one in a SUBSCRIBE to such a broker is a Protocol Error (MQTT 5, 3.8.2.1.2) that ends the connection.
     */
    static MqttProperties identified(int id, boolean identifiersAvailable) {
        MqttProperties p = new MqttProperties();
        if (identifiersAvailable) {
            p.setSubscriptionIdentifier(id);
        }
        return p;
    }

    /**
     * Whether a message is taken: a retained copy (RETAIN set) only from the plain {@code state} subscription, a live
     * one only from a shared subscription. A message with no identifier (a broker without them, so only the shared
     * subscriptions were made) is taken, retained or not.
     *
     * @param ids the subscription identifiers the broker gave with the message (one PUBLISH may name several)
     */
    static boolean taken(List<Integer> ids, boolean retained) {
        if (ids == null || ids.isEmpty()) {
            return true;
        }
        return ids.contains(retained ? RETAINED_STATE : SHARED);
    }
}
