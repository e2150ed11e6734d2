package org.orderly.gateway.upstream.link;

/**
 * A message received on a command topic: its payload and, under MQTT v5 only, the response topic and correlation
 * data it asked its reply to carry (null when absent, and always null under MQTT 3.1.1).
 */
public record IncomingCommand(String topic, byte[] payload, String responseTopic, byte[] correlation) {
}
