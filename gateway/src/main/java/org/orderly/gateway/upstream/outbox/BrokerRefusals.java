package org.orderly.gateway.upstream.outbox;

/**
 * The reasons a message is set aside with when the broker would not take it (as opposed to the pair of a connection
 * attempt that got no CONNACK, a run before's unacknowledged {@code online}, a time unknown), and the note added to
 * them once the broker takes a later message of the same topic. The next start reads both back from
 * {@code outbox_set_aside} to know which kinds the broker still refuses, without a column of its own: each reason
 * begins with one of the leads below, and the note is only ever appended here ({@link OutboxTable#refusalsTaken}).
 */
public final class BrokerRefusals {
    private static final String PUBACK = "the broker refused it (";
    private static final String TOO_LARGE = "its PUBLISH packet of ";
    private static final String DROPPED_ALONE = "the broker closed the connection each of the ";
    /** Appended, with the number of the message taken and a closing parenthesis. */
    static final String TAKEN_SINCE = "; the broker took a later message on its topic since (message ";

    private BrokerRefusals() {
    }

    /** Refused in the broker's PUBACK; {@code refusal} is its reason code, {@code reason code 0x87}. */
    public static String puback(String refusal) {
        return PUBACK + refusal + ")";
    }

    /** Larger than the broker's maximum packet size: not sent. */
    public static String tooLarge(long bytes, long limit) {
        return TOO_LARGE + bytes + " bytes is larger than the broker's maximum packet size of " + limit + " bytes";
    }

    /** The broker closed the connection each time it was sent alone (over MQTT 3.1.1 the only refusal seen). */
    public static String droppedAlone(int times) {
        return DROPPED_ALONE + times + " times it was sent alone (too large for it, or not allowed; over MQTT 3.1.1 it"
                + " cannot say which)";
    }

    /** A condition on {@code reason}: the broker refused the row, and has taken no later message on its topic since. */
    static String refusedNotTakenSql() {
        return "(reason LIKE '" + PUBACK + "%' OR reason LIKE '" + TOO_LARGE + "%' OR reason LIKE '" + DROPPED_ALONE
                + "%') AND reason NOT LIKE '%" + TAKEN_SINCE + "%'";
    }
}
