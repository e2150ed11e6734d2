package org.orderly.gateway.field.pile;

/**
 * What a driver's pile id is to the bridge it drives: the three uses there are, in place of two booleans (whether
 * {@code /info pileId} must be it, whether limits name it) of which one pair was never used.
 */
public enum PileIdRole {
    /**
     * The pile's id in the gateway's configuration: the bridge's {@code /info pileId} must be it, a bridge saying
     * another being given nothing ({@link BridgeInfoCheck}), and each limit names it to a bridge whose {@code /info}
     * says it takes {@code pileId}, so that a bridge of another pile refuses it.
     */
    CONFIGURED(true, true),
    /**
     * An id a commissioning command was given ({@code --id}): named in the limits as {@link #CONFIGURED} is, so that a
     * bridge of another pile refuses them, but not held against {@code /info} by the driver, whose statuses the command
     * shows whoever the bridge says it is (the command compares the two itself and says so).
     */
    COMMAND_ID(false, true),
    /** Only a name for messages (a command given no {@code --id}): whatever pile the bridge is, it is driven. */
    NAME_ONLY(false, false);

    private final boolean checked;
    private final boolean sent;

    PileIdRole(boolean checked, boolean sent) {
        this.checked = checked;
        this.sent = sent;
    }

    /** Whether the bridge's {@code /info pileId} must be this id. */
    boolean checked() {
        return checked;
    }

    /** Whether limits name this id to a bridge that takes {@code pileId}. */
    boolean sent() {
        return sent;
    }
}
