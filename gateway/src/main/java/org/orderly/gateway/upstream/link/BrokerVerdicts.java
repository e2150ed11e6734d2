package org.orderly.gateway.upstream.link;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.orderly.gateway.store.StoreException;
import org.orderly.gateway.upstream.outbox.BrokerRefusal;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker made of each message the link sent: taken (its PUBACK), refused (a PUBACK reason code of 0x80 or
 * above, a packet over its maximum size, or a message it closes the connection on each time it is sent alone:
 * {@link DroppedOnSend}), and the kinds it refused and has not taken since ({@link RefusedKinds}, the page's alarm). A
 * refused message is set aside in the outbox as refused; once a later message of its topic is taken its set-aside is
 * marked taken ({@link Outbox#refusalsTaken}), so a start raises the alarm only for kinds not taken since.
 *
 * <p>Each message sent is decided once: by its PUBACK, or by the link's thread when a connection ended with it the
 * message dropped on alone. Both decide under one lock and the first takes the message out of those unacknowledged,
 * so a message whose PUBACK came while the connection's end was being judged would not be set aside as dropped (until
 * 2026-12-04 the link's code would have set it aside, as refused of no kind, its topic's alarm then standing at the
 * next start), and a PUBACK that takes a message after it was set aside as dropped ends that refusal at once
 * ({@link RefusedKinds#acknowledged}, its set-aside marked taken by itself). Paho 1.2.5 waits for its callback and
 * receiver threads to stop before it reports a connection lost, so a PUBACK of that connection comes before the report
 * or never; this does not rely on it. Called from the link's thread and the MQTT client's.
 */
final class BrokerVerdicts {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerVerdicts.class);

    private final Outbox outbox;
    private final Object lock = new Object();
    /** Messages sent on the current connection and not yet acknowledged, by number, with their topic. */
    private final TreeMap<Long, String> unacknowledged = new TreeMap<>();
    private final DroppedOnSend droppedOnSend = new DroppedOnSend();
    private final RefusedKinds refusedKinds = new RefusedKinds();

    BrokerVerdicts(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * The kinds the runs before left refused and not taken since, from the set-aside messages: the page's alarm stands
     * across a restart until a later message of each is taken, as across a reconnect. A store that cannot be read
     * here leaves it to this run's refusals (said in a WARN).
     */
    void rememberRefusals() {
        try {
            Map<String, Long> before = outbox.refusedNotTaken();
            synchronized (lock) {
                before.forEach(refusedKinds::refused);
            }
            if (!before.isEmpty()) {
                LOG.warn("upstream: before this start the broker refused messages (by topic, the newest set aside: {})"
                        + " and has taken none of their kinds since; the page's alarm stands until it does", before);
            }
        } catch (StoreException e) {
            outbox.damaged(e);
            LOG.warn("upstream: which kinds of message the broker refused before this start could not be read ({});"
                    + " the page says only this run's refusals", e.getMessage());
        }
    }

    /** The kinds refused and not taken since ({@code state, telemetry}), or empty. */
    Optional<String> refusedKinds() {
        return refusedKinds.kinds();
    }

    /** Whether the drain sends one message at a time: a suspect of {@link DroppedOnSend} is out. */
    boolean oneAtATime() {
        return droppedOnSend.oneAtATime();
    }

    /** A new connection: what was unacknowledged on the one before is sent again from the outbox, not awaited. */
    void connectionMade() {
        synchronized (lock) {
            unacknowledged.clear();
        }
    }

    /** The drain sent message {@code seq} on {@code topic} on the current connection. */
    void sent(long seq, String topic) {
        synchronized (lock) {
            unacknowledged.put(seq, topic);
        }
    }

    /**
     * The PUBACK of message {@code seq} on {@code topic}: taken when {@code refusal} is null, else refused with it.
     * Returns whether it was taken.
     */
    boolean acknowledged(long seq, String topic, String refusal) {
        synchronized (lock) {
            unacknowledged.remove(seq);
            droppedOnSend.acknowledged(seq);
            if (refusal != null) {
                refusedOn(topic, seq, BrokerRefusal.puback(refusal));
                return false;
            }
            taken(topic, seq);
            return true;
        }
    }

    /** The broker has message {@code seq} on {@code topic}: it leaves the outbox, and its kind is one it takes. */
    void taken(String topic, long seq) {
        synchronized (lock) {
            if (refusedKinds.acknowledged(topic, seq)) {
                outbox.refusalsTaken(topic, seq);
            }
            outbox.acknowledged(seq);
        }
    }

    /**
     * The broker refused message {@code seq} on {@code topic}: set aside as refused, and its kind refused until a later
     * message of it is taken. When one was taken already in this run (a message dropped each time it is sent alone is
     * found out connections after it was first sent; a PUBACK may come after a later one's), the set-aside is marked
     * taken by it at once: until 2026-12-04 it was left not taken, and the next start raised the page's alarm for it.
     */
    void refused(String topic, long seq, BrokerRefusal refusal) {
        synchronized (lock) {
            refusedOn(topic, seq, refusal);
        }
    }

    private void refusedOn(String topic, long seq, BrokerRefusal refusal) {
        long takenSince = refusedKinds.refused(topic, seq);
        outbox.setAside(seq, refusal);
        if (takenSince >= 0) {
            outbox.refusalsTaken(topic, takenSince);
        }
    }

    /**
     * A connection ended; {@code held}: it lasted long enough to count as healthy. The message it was dropped on each
     * time alone ({@link DroppedOnSend}), if any, is set aside as refused, unless its PUBACK decided it first.
     */
    void connectionEnded(boolean held) {
        synchronized (lock) {
            long oldest = unacknowledged.isEmpty() ? -1 : unacknowledged.firstKey();
            long guilty = droppedOnSend.connectionEnded(oldest, held);
            if (guilty < 0) {
                return;
            }
            // The oldest unacknowledged, read under the lock its PUBACK would take: it is still there.
            String topic = unacknowledged.remove(guilty);
            refusedOn(topic, guilty, BrokerRefusal.droppedAlone(DroppedOnSend.ALONE_DROPS));
        }
    }
}
