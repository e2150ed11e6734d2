package org.orderly.gateway.upstream.link;

/**
 * Tells the message a broker closes the connection on, each time it is sent, from a connection that merely failed.
 * An MQTT 3.1.1 broker cannot say that a message is too large or not allowed: it disconnects, and after the reconnect
 * the same message is sent again and again, holding back everything behind it. After a connection ends soon after it
 * was made with messages unacknowledged, the next connections send one message at a time; when two of them in a row
 * end with the same single message unacknowledged, that message is the cause and is set aside. Normal sending resumes
 * once a connection holds, or the message is set aside.
 */
final class DroppedOnSend {
    /** Connections in a row, sending one message at a time, that must end on the same message. */
    static final int SINGLE_DROPS = 2;

    private boolean suspecting;
    private long suspect = -1;
    private int drops;

    /** Whether messages go one at a time now. */
    boolean oneAtATime() {
        return suspecting;
    }

    /**
     * A connection ended. {@code oldestUnacknowledged}: the oldest message sent on it and not acknowledged, or -1;
     * {@code held}: it lasted long enough to count as healthy. Returns the message to set aside, or -1.
     */
    long connectionEnded(long oldestUnacknowledged, boolean held) {
        if (held || oldestUnacknowledged < 0) {
            reset();
            return -1;
        }
        if (!suspecting) {
            suspecting = true;
            return -1;
        }
        if (oldestUnacknowledged == suspect) {
            drops++;
        } else {
            suspect = oldestUnacknowledged;
            drops = 1;
        }
        if (drops >= SINGLE_DROPS) {
            long guilty = suspect;
            reset();
            return guilty;
        }
        return -1;
    }

    private void reset() {
        suspecting = false;
        suspect = -1;
        drops = 0;
    }
}
