package org.orderly.bridge.coap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.testing.RunningBridge;
import org.orderly.bridge.vehicle.Vehicle;

/** A port the bridge cannot have is one line naming the endpoint, not a bridge that serves what it could get. */
class BridgeServerBindTest {
    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private final Pile pile = new Pile(PileConfig.homePile("P1"), new InMemoryControlPilot(), Vehicle.none(),
            Clock.systemUTC());

    @Test
    void aTakenDtlsPortIsRefusedEvenWhenThePlainPortIsFree() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            int port = taken.getLocalPort();
            BridgeServer server = new BridgeServer(pile, new EndpointConfig(loopback, Optional.of(0), Optional.of(port),
                    Optional.of(RunningBridge.PSK)));
            try {
                assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                        .hasMessage("pile P1: cannot serve DTLS-PSK CoAP on coaps://127.0.0.1:" + port
                                + " (the port is taken, or the address is not this host's)");
            } finally {
                server.close();
            }
        }
    }

    @Test
    void aTakenPlainPortNamesItsAddress() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            int port = taken.getLocalPort();
            BridgeServer server = new BridgeServer(pile, EndpointConfig.plain(loopback, port));
            try {
                assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                        .hasMessage("pile P1: cannot serve plain CoAP on coap://127.0.0.1:" + port
                                + " (the port is taken, or the address is not this host's)");
            } finally {
                server.close();
            }
        }
    }
}
