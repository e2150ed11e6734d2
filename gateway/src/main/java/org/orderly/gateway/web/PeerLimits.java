package org.orderly.gateway.web;

import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What one peer on the compound's network may hold of the page's server (docs/web.md, "Slow and many connections").
 * Jetty's idle timeout starts again at every byte, so a peer sending a body a byte a second kept a thread reading it
 * for as long as it liked, and a few hundred such peers held every thread of the pool. A property manager's browser
 * opens a handful of connections and sends each body, a few hundred bytes, in one go: it never meets either limit.
 */
final class PeerLimits {
    /** Connections open at once; past it the server accepts no more until one closes (they wait, unserved). */
    static final int MAX_CONNECTIONS = 64;
    /** A request body slower than this, counted from its first read, is refused 408 and its connection closed. */
    static final long MIN_BODY_BYTES_PER_SECOND = 128;

    private PeerLimits() {
    }

    /** Sets both limits on {@code server}, before it starts (the body's rate wraps every handler Javalin sets). */
    static void apply(Server server) {
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                // Javalin sets the server's handler after it lets us modify the server: wrap it as the server starts.
                server.insertHandler(new MinimumDataRateHandler(MIN_BODY_BYTES_PER_SECOND, 0));
            }
        });
    }
}
