package org.orderly.gateway.upstream.link;

/** A failed call to the broker, whichever MQTT client made it; the message names the client's reason. */
public final class BrokerException extends Exception {
    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The client's exception, with its cause (often the socket's error) when it has one. */
    static BrokerException of(Exception e) {
        String why = e.getCause() != null ? e + " (" + e.getCause() + ")" : e.toString();
        return new BrokerException(why, e);
    }
}
