package org.orderly.gateway.upstream.link;

/**
 * Tells the message a broker closes the connection on, each time it is sent, from a connection that merely failed.
 * An MQTT 3.1.1 broker cannot say that a message is too large or not allowed: it disconnects, and after the reconnect
 * the same message is sent again and again, holding back everything behind it.
 *
 * <p>When a connection ends soon after it was made, the oldest message sent on it and not acknowledged becomes the
 * suspect, and messages go one at a time. The suspect's acknowledgement clears it (so after an ordinary outage the
 * backlog drains at full speed again as soon as the first message is through); when {@value #ALONE_DROPS} connections
 * in a row end with the suspect alone unacknowledged, it is the cause and is set aside. A connection that held clears
 * the suspicion too. Called from the link's thread and the MQTT client's.
 *
 * <p>So does a short connection that ended with nothing unacknowledged, such as one lost before the link marked it
 * made (its loss is taken at the mark, before the drain sent anything): it guards against a false drop and loses no
 * true one. The link connects with a clean start, so nothing of an earlier connection is sent again on it before the
 * drain sends it; such a connection ended without the suspect's help, which shows the connections are ending for
 * another reason (a broker or network that drops them). Counted as neither, a flapping broker could end two
 * connections with an innocent suspect alone in flight around it and have it set aside. A message the broker truly
 * closes the connection on is found all the same, a few connections later: the suspicion starts over, and each
 * connection that sends it ends on it. A connection that failed before it was made (its "online" not acknowledged,
 * say) counts as neither: the drain sent nothing on it.
 */
final class DroppedOnSend {
    /** Connections in a row that must end with the suspect alone unacknowledged. */
    static final int ALONE_DROPS = 2;

    private long suspect = -1;
    private int aloneDrops;

    /** Whether messages go one at a time now. */
    synchronized boolean oneAtATime() {
        return suspect >= 0;
    }

    /** The broker acknowledged {@code seq}. */
    synchronized void acknowledged(long seq) {
        if (seq == suspect) {
            clear();
        }
    }

    /**
     * A connection ended. {@code oldestUnacknowledged}: the oldest message sent on it and not acknowledged, or -1;
     * {@code held}: it lasted long enough to count as healthy. Returns the message to set aside, or -1.
     */
    synchronized long connectionEnded(long oldestUnacknowledged, boolean held) {
        if (held || oldestUnacknowledged < 0) {
            clear();
            return -1;
        }
        if (suspect < 0 || oldestUnacknowledged != suspect) {
            // Sent among others, or a new suspect: from now on it goes alone.
            boolean wasAlone = suspect >= 0;
            suspect = oldestUnacknowledged;
            aloneDrops = wasAlone ? 1 : 0;
        } else {
            aloneDrops++;
        }
        if (aloneDrops >= ALONE_DROPS) {
            long guilty = suspect;
            clear();
            return guilty;
        }
        return -1;
    }

    private void clear() {
        suspect = -1;
        aloneDrops = 0;
    }
}
