package org.orderly.gateway.upstream.link;

/** A failed call to the broker, whichever MQTT client made it; the message names the client's reason. */
public final class BrokerException extends Exception {
    private final boolean unansweredConnect;

    public BrokerException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private BrokerException(String message, Throwable cause, boolean unansweredConnect) {
        super(message, cause);
        this.unansweredConnect = unansweredConnect;
    }

    /** The client's exception, with its cause (often the socket's error) when it has one. */
    static BrokerException of(Exception e) {
        return new BrokerException(why(e), e, false);
    }

    /** Ends a connection attempt the client is still making. */
    interface Abort {
        void run() throws Exception;
    }

    /**
     * A failed connection attempt, with the client's reason code: {@link #unansweredConnect} as it tells. Paho keeps
     * an attempt whose CONNACK did not come in time going (every later connect is refused "Connect already in
     * progress", and a CONNACK that comes late connects a client the link took as failed), so {@code abort} ends it
     * then: its TCP connection closed without a DISCONNECT, as a broker that has it sees. A failure to end it is added
     * as suppressed.
     */
    static BrokerException ofConnect(Exception e, int reasonCode, Abort abort) {
        BrokerException failed = new BrokerException(why(e), e, UnansweredConnect.of(reasonCode, e));
        if (reasonCode == UnansweredConnect.CLIENT_TIMEOUT) {
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

    private static String why(Exception e) {
        return e.getCause() != null ? e + " (" + e.getCause() + ")" : e.toString();
    }
}
