package org.orderly.gateway.upstream.outbox;

/**
 * Why a message is set aside when the broker would not take it, as opposed to the pair of a connection attempt that got
 * no CONNACK, a run before's unacknowledged {@code online} or a time unknown: set aside with one of these, the row is
 * marked refused ({@code outbox_set_aside.refused}, migration 10), and a start raises the page's alarm from it until
 * the broker takes a later message on its topic. {@code reason} is only the operator's text; nothing reads it back.
 */
public record BrokerRefusal(String reason) {
    /** Refused in the broker's PUBACK; {@code refusal} is its reason code, {@code reason code 0x87}. */
    public static BrokerRefusal puback(String refusal) {
        return new BrokerRefusal("the broker refused it (" + refusal + ")");
    }

    /** Larger than the broker's maximum packet size: not sent. */
    public static BrokerRefusal tooLarge(long bytes, long limit) {
        return new BrokerRefusal("its PUBLISH packet of " + bytes + " bytes is larger than the broker's maximum packet"
                + " size of " + limit + " bytes");
    }

    /**
     * Larger than the MQTT client sends ({@code limit}: Paho 1.2.5's v5 client holds what it sends to the Maximum
     * Packet Size the gateway announced for what it takes): not sent.
     */
    public static BrokerRefusal tooLargeForClient(long bytes, long limit) {
        return new BrokerRefusal("its PUBLISH packet of " + bytes + " bytes is larger than the MQTT client sends ("
                + limit + " bytes, the maximum packet size the gateway announces for what it takes)");
    }

    /** The broker closed the connection each time it was sent alone (over MQTT 3.1.1 the only refusal seen). */
    public static BrokerRefusal droppedAlone(int times) {
        return new BrokerRefusal("the broker closed the connection each of the " + times + " times it was sent alone"
                + " (too large for it, or not allowed; over MQTT 3.1.1 it cannot say which)");
    }
}
