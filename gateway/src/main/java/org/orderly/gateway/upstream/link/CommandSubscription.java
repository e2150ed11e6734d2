package org.orderly.gateway.upstream.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.orderly.gateway.store.EventKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link's subscription to the command topics, asked for on each connection without waiting for the SUBACK: nothing
 * else the link does waits on it. A broker that refuses it (a failure code in its SUBACK, an ACL say) or does not
 * answer within {@link LinkTimings#suback} keeps the connection: the link stays connected without commands, says so
 * once (an ERROR and a {@value MqttLink#COMMANDS_REFUSED} event) and asks again after {@link
 * LinkTimings#resubscribeFirst} doubling to {@link LinkTimings#resubscribeMax}, also across reconnects. A SUBACK that
 * comes after the wait is still taken, for the connection it was asked on only: answers are tagged with their
 * connection, and those of a connection that ended are dropped.
 *
 * <p>Link thread only, but for the SUBACKs, which Paho's thread queues ({@link #answers}) for {@link #step}.
 */
final class CommandSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(CommandSubscription.class);

    /** What a SUBSCRIBE got: the SUBACK's codes, or why none will come. */
    private record Answer(int connection, long attempt, int[] codes, Throwable failure) {
    }

    /** Says a change of the subscription: stores and publishes the event, with its arguments ({@link EventKind}). */
    interface Say {
        void event(EventKind kind, String text, Object... args);
    }

    private final BrokerClient client;
    private final List<String> wanted;
    private final String broker;
    private final String clientId;
    private final Say say;
    private final Runnable wakeUp;
    private final long subackWaitNanos;
    private final Backoff backoff;
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    /** The connection asked on now (the link's generation). */
    private int connection;
    /** SUBSCRIBEs sent since start, numbering them. */
    private long attempts;
    /** The highest attempt of this connection answered; an older answer coming after it is stale. */
    private long lastAnswered;
    /** The attempt whose SUBACK is waited for until {@link #awaitedUntil}, or -1. */
    private long awaited = -1;
    private long awaitedUntil;
    /** The subscription is to be asked for again at {@link #dueAt}. */
    private boolean due;
    private long dueAt;
    /**
     * The refusal said last (logged and sent as an event), null while the commands are subscribed; read by the page
     * ({@link #refusal}).
     */
    private volatile String refusalSaid;

    CommandSubscription(BrokerClient client, List<String> wanted, String broker, String clientId, LinkTimings timings,
                        Say say, Runnable wakeUp) {
        this.client = client;
        this.wanted = List.copyOf(wanted);
        this.broker = broker;
        this.clientId = clientId;
        this.say = say;
        this.wakeUp = wakeUp;
        this.subackWaitNanos = timings.suback().toNanos();
        this.backoff = new Backoff(timings.resubscribeFirst().toMillis(), timings.resubscribeMax().toMillis());
    }

    /** The refusal (the topics with their reason codes, or that no SUBACK came) until a SUBACK takes it. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusalSaid);
    }

    /**
     * A connection was made: what was asked on the one before no longer counts; the SUBSCRIBE is sent now, its SUBACK
     * not waited for here. False only when the connection ended before it could be sent.
     */
    boolean connected(int connectionNumber, long nowNanos) {
        connection = connectionNumber;
        answers.clear();
        lastAnswered = 0;
        awaited = -1;
        due = false;
        return send(nowNanos);
    }

    /**
     * Takes the SUBACKs come meanwhile, ends a wait that is over and asks again when that is due (a SUBSCRIBE that
     * cannot be sent because the connection ended is asked for on the next one).
     */
    void step(long nowNanos) {
        for (Answer a = answers.poll(); a != null; a = answers.poll()) {
            take(a, nowNanos);
        }
        if (awaited >= 0 && nowNanos - awaitedUntil >= 0) {
            awaited = -1;
            refused(String.join(", ", wanted) + " (no SUBACK within " + waited() + ")", true, nowNanos);
        }
        if (due && nowNanos - dueAt >= 0) {
            send(nowNanos);
        }
    }

    /** The wait for a SUBACK as said: "10 s", or "500 ms" below a whole second. */
    private String waited() {
        long ms = TimeUnit.NANOSECONDS.toMillis(subackWaitNanos);
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private boolean send(long nowNanos) {
        due = false;
        if (wanted.isEmpty()) {
            return true;
        }
        long attempt = ++attempts;
        int conn = connection;
        try {
            client.subscribe(wanted, new BrokerClient.Subscribed() {
                @Override
                public void answered(int[] codes) {
                    answers.add(new Answer(conn, attempt, codes, null));
                    wakeUp.run();
                }

                @Override
                public void failed(Throwable why) {
                    answers.add(new Answer(conn, attempt, null, why));
                    wakeUp.run();
                }
            });
        } catch (BrokerException e) {
            if (!client.isConnected()) {
                return false;
            }
            refused(String.join(", ", wanted) + " (no SUBACK: " + e.getMessage() + ")", true, nowNanos);
            return true;
        }
        awaited = attempt;
        awaitedUntil = nowNanos + subackWaitNanos;
        return true;
    }

    private void take(Answer a, long nowNanos) {
        if (a.connection() != connection || a.attempt() < lastAnswered) {
            return;
        }
        if (a.failure() != null) {
            if (a.attempt() == awaited && client.isConnected()) {
                awaited = -1;
                refused(String.join(", ", wanted) + " (no SUBACK: " + a.failure() + ")", true, nowNanos);
            }
            // Otherwise the connection ended: the next one asks again.
            return;
        }
        lastAnswered = a.attempt();
        if (a.attempt() == awaited) {
            awaited = -1;
        }
        String refused = refusals(wanted, a.codes());
        if (refused != null) {
            refused(refused, false, nowNanos);
            return;
        }
        // Taken (also when late, or by an attempt before the one now waited for): nothing more to wait or ask for.
        awaited = -1;
        due = false;
        backoff.reset();
        if (refusalSaid != null) {
            refusalSaid = null;
            String text = "the broker " + broker + " now takes the subscription to " + wanted
                    + ": commands are received again";
            LOG.info("upstream: {}", text);
            say.event(EventKind.UPSTREAM_COMMANDS_SUBSCRIBED, text, "broker", broker, "topics",
                    String.join(", ", wanted));
        }
    }

    private void refused(String refused, boolean unanswered, long nowNanos) {
        if (!due) {
            due = true;
            dueAt = nowNanos + TimeUnit.MILLISECONDS.toNanos(backoff.next());
        }
        if (refused.equals(refusalSaid)) {
            LOG.debug("upstream: subscription refused again: {}; next try in {} ms", refused,
                    TimeUnit.NANOSECONDS.toMillis(dueAt - nowNanos));
            return;
        }
        refusalSaid = refused;
        // Without a SUBACK the broker may have taken the subscription all the same: commands may still come.
        String text = "the broker " + broker + (unanswered ? " did not answer" : " refused")
                + " the subscription to " + refused + " for client " + clientId + ": commands (grid caps, "
                + "history requests) " + (unanswered ? "may not be received" : "cannot be received") + "; the gateway"
                + " stays connected and publishes, and asks again with back-off (check the broker's ACL for this"
                + " client" + (unanswered ? " and its log" : "") + ")";
        LOG.error("upstream: {}", text);
        say.event(EventKind.UPSTREAM_COMMANDS_REFUSED, text, EventKind.FORM, unanswered ? "unanswered" : "refused",
                "broker", broker, "topics", refused, "clientId", clientId);
    }

    /** The topics whose SUBACK code is a failure, each with its code ("t (reason code 0x87)"); null when none is. */
    static String refusals(List<String> topics, int[] codes) {
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < topics.size(); i++) {
            if (codes == null || i >= codes.length) {
                refused.add(topics.get(i) + " (no code for it in the SUBACK)");
            } else if (codes[i] >= 0x80) {
                refused.add(topics.get(i) + " (reason code 0x" + Integer.toHexString(codes[i]) + ")");
            }
        }
        return refused.isEmpty() ? null : String.join(", ", refused);
    }
}
