package org.orderly.tools.demo;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.orderly.gateway.app.config.BusConfig;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.PileConfig;
import org.orderly.gateway.app.config.PileDriver;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.web.WebBindException;

/**
 * The loopback ports a demo will serve on, tried before anything is written or said loaded: a port another program
 * holds is refused before demo-N.yaml is written over and loaded, and before a given file is said loaded, so a refusal
 * leaves nothing half-made (no demo-N.yaml, no broker/ directory, no store). Tried, not held: a port taken in between
 * is still refused by the part that cannot have it, as {@link Demo#start} says.
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

    /**
     * Refuses the first taken port of a generated compound: the embedded broker's (if the demo starts one), the
     * meter's, each pile's, then the local page's.
     */
    public static void refuseTaken(DemoCompound compound, DemoMqtt mqtt) throws IOException {
        refuseBroker(mqtt);
        refuseMeter(compound.meterPort());
        for (int i = 0; i < compound.piles(); i++) {
            refusePile(compound.pileId(i), compound.firstPilePort() + i);
        }
        refuseWeb(HOST, compound.webPort());
    }

    /**
     * As {@link #refuseTaken(DemoCompound, DemoMqtt)} for a given configuration ({@code --config}), its web port as the
     * demo will serve it: the broker's, the transformer meter's (a Modbus TCP bus), each plain CoAP pile's, the page's.
     * A configuration the demo cannot run (a serial meter, a DTLS pile) is left to {@link Demo#start} to refuse.
     */
    public static void refuseTaken(GatewayConfig config, DemoMqtt mqtt) throws IOException {
        refuseBroker(mqtt);
        BusConfig bus = config.bus(config.transformerMeter().bus());
        if (bus != null && bus.endpoint() instanceof BusEndpoint.Tcp tcp) {
            refuseMeter(tcp.port());
        }
        for (PileConfig p : config.piles()) {
            if (p.driver() instanceof PileDriver.Coap c && c.plain()) {
                refusePile(p.pile().id(), c.port());
            }
        }
        if (config.web() != null) {
            refuseWeb(config.web().bind(), config.web().port());
        }
    }

    private static void refuseBroker(DemoMqtt mqtt) throws PeerPortTaken {
        if (mqtt instanceof DemoMqtt.Embedded e && e.port() != 0) {
            DemoBroker.refuseTaken(DemoMqtt.Embedded.HOST, e.port());
        }
    }

    private static void refuseMeter(int port) throws PeerPortTaken {
        try {
            bindTcp(HOST, port);
        } catch (IOException e) {
            throw new PeerPortTaken(PeerPortTaken.Peer.METER, "transformer meter: cannot serve Modbus TCP on " + HOST + ":"
                    + port + " (" + e.getMessage() + ")", e);
        }
    }

    private static void refusePile(String id, int port) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), port))) {
            // bound and let go: the bridge binds it again when it starts
        } catch (IOException e) {
            throw new PeerPortTaken(PeerPortTaken.Peer.PILE, "pile " + id + ": cannot serve plain CoAP on coap://" + HOST
                    + ":" + port + " (" + e.getMessage() + ")", e);
        }
    }

    /** The page's port as its server binds it ({@code web.bind}); 0 is any free one, nothing to try. */
    private static void refuseWeb(String bind, int port) throws PeerPortTaken {
        if (port == 0) {
            return;
        }
        try {
            bindTcp(bind, port);
        } catch (IOException e) {
            WebBindException page = new WebBindException(bind, port, e);
            if (page.addressToChange()) {
                // The file's web.bind, which --web-port does not move: until 2026-12-06 the line said to give it.
                throw page;
            }
            throw new PeerPortTaken(PeerPortTaken.Peer.WEB, "local page: cannot listen on "
                    + WebBindException.hostPort(bind, port) + " (" + e.getMessage() + ")", e);
        }
    }
}
