package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.WebConfig;
import org.orderly.gateway.web.WebBindException;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.OnePileGateway;

/**
 * The page's port tried with real binds, as {@code orderly run} tries it first: the line says where (an IPv6 address
 * in brackets) and what to change. An address not this machine's fails in the bind itself, before any packet is sent;
 * nothing is contacted.
 */
class LocalPagePortTest {
    @TempDir
    Path dir;

    /** Until 2026-12-06: {@code cannot listen on ::1:PORT}, which reads as the address ::1:PORT and no port. */
    @Test
    void aTakenPortOnAnIpv6AddressIsWrittenInBrackets() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> LocalPagePort.tryListen(web("\"::1\"", port)))
                    .isInstanceOf(WebBindException.class)
                    .hasMessage("local page: cannot listen on [::1]:" + port + " (Address already in use); another program"
                            + " listens on port " + port + " (ss -ltnp 'sport = :" + port + "' names it): stop it, or give"
                            + " web.port another port");
        }
    }

    /** TEST-NET-1, on no machine: the bind fails locally (Cannot assign requested address). */
    @Test
    void anAddressNotThisMachinesSaysToChangeWebBind() throws Exception {
        int port = LoopbackPorts.free();
        assertThatThrownBy(() -> LocalPagePort.tryListen(web("192.0.2.1", port)))
                .isInstanceOf(WebBindException.class)
                .hasMessage("local page: cannot listen on 192.0.2.1:" + port + " (Cannot assign requested address);"
                        + " 192.0.2.1 is not an address of this machine (ip -br addr lists them): give web.bind one of"
                        + " them, or 127.0.0.1");
    }

    private WebConfig web(String bind, int port) throws Exception {
        return ConfigLoader.parse("gw.yaml", OnePileGateway.yaml("gw-web-port", LoopbackPorts.free(), LoopbackPorts.free(),
                200) + """
                store: { path: data/orderly.db }
                web: { bind: %s, port: %d, usersFile: data/web-users.json }
                """.formatted(bind, port), LiveRig.devices(), dir).web();
    }
}
