package org.orderly.gateway.upstream.link;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the link waits on the broker and the outbox: for the held pair to be stored before a connection attempt
 * ({@code heldPair}), for the SUBACK of the command topics before the subscription counts as unanswered
 * ({@code suback}), and between asking again for a refused or unanswered subscription ({@code resubscribeFirst},
 * doubling to {@code resubscribeMax}). The gateway runs with {@link #DEFAULT}; tests give shorter ones, so they see a
 * wait end without spending the gateway's seconds on it. Each is between {@value #MIN_MS} ms and an hour.
 */
public record LinkTimings(Duration heldPair, Duration suback, Duration resubscribeFirst, Duration resubscribeMax) {
    static final long MIN_MS = 100;
    /** Declared before {@link #DEFAULT}, which is checked against it. */
    private static final Duration MAX = Duration.ofHours(1);
    /** 10 s for the pair and the SUBACK; a subscription asked for again after 10 s, doubling to 5 minutes. */
    public static final LinkTimings DEFAULT = new LinkTimings(Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofSeconds(10), Duration.ofMinutes(5));

    public LinkTimings {
        check("heldPair", heldPair);
        check("suback", suback);
        check("resubscribeFirst", resubscribeFirst);
        check("resubscribeMax", resubscribeMax);
        if (resubscribeMax.compareTo(resubscribeFirst) < 0) {
            throw new IllegalArgumentException("link timings: resubscribeMax (" + resubscribeMax
                    + ") is below resubscribeFirst (" + resubscribeFirst + ")");
        }
    }

    /** These with another wait for the held pair. */
    public LinkTimings withHeldPair(Duration wait) {
        return new LinkTimings(wait, suback, resubscribeFirst, resubscribeMax);
    }

    private static void check(String name, Duration d) {
        Objects.requireNonNull(d, "link timings: " + name);
        if (d.toMillis() < MIN_MS || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("link timings: " + name + " must be within " + MIN_MS + " ms and "
                    + MAX + ", got " + d);
        }
    }
}
