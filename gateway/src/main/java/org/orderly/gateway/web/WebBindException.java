package org.orderly.gateway.web;

/**
 * The local page could not listen on its address and port (taken, or not this machine's address). Its own type so
 * that a caller that chose the port by other means than {@code web.bind}/{@code web.port} (the demo's
 * {@code --web-port}) can say what its user should change instead.
 */
public final class WebBindException extends IllegalStateException {
    private final String bind;
    private final int port;
    private final String reason;

    public WebBindException(String bind, int port, Exception cause) {
        super("local page: cannot listen on " + bind + ":" + port + " (" + cause.getMessage() + "); is the port taken or"
                + " the address not this machine's? change web.bind or web.port", cause);
        this.bind = bind;
        this.port = port;
        this.reason = cause.getMessage();
    }

    public String bind() {
        return bind;
    }

    public int port() {
        return port;
    }

    /** What the server or the system said, e.g. "Port already in use. ...", "Address already in use". */
    public String reason() {
        return reason;
    }
}
