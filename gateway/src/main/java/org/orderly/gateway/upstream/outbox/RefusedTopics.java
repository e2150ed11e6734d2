package org.orderly.gateway.upstream.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which set-aside messages are said in an {@code outbox.setAside} event, per topic: the first at once, those within
 * {@link #every} of the last said counted and summed up in one event once that much time has passed. A topic the broker
 * refuses for good (telemetry every 3 s) then makes one event per {@link #every}, not one per message. Writer thread
 * only; a caller whose transaction is rolled back puts the topic's state back with {@link #restore}.
 */
final class RefusedTopics {
    /** A topic's state: when an event last said its refusals, and those since, not said yet. */
    record Topic(Instant saidAt, long unsaid, long firstSeq, long lastSeq, String lastReason) {
    }

    /** Refusals on {@code topic} not said yet, to be said in one event. */
    record Summary(String topic, Instant since, long count, long firstSeq, long lastSeq, String lastReason) {
    }

    private final Duration every;
    private final Map<String, Topic> topics = new HashMap<>();

    RefusedTopics(Duration every) {
        this.every = every;
    }

    Duration every() {
        return every;
    }

    /** The state of {@code topic} (null when nothing was set aside on it), for {@link #restore}. */
    Topic state(String topic) {
        return topics.get(topic);
    }

    void restore(String topic, Topic state) {
        if (state == null) {
            topics.remove(topic);
        } else {
            topics.put(topic, state);
        }
    }

    /**
     * Message {@code seq} on {@code topic} is set aside at {@code now}: true when it is to be said at once (nothing
     * said on the topic within {@link #every}); else it is counted for a {@link #due} summary, unless
     * {@code counted} is false (a set-aside event itself, which no event can say more of).
     */
    boolean sayNow(String topic, Instant now, long seq, String reason, boolean counted) {
        Topic t = topics.get(topic);
        if (t == null || (t.unsaid() == 0 && !now.isBefore(t.saidAt().plus(every)))) {
            topics.put(topic, new Topic(now, 0, 0, 0, null));
            return true;
        }
        if (counted) {
            topics.put(topic, new Topic(t.saidAt(), t.unsaid() + 1, t.unsaid() == 0 ? seq : t.firstSeq(), seq,
                    reason));
        }
        return false;
    }

    /** The summaries due at {@code now} (last said {@link #every} ago or more); each to be {@link #said}. */
    List<Summary> due(Instant now) {
        List<Summary> due = new ArrayList<>();
        for (Map.Entry<String, Topic> e : topics.entrySet()) {
            Topic t = e.getValue();
            if (t.unsaid() > 0 && !now.isBefore(t.saidAt().plus(every))) {
                due.add(new Summary(e.getKey(), t.saidAt(), t.unsaid(), t.firstSeq(), t.lastSeq(), t.lastReason()));
            }
        }
        return due;
    }

    /** An event has said everything counted on {@code topic}, at {@code now}. */
    void said(String topic, Instant now) {
        topics.put(topic, new Topic(now, 0, 0, 0, null));
    }
}
