package org.orderly.gateway.web;

import java.net.BindException;

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
        super("local page: cannot listen on " + bind + ":" + port + " (" + cause.getMessage() + "); "
                + hint(bind, port, cause),
                cause);
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

    /**
     * What to do, by what the system said: a port another program listens on and an address not this machine's have
     * different fixes, and the message above already says which it is; the question of both stays for any other cause.
     */
    private static String hint(String bind, int port, Exception cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BindException b && b.getMessage() != null) {
                if (b.getMessage().contains("already in use")) {
                    return "another program listens on port " + port + " (ss -ltnp 'sport = :" + port + "' names it): "
                            + "stop it, or give web.port another port";
                }
                if (b.getMessage().contains("assign requested address")) {
                    return bind + " is not an address of this machine (ip -br addr lists them): give web.bind one of "
                            + "them, or 127.0.0.1";
                }
            }
        }
        return "is the port taken or the address not this machine's? change web.bind or web.port";
    }
}
