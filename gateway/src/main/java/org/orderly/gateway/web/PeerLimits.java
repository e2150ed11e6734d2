package org.orderly.gateway.web;

import java.time.Duration;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What one peer on the compound's network may hold of the page's server (docs/web.md, "Slow and many connections").
 * Jetty's idle timeout starts again at every byte, so a peer sending a body a byte a second kept a thread reading it
 * for as long as it liked, and a few hundred such peers held every thread of the pool. A property manager's browser
 * opens a handful of connections and sends each body, a few hundred bytes, in one go: it never meets either limit.
 * A kept-alive connection that brings no next request, and a body read that stalls, are ended after
 * {@code web.idleTimeoutS}; an answer still open (the live stream) is not.
 */
final class PeerLimits {
    /** Connections open at once; past it the server accepts no more until one closes (they wait, unserved). */
    static final int MAX_CONNECTIONS = 64;
    /** A request body slower than this, counted from its first read, is refused 408 and its connection closed. */
    static final long MIN_BODY_BYTES_PER_SECOND = 128;

    private PeerLimits() {
    }

    /**
     * Sets both limits on {@code server}, before it starts (the body's rate wraps every handler Javalin sets), and
     * {@code idleTimeout} on each of its connectors.
     */
    static void apply(Server server, Duration idleTimeout) {
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                // Javalin sets the server's handler after it lets us modify the server: wrap it as the server starts.
                server.insertHandler(new MinimumDataRateHandler(MIN_BODY_BYTES_PER_SECOND, 0));
                // The connectors too are added after that: Javalin's plain one, or the HTTPS one in its place.
                for (Connector c : server.getConnectors()) {
                    if (c instanceof AbstractConnector connector) {
                        connector.setIdleTimeout(idleTimeout.toMillis());
                    }
                }
            }
        });
    }
}
