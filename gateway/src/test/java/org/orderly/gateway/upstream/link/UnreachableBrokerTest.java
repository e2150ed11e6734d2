package org.orderly.gateway.upstream.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/**
 * The failures that made no TCP connection name what to check in {@code upstream.broker}; the unresolved name and the
 * missing route are made here, as no test may look a name up outside 127.0.0.1 (the refused port is
 * {@code UpstreamBrokerUnreachableTest}, against a real socket).
 */
class UnreachableBrokerTest {
    private static final URI BROKER = URI.create("ssl://mqtt.grid.example:8883");

    @Test
    void anUnknownHostIsNamed() {
        assertThat(UnreachableBroker.check(new Exception("Unable to connect to server (32103)",
                new UnknownHostException("mqtt.grid.example")), BROKER))
                .isEqualTo("; check upstream.broker: its host name mqtt.grid.example does not resolve (not in DNS nor"
                        + " /etc/hosts)");
    }

    @Test
    void noRouteNamesTheHost() {
        assertThat(UnreachableBroker.check(new Exception("x", new NoRouteToHostException("No route to host")), BROKER))
                .startsWith("; check upstream.broker: there is no route to mqtt.grid.example ");
    }

    @Test
    void aConnectionMadeAddsNothing() {
        assertThat(UnreachableBroker.check(new Exception("x", new SocketTimeoutException("timed out")), BROKER))
                .isEmpty();
    }
}
