package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * {@code web.idleTimeoutS} is each connector's idle timeout ({@link PeerLimits#apply}), the connector added after it is
 * applied as Javalin adds its own: WebSlowBodyTest's 408 would come as well at Jetty's default 30 s, so it cannot tell
 * whether the key is applied (a Jetty LocalConnector: no socket, milliseconds).
 */
class PeerLimitsTest {
    @Test
    void theIdleTimeoutIsEveryConnectorsAddedBeforeTheServerStarts() throws Exception {
        Server server = new Server();
        PeerLimits.apply(server, Duration.ofSeconds(5));
        LocalConnector connector = new LocalConnector(server);
        server.addConnector(connector);
        assertThat(connector.getIdleTimeout()).as("Jetty's default before the start").isEqualTo(30_000);
        server.start();
        try {
            assertThat(connector.getIdleTimeout()).as("the connector's idle timeout, ms").isEqualTo(5_000);
        } finally {
            server.stop();
        }
    }
}
