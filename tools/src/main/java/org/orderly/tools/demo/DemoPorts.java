package org.orderly.tools.demo;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The loopback ports a generated demo compound will serve on, tried before its configuration is written: a port another
 * program holds is refused before demo-N.yaml is written over and loaded, so a refusal leaves nothing half-made. Tried,
 * not held: a port taken in between is still refused by the part that cannot have it, as {@link Demo#start} says.
 */
public final class DemoPorts {
    private static final String HOST = "127.0.0.1";

    private DemoPorts() {
    }

    /** Binds a TCP port on {@code host} and lets it go: throws what binding it throws (a port another program has). */
    static void bindTcp(String host, int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        }
    }

    /** Refuses the first taken port: the embedded broker's (if the demo starts one), the meter's, then each pile's. */
    public static void refuseTaken(DemoCompound compound, DemoMqtt mqtt) throws IOException {
        if (mqtt instanceof DemoMqtt.Embedded e && e.port() != 0) {
            DemoBroker.refuseTaken(DemoMqtt.Embedded.HOST, e.port());
        }
        InetAddress loopback = InetAddress.getByName(HOST);
        try {
            bindTcp(HOST, compound.meterPort());
        } catch (IOException e) {
            throw new PeerPortTaken(PeerPortTaken.Peer.METER, "transformer meter: cannot serve Modbus TCP on " + HOST + ":"
                    + compound.meterPort() + " (" + e.getMessage() + ")", e);
        }
        for (int i = 0; i < compound.piles(); i++) {
            int port = compound.firstPilePort() + i;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                // bound and let go: the bridge binds it again when it starts
            } catch (IOException e) {
                throw new PeerPortTaken(PeerPortTaken.Peer.PILE, "pile " + compound.pileId(i)
                        + ": cannot serve plain CoAP on coap://" + HOST + ":" + port + " (" + e.getMessage() + ")", e);
            }
        }
    }
}
