package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which Host headers the page answers with {@code web.hosts}; names are compared as written, never looked up. */
class HostGuardTest {
    private final HostGuard guard = new HostGuard(Set.of("orderly.lan"), "gw.fritz.box");

    @Test
    void anAddressLocalhostWebBindAndTheListedNamesAreAnswered() {
        for (String host : new String[] {"192.168.1.10:8080", "127.0.0.1", "[::1]:8080", "[fe80::1]", "localhost:8080",
                "LOCALHOST.", "orderly.lan", "Orderly.Lan.:8080", "gw.fritz.box:8080"}) {
            assertThat(guard.answers(host)).as(host).isTrue();
        }
    }

    @Test
    void anyOtherNameIsNot() {
        for (String host : new String[] {"rebind.example:8080", "192.168.1.10.nip.io", "orderly.lan.rebind.example",
                "lan", "[orderly.lan]", "orderly.lan:8080:8080", "", "a b"}) {
            assertThat(guard.answers(host)).as(host).isFalse();
        }
    }

    @Test
    void withoutAListEveryNameIsAnswered() {
        HostGuard any = new HostGuard(Set.of(), "gw.fritz.box");
        assertThat(HostGuard.hostOf("[::1]:8080")).isEqualTo("[::1]");
        assertThat(HostGuard.hostOf("orderly.lan:8080")).isEqualTo("orderly.lan");
        assertThat(any.answers("gw.fritz.box")).isTrue();
        assertThat(any.answers("orderly.compound-a.example.com:8080")).isTrue();
        assertThat(any.answers("rebind.example")).isTrue();
    }
}
