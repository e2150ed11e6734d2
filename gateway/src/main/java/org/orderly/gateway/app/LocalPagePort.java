package org.orderly.gateway.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.orderly.gateway.app.config.WebConfig;

/**
 * The local page's address and port, tried before the gateway takes its store, leases a pile or calls the broker. The
 * page is the last part to start: a port taken (after a change of {@code web.port}, or by another program) was found
 * only after the piles had been leased and controlled for a few seconds, an {@code online}, a plan and an
 * {@code offline} sent to the grid company and the store written, and then all stopped again; under systemd, which
 * restarts the gateway every 5 s, that flapped on without end. Bound and let go at once: the page binds it again as it
 * starts (as Jetty does, with SO_REUSEADDR, so a port the last run left in TIME_WAIT is not taken for a busy one).
 */
public final class LocalPagePort {
    private LocalPagePort() {
    }

    /** Returns when the page could listen there now; port 0 (any free one) has nothing to try. */
    static void tryListen(WebConfig web) {
        if (web.port() == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(web.bind()), web.port()));
        } catch (IOException e) {
            throw new Unavailable(web.bind(), web.port(), e);
        }
    }

    /**
     * The page cannot listen there: one line in the form the page's own start says it in, ending in what to change.
     * Its own type so that the demo, whose {@code --web-port} sets the port, says its option instead.
     */
    public static final class Unavailable extends IllegalStateException {
        private final String reason;

        Unavailable(String bind, int port, IOException cause) {
            super("local page: cannot listen on " + bind + ":" + port + " (" + cause.getMessage() + "); is the port"
                    + " taken or the address not this machine's? change web.bind or web.port", cause);
            this.reason = cause.getMessage();
        }

        /** What the system said, e.g. "Address already in use". */
        public String reason() {
            return reason;
        }
    }
}
