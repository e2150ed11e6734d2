package org.orderly.gateway.upstream.command;

/**
 * Sends a reply to a topic, with the request's correlation data (null when it had none); says how large a packet the
 * broker takes, so an answer too large for it is refused with a reason rather than sent.
 */
@FunctionalInterface
public interface Replier {
    /** @param requestId the command's id as the reply says it (null when unreadable), for what is logged of it */
    boolean reply(String requestId, String topic, byte[] payload, byte[] correlation);

    /** The largest packet the broker takes, in bytes; 0 when it is not known (no limit). */
    default long maxPacketBytes() {
        return 0;
    }
}
