package org.orderly.gateway.web;

import java.net.BindException;
import java.net.UnknownHostException;

/**
 * The local page could not listen on its address and port (taken, or not this machine's address). Its own type so
 * that a caller that chose the port by other means than {@code web.bind}/{@code web.port} (the demo's
 * {@code --web-port}) can say what its user should change instead.
 */
public final class WebBindException extends IllegalStateException {
    private final String bind;
    private final int port;
    private final String reason;
    private final boolean address;

    public WebBindException(String bind, int port, Exception cause) {
        this(bind, port, cause, hint(bind, port, cause));
    }

    private WebBindException(String bind, int port, Exception cause, Advice advice) {
        super("local page: cannot listen on " + hostPort(bind, port) + " (" + cause.getMessage() + "); " + advice.text(),
                cause);
        this.bind = bind;
        this.port = port;
        this.reason = cause.getMessage();
        this.address = advice.address();
    }

    /** What to change, and whether it is web.bind (the address), not the port. */
    private record Advice(String text, boolean address) {
    }

    /**
     * Whether the address is what to change ({@code web.bind}: not this machine's, or a name it does not resolve), not
     * the port: a caller that offers its own option for the port (the demo's {@code --web-port}) says this line as it is.
     */
    public boolean addressToChange() {
        return address;
    }

    public String bind() {
        return bind;
    }

    public int port() {
        return port;
    }

    /**
     * Where it could not listen, as a URL writes it: an IPv6 address in brackets ({@code [::1]:8080}), since
     * {@code ::1:8080} reads as another address; until 2026-12-06 it was written bare.
     */
    public static String hostPort(String bind, int port) {
        return (bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind) + ":" + port;
    }

    /** What the server or the system said, e.g. "Port already in use. ...", "Address already in use". */
    public String reason() {
        return reason;
    }

    /**
     * What to do, by what the system said: a port another program listens on and an address not this machine's have
     * different fixes, and the message above already says which it is; the question of both stays for any other cause.
     */
    private static Advice hint(String bind, int port, Exception cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BindException b && b.getMessage() != null) {
                if (b.getMessage().contains("already in use")) {
                    return new Advice("another program listens on port " + port + " (ss -ltnp 'sport = :" + port
                            + "' names it): stop it, or give web.port another port", false);
                }
                if (b.getMessage().contains("assign requested address")) {
                    return new Advice(bind + " is not an address of this machine (ip -br addr lists them): give "
                            + "web.bind one of them, or 127.0.0.1", true);
                }
                if (b.getMessage().contains("Permission denied") && port < 1024) {
                    // The service runs as its own user with no capability (orderly.service); until 2026-12-06 this
                    // asked whether the port was taken or the address not this machine's, neither of which it was.
                    return new Advice("a port below 1024 needs a privilege the gateway's service does not have: give "
                            + "web.port 1024 or above, e.g. 8080 (or give the service CAP_NET_BIND_SERVICE in a drop-in)",
                            false);
                }
            }
            if (t instanceof UnknownHostException) {
                return new Advice("web.bind " + bind + " is a name this machine does not resolve: give web.bind an "
                        + "address of this machine (ip -br addr lists them), or 127.0.0.1", true);
            }
        }
        return new Advice("is the port taken or the address not this machine's? change web.bind or web.port", false);
    }
}
