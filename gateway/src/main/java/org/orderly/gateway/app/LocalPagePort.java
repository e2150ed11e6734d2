package org.orderly.gateway.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.orderly.gateway.app.config.WebConfig;
import org.orderly.gateway.web.WebBindException;

/**
 * The local page's address and port, tried before the gateway takes its store, leases a pile or calls the broker. The
 * page is the last part to start: a port taken (after a change of {@code web.port}, or by another program) was found
 * only after the piles had been leased and controlled for a few seconds, an {@code online}, a plan and an
 * {@code offline} sent to the grid company and the store written, and then all stopped again; under systemd, which
 * restarts the gateway every 5 s, that flapped on without end. Bound and let go at once: the page binds it again as it
 * starts (as Jetty does, with SO_REUSEADDR, so a port the last run left in TIME_WAIT is not taken for a busy one).
 */
final class LocalPagePort {
    private LocalPagePort() {
    }

    /**
     * Returns when the page could listen there now, else says so as the page's own start does; port 0 (any free one)
     * has nothing to try.
     */
    static void tryListen(WebConfig web) {
        if (web.port() == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(web.bind()), web.port()));
        } catch (IOException e) {
            throw new WebBindException(web.bind(), web.port(), e);
        }
    }
}
