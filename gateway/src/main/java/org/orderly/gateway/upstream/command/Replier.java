package org.orderly.gateway.upstream.command;

/** Sends a reply to a topic, with the request's correlation data (null when it had none). */
@FunctionalInterface
public interface Replier {
    boolean reply(String topic, byte[] payload, byte[] correlation);
}
