package org.orderly.gateway.upstream.message;

/** The kinds of message the gateway publishes: the envelope's {@code type}, and the topic under the gateway's root. */
public enum MessageKind {
    STATE("state", "state", true),
    TELEMETRY("telemetry", "telemetry", false),
    PLAN("plan", "plan", false),
    EVENT("event", "events", false),
    SESSION("session", "sessions", false);

    private final String type;
    private final String topic;
    private final boolean retained;

    MessageKind(String type, String topic, boolean retained) {
        this.type = type;
        this.topic = topic;
        this.retained = retained;
    }

    public String type() {
        return type;
    }

    /** The topic level under {@code orderly/v1/{gatewayId}/}. */
    public String topic() {
        return topic;
    }

    public boolean retained() {
        return retained;
    }
}
