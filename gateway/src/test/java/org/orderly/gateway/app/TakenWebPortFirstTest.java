package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.OnePileGateway;

/**
 * A gateway whose page's port another program holds (a changed {@code web.port}) refuses before it does anything: no
 * store made, no word to its pile. Until 2026-12-05 the page, its last part, found the port taken only after the store
 * was written and the piles leased and controlled for seconds (and an {@code online} and {@code offline} sent upstream),
 * every 5 s again under systemd. Until 2026-12-05 its line ended asking "is the port taken or the address not this
 * machine's?" after the system had said which (Address already in use).
 */
class TakenWebPortFirstTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aTakenPagePortStopsTheStartBeforeTheStoreOrAPile() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket taken = new ServerSocket(0, 1, loopback);
             DatagramSocket pile = new DatagramSocket(0, loopback)) {
            GatewayConfig config = ConfigLoader.parse("gw.yaml", OnePileGateway.yaml("gw-web-first",
                    pile.getLocalPort(), LoopbackPorts.free(), 200) + """
                    store: { path: data/orderly.db }
                    web: { bind: 127.0.0.1, port: %d, usersFile: data/web-users.json }
                    """.formatted(taken.getLocalPort()), LiveRig.devices(), dir);

            assertThatThrownBy(() -> LiveRig.startGateway(config, dir, LiveRig.devices()).close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("local page: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (")
                    .hasMessageEndingWith("); another program listens on port " + taken.getLocalPort() + " (ss -ltnp "
                            + "'sport = :" + taken.getLocalPort() + "' names it): stop it, or give web.port another port");

            assertThat(dir.resolve("data/orderly.db")).as("no store made").doesNotExist();
            pile.setSoTimeout(1000);
            assertThatThrownBy(() -> pile.receive(new DatagramPacket(new byte[2048], 2048)))
                    .as("nothing sent to the pile").isInstanceOf(SocketTimeoutException.class);
        }
    }
}
