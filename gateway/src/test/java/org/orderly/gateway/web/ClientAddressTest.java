package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading X-Forwarded-For from a trusted proxy (192.0.2.x, 198.51.100.x, 203.0.113.x: documentation addresses). */
class ClientAddressTest {
    private static final String PROXY = "127.0.0.1";
    private final ClientAddress client = new ClientAddress(Set.of(PROXY, "10.0.0.2"));

    @Test
    void theClientIsTheRightmostEntryNoTrustedProxyWrote() {
        assertThat(client.of(PROXY, List.of("192.0.2.7"))).isEqualTo("192.0.2.7");
        assertThat(client.of(PROXY, List.of("192.0.2.7, 10.0.0.2"))).as("two proxies").isEqualTo("192.0.2.7");
        assertThat(client.of(PROXY, List.of("198.51.100.9", "192.0.2.7"))).as("two header lines").isEqualTo("192.0.2.7");
        assertThat(client.of(PROXY, List.of("2001:db8::1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void whatTheClientWroteItselfIsNotBelieved() {
        assertThat(client.of(PROXY, List.of("127.0.0.1, 203.0.113.5, 192.0.2.7"))).isEqualTo("192.0.2.7");
    }

    @Test
    void withoutAUsableHeaderTheProxyItselfIsCounted() {
        assertThat(client.of(PROXY, List.of())).isEqualTo(PROXY);
        assertThat(client.of(PROXY, List.of(" "))).isEqualTo(PROXY);
        assertThat(client.of(PROXY, List.of("10.0.0.2"))).as("only proxies").isEqualTo(PROXY);
        assertThat(client.of(PROXY, List.of("192.0.2.7, unknown"))).as("not an address").isEqualTo(PROXY);
        assertThat(client.of(PROXY, List.of("192.0.2.7:51234"))).as("with a port").isEqualTo(PROXY);
    }
}
