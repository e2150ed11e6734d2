package org.orderly.gateway.upstream.link;

/**
 * The MQTT version the link speaks. v5 is the contract (a history request's reply goes to its response topic with
 * its correlation data); 3.1.1 is for brokers without v5, such as the demo's Moquette: no response topic, so every
 * reply goes to {@code orderly/v1/{gatewayId}/replies} and history requests are refused.
 */
public enum MqttProtocol {
    MQTT5("mqtt5"),
    MQTT311("mqtt311");

    private final String configName;

    MqttProtocol(String configName) {
        this.configName = configName;
    }

    /** How it is spelled in the configuration's {@code upstream.protocol}. */
    public String configName() {
        return configName;
    }
}
