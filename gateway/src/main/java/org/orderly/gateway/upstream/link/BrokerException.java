package org.orderly.gateway.upstream.link;

/** A failed call to the broker, whichever MQTT client made it; the message names the client's reason. */
public final class BrokerException extends Exception {
    /** Not a failed connect, or one without a code of the client's. */
    static final int NO_REASON_CODE = -1;

    private final boolean unansweredConnect;
    private final boolean closedBeforeConnack;
    private final int connectReasonCode;

    public BrokerException(String message, Throwable cause) {
        this(message, cause, false, false, NO_REASON_CODE);
    }

    private BrokerException(String message, Throwable cause, boolean unansweredConnect, boolean closedBeforeConnack,
            int connectReasonCode) {
        super(message, cause);
        this.unansweredConnect = unansweredConnect;
        this.closedBeforeConnack = closedBeforeConnack;
        this.connectReasonCode = connectReasonCode;
    }

    /** This failure, its message followed by {@code more}; the same as to what it tells. */
    BrokerException saying(String more) {
        return new BrokerException(getMessage() + more, this, unansweredConnect, closedBeforeConnack, connectReasonCode);
    }

    /** The client's exception, with its cause (often the socket's error) when it has one. */
    static BrokerException of(Exception e) {
        return new BrokerException(why(e), e, false, false, NO_REASON_CODE);
    }

    /** Ends a connection attempt the client is still making. */
    interface Abort {
        void run() throws Exception;
    }

    /**
     * A failed connection attempt, with the client's reason code: {@link #unansweredConnect} as it tells. Paho keeps
     * an attempt whose CONNACK did not come in time going (every later connect is refused "Connect already in
     * progress", and a CONNACK that comes late connects a client the link took as failed), so {@code abort} ends it
     * then: its TCP connection closed without a DISCONNECT, as a broker that has it sees. So too an attempt whose wait
     * an interrupt ended (a stop): Paho keeps that one going as well, and refuses to close the client while it does
     * (until 2026-12-07 it was left so, its threads and socket with it: {@code UpstreamStopInterruptedWhileConnectingTest}).
     * A failure to end it is added as suppressed.
     */
    static BrokerException ofConnect(Exception e, int reasonCode, Abort abort) {
        boolean unanswered = UnansweredConnect.of(reasonCode, e);
        BrokerException failed = new BrokerException(why(e), e, unanswered,
                unanswered && reasonCode == UnansweredConnect.CONNECTION_LOST, reasonCode);
        if (reasonCode == UnansweredConnect.CLIENT_TIMEOUT || PahoInterrupt.wasInterrupted(e)) {
            try {
                abort.run();
            } catch (Exception notEnded) {
                failed.addSuppressed(notEnded);
            }
        }
        return failed;
    }

    /** A connection attempt whose CONNECT a broker may have taken without its CONNACK reaching us. */
    boolean unansweredConnect() {
        return unansweredConnect;
    }

    /**
     * A connection attempt the broker closed before answering its CONNECT (not one that timed out): what a broker does
     * with a CONNECT larger than its maximum packet size (Mosquitto 2.0.11 logs "disconnected due to oversize packet").
     */
    boolean closedBeforeConnack() {
        return closedBeforeConnack;
    }

    /**
     * The client's code for a failed connect: the broker's refusal in its CONNACK (MQTT v5: 0x80 and above, 3.1.1: 1 to
     * 5) or one of the client's own (32000 and above); {@link #NO_REASON_CODE} for any other failure.
     */
    int connectReasonCode() {
        return connectReasonCode;
    }

    private static String why(Exception e) {
        return e.getCause() != null ? e + " (" + e.getCause() + ")" : e.toString();
    }
}
