package org.orderly.gateway.upstream.command;

import java.util.Arrays;
import org.orderly.gateway.upstream.message.MessageKind;

/**
 * Which MQTT v5 response topics a command may name (docs/upstream.md, "Commands"). The reply is published where the
 * command says, so a topic filter (a wildcard, or empty) cannot take it; and a topic the contract gives a meaning of
 * its own must not: any gateway's {@code state}, {@code telemetry}, {@code plan}, {@code events} or {@code sessions},
 * which every consumer of the contract reads as that kind of message (the grid side's {@code orderly aggregate} puts a
 * reply on {@code telemetry} in its dead letters), and a command topic ({@code cmd/...}), where a gateway would take
 * the reply for a command.
 */
final class ResponseTopicRule {
    private static final String PREFIX = "orderly/v1/";

    private ResponseTopicRule() {
    }

    /**
     * @param topic the command's response topic
     * @param said  that topic as the reason may say it back (bounded, on one line)
     * @return the rejection's reason, starting {@code responseTopic:}, or null when a reply may go there
     */
    static String refusal(String topic, String said) {
        if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
            return "responseTopic: '" + said + "' must be a topic name without wildcards";
        }
        if (isTheContracts(topic)) {
            return "responseTopic: '" + said + "' is a topic of the contract's own messages or commands; a reply there"
                    + " would be read as one of them: choose one such as orderly/v1/{gatewayId}/replies/{grid client}";
        }
        return null;
    }

    /** {@code orderly/v1/{any gateway}/} followed by a published message kind's level, or by {@code cmd}. */
    private static boolean isTheContracts(String topic) {
        if (!topic.startsWith(PREFIX)) {
            return false;
        }
        int gatewayEnd = topic.indexOf('/', PREFIX.length());
        if (gatewayEnd < 0) {
            return false;
        }
        String below = topic.substring(gatewayEnd + 1);
        return below.equals("cmd") || below.startsWith("cmd/")
                || Arrays.stream(MessageKind.values()).anyMatch(k -> k.topic().equals(below));
    }
}
