package org.orderly.gateway.upstream.link;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds of message (by topic) the broker would not take: from a message of that kind set aside because the
 * broker refused it (a PUBACK reason code of 0x80 or above, a packet over its maximum size) until a later message of
 * the same kind is acknowledged, which shows the broker takes that kind again. Begun at a start from what the runs
 * before set aside ({@link org.orderly.gateway.upstream.outbox.Outbox#refusedNotTaken}), so a restart does not forget
 * a refusal whose kind has not been taken since. Written by the link's thread and the MQTT client's; read by the
 * page's.
 */
final class RefusedKinds {
    /** Per refused topic, the newest message refused on it. */
    private final Map<String, Long> refused = new ConcurrentHashMap<>();
    /**
     * Per topic, the newest message acknowledged on it in this run: a refusal found out only after a later message of
     * its kind was taken (a message the broker drops each time it is sent alone is found out connections after it was
     * first sent) is over already.
     */
    private final Map<String, Long> taken = new ConcurrentHashMap<>();

    /**
     * The broker refused message {@code seq} on {@code topic}. Returns the newest later message of that kind already
     * acknowledged (the refusal is over: nothing stands), or -1 when none is and the kind stands refused.
     */
    long refused(String topic, long seq) {
        Long takenSince = taken.get(topic);
        if (takenSince != null && takenSince > seq) {
            return takenSince;
        }
        refused.merge(topic, seq, Math::max);
        return -1;
    }

    /**
     * The broker acknowledged message {@code seq} on {@code topic}: its kind is taken again if it came after the newest
     * refused, or is that message itself (one set aside as dropped on alone whose PUBACK came after: the refusal was
     * wrong, {@link BrokerVerdicts}). True when that ends the topic's refusal (once per refusal, not per message).
     */
    boolean acknowledged(String topic, long seq) {
        taken.merge(topic, seq, Math::max);
        if (refused.isEmpty()) {
            return false;
        }
        boolean[] ended = {false};
        refused.computeIfPresent(topic, (t, newest) -> {
            ended[0] = seq >= newest;
            return ended[0] ? null : newest;
        });
        return ended[0];
    }

    /**
     * The kinds refused and not taken since, each its topic's last level ({@code state, telemetry}) in order; empty
     * when none is.
     */
    Optional<String> kinds() {
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        TreeSet<String> kinds = new TreeSet<>();
        for (String topic : refused.keySet()) {
            kinds.add(topic.substring(topic.lastIndexOf('/') + 1));
        }
        return kinds.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", kinds));
    }
}
