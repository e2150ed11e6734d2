package org.orderly.gateway.upstream.link;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the link waits on the broker and the outbox: for the held pair to be stored before a connection attempt
 * ({@code heldPair}), for the SUBACK of the command topics before the subscription counts as unanswered
 * ({@code suback}), between asking again for a refused or unanswered subscription ({@code resubscribeFirst},
 * doubling to {@code resubscribeMax}), for a connection attempt's CONNACK, from the start of the attempt, before
 * the attempt is ended as unanswered ({@code connack}), between connection attempts that fail or connections that end
 * soon ({@code reconnectFirst}, doubling to {@code reconnectMax}), and for the PUBACK of a state message sent while
 * connecting, an earlier connection's will or the "online" ({@code stateAck}), and for the MQTT client's own TCP connect
 * ({@code tcpConnect}, whole seconds, as the client takes it). The gateway runs with {@link #DEFAULT};
 * tests give shorter ones, so they see a wait end without spending the gateway's seconds on it. Each is between
 * {@value #MIN_MS} ms and an hour.
 */
public record LinkTimings(Duration heldPair, Duration suback, Duration resubscribeFirst, Duration resubscribeMax,
                          Duration connack, Duration reconnectFirst, Duration reconnectMax, Duration stateAck,
                          Duration tcpConnect) {
    static final long MIN_MS = 100;
    /** Declared before {@link #DEFAULT}, which is checked against it. */
    private static final Duration MAX = Duration.ofHours(1);
    /**
     * 10 s for the pair and the SUBACK; a subscription asked for again after 10 s, doubling to 5 minutes; 15 s for the
     * CONNACK (Paho's own connect timeout, 10 s, and 5 s more); connecting again after 1 s, doubling to 30 s; 10 s for a
     * state message's PUBACK; 10 s for the client's TCP connect.
     */
    public static final LinkTimings DEFAULT = new LinkTimings(Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(ConnectRequest.CONNECT_TIMEOUT_S + 5L),
            Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofSeconds(ConnectRequest.CONNECT_TIMEOUT_S));

    public LinkTimings {
        check("heldPair", heldPair);
        check("suback", suback);
        check("resubscribeFirst", resubscribeFirst);
        check("resubscribeMax", resubscribeMax);
        check("connack", connack);
        check("reconnectFirst", reconnectFirst);
        check("reconnectMax", reconnectMax);
        check("stateAck", stateAck);
        check("tcpConnect", tcpConnect);
        if (tcpConnect.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("link timings: tcpConnect must be whole seconds, got " + tcpConnect);
        }
        if (resubscribeMax.compareTo(resubscribeFirst) < 0) {
            throw new IllegalArgumentException("link timings: resubscribeMax (" + resubscribeMax
                    + ") is below resubscribeFirst (" + resubscribeFirst + ")");
        }
        if (reconnectMax.compareTo(reconnectFirst) < 0) {
            throw new IllegalArgumentException("link timings: reconnectMax (" + reconnectMax
                    + ") is below reconnectFirst (" + reconnectFirst + ")");
        }
    }

    /** These with another wait for the held pair. */
    public LinkTimings withHeldPair(Duration wait) {
        return new LinkTimings(wait, suback, resubscribeFirst, resubscribeMax, connack, reconnectFirst, reconnectMax,
                stateAck, tcpConnect);
    }

    /** These with another wait for the SUBACK and another back-off for asking again. */
    public LinkTimings withSubscription(Duration sub, Duration first, Duration max) {
        return new LinkTimings(heldPair, sub, first, max, connack, reconnectFirst, reconnectMax, stateAck, tcpConnect);
    }

    /** These with another back-off between connection attempts. */
    public LinkTimings withReconnect(Duration first, Duration max) {
        return new LinkTimings(heldPair, suback, resubscribeFirst, resubscribeMax, connack, first, max, stateAck,
                tcpConnect);
    }

    /** These with another wait for the CONNACK. */
    public LinkTimings withConnack(Duration wait) {
        return new LinkTimings(heldPair, suback, resubscribeFirst, resubscribeMax, wait, reconnectFirst, reconnectMax,
                stateAck, tcpConnect);
    }

    /** These with another wait for a state message's PUBACK while connecting. */
    public LinkTimings withStateAck(Duration wait) {
        return new LinkTimings(heldPair, suback, resubscribeFirst, resubscribeMax, connack, reconnectFirst, reconnectMax,
                wait, tcpConnect);
    }

    /** These with another wait for the MQTT client's own TCP connect (whole seconds). */
    public LinkTimings withTcpConnect(Duration wait) {
        return new LinkTimings(heldPair, suback, resubscribeFirst, resubscribeMax, connack, reconnectFirst, reconnectMax,
                stateAck, wait);
    }

    private static void check(String name, Duration d) {
        Objects.requireNonNull(d, "link timings: " + name);
        if (d.toMillis() < MIN_MS || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("link timings: " + name + " must be within " + MIN_MS + " ms and "
                    + MAX + ", got " + d);
        }
    }
}
