package org.orderly.gateway.upstream.link;

import org.orderly.gateway.upstream.outbox.OutboxRow;

/**
 * A {@code state} message published while connecting that the broker did not acknowledge in time (or the connection
 * ended first): which one it was, {@code what} as the log names it ("online", "an earlier connection's offline"), and
 * its row, so the failure names the message that failed rather than the connection's "online" whatever it was. Its
 * message is the {@link BrokerException}'s.
 */
final class StateNotSaid extends Exception {
    private final String what;
    private final transient OutboxRow row;

    StateNotSaid(String what, OutboxRow row, BrokerException cause) {
        super(cause.getMessage(), cause);
        this.what = what;
        this.row = row;
    }

    String what() {
        return what;
    }

    OutboxRow row() {
        return row;
    }
}
