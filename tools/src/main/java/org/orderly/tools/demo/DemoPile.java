package org.orderly.tools.demo;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.orderly.bridge.coap.BridgeServer;
import org.orderly.bridge.coap.EndpointConfig;
import org.orderly.bridge.lease.ElapsedTime;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;
import org.orderly.gateway.core.model.Phase;

/** One demo pile: a real firmware-bridge (plain CoAP on loopback) with a simulated vehicle that comes and goes. */
final class DemoPile implements AutoCloseable {
    final String id;
    /** The line(s) the pile draws on, as the gateway's configuration says. */
    final Phase phase;
    final Pile pile;
    final SimulatedVehicle vehicle;
    private final BridgeServer server;
    private boolean plugged;

    DemoPile(String id, Phase phase, InetAddress bind, int port, double initialSoc, Clock leaseClock, Clock world,
             ScheduledExecutorService ticks, Duration tick) throws PeerPortTaken {
        this.id = id;
        this.phase = phase;
        this.vehicle = new SimulatedVehicle(VehicleSpec.typical(), initialSoc);
        this.pile = new Pile(PileConfig.homePile(id), new InMemoryControlPilot(), vehicle, leaseClock, ElapsedTime.SYSTEM,
                world);
        this.server = new BridgeServer(pile, EndpointConfig.plain(bind, port));
        pile.start(ticks, tick);
        try {
            server.start();
        } catch (IllegalStateException e) {
            // the bridge's message names the pile and the address it could not serve on
            close();
            throw new PeerPortTaken(PeerPortTaken.Peer.PILE, e.getMessage(), e);
        }
    }

    int port() {
        return server.plainPort().orElseThrow();
    }

    boolean plugged() {
        return plugged;
    }

    void plugIn() {
        vehicle.plugIn();
        plugged = true;
    }

    void unplug() {
        vehicle.unplug();
        plugged = false;
    }

    double powerKw() {
        var s = pile.status();
        return s == null ? 0 : s.powerKw();
    }

    @Override
    public void close() {
        server.close();
        pile.close();
    }
}
