package org.orderly.gateway.upstream.link;

import org.orderly.gateway.upstream.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a reply's publish ended, said when the broker refused it: one WARN naming the command, the response topic, the
 * PUBACK's reason code and where the topic must be. A reply is not an outbox message, so nothing else would ever show
 * the refusal: the command is applied all the same, and the grid side, hearing nothing, sends it again. Typically an
 * ACL (docs/upstream.md, "Security") that lets the gateway publish only under its own root, and a response topic
 * outside it: Mosquitto answers 0x87. Only MQTT v5 says a refusal; a 3.1.1 PUBACK has no reason code.
 *
 * @param requestId the command's id, null when it could not be read
 */
record RefusedReply(String requestId, String topic, Topics topics) implements BrokerClient.Completion {
    private static final Logger LOG = LoggerFactory.getLogger(RefusedReply.class);
    private static final String NOT_AUTHORIZED = "0x87";

    @Override
    public void acknowledged(String refusal) {
        if (refusal != null) {
            // Only "not authorized" is the ACL's; another code (0x97 quota exceeded, 0x95 too large) says its own why.
            String what = refusal.endsWith(NOT_AUTHORIZED) ? ": the response topic must be under " + topics.root()
                    + " where the broker's ACL lets the gateway publish" : "";
            LOG.warn("reply to command {} on {} refused by the broker ({}), so the grid side does not hear it{}",
                    requestId == null ? "(no id)" : requestId, topic, refusal, what);
        }
    }

    @Override
    public void failed(Throwable why) {
        // The connection ended before the PUBACK: the grid side asks again until it hears, as for any lost reply.
        LOG.debug("reply to command {} on {} not acknowledged: {}", requestId, topic, why.toString());
    }
}
