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
import org.orderly.bridge.vehicle.Vehicle;
import org.orderly.bridge.vehicle.VehicleSpec;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.session.Declaration;

/**
 * One demo pile: a real firmware-bridge (plain CoAP on loopback) with simulated cars that come and go, each a
 * {@link SimulatedVehicle} of its own that arrives wanting what {@link VehicleTraffic} gives it and stops drawing when
 * full.
 */
final class DemoPile implements VehicleTraffic.Bay, AutoCloseable {
    final String id;
    /** The line(s) the pile draws on, as the gateway's configuration says. */
    final Phase phase;
    final Pile pile;
    private final BridgeServer server;
    /** The car at the pile, or the last one to leave (unplugged, it draws nothing); the bridge steps whichever it is. */
    private volatile SimulatedVehicle vehicle = new SimulatedVehicle(VehicleSpec.typical(), 1.0);
    private volatile boolean plugged;
    /** What the car's resident declared, until the demo hands it to the gateway once the gateway has seen the car. */
    private volatile Declaration toDeclare = Declaration.NONE;

    /** A pile whose lease runs on {@code leaseClock} and whose cars charge by {@code carClock} (Demo.carClock). */
    DemoPile(String id, Phase phase, InetAddress bind, int port, Clock leaseClock, Clock carClock,
             ScheduledExecutorService ticks, Duration tick) throws PeerPortTaken {
        this.id = id;
        this.phase = phase;
        Vehicle current = (now, amps, phases, volts) -> vehicle.step(now, amps, phases, volts);
        this.pile = new Pile(PileConfig.homePile(id), new InMemoryControlPilot(), current, leaseClock,
                ElapsedTime.SYSTEM, carClock);
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

    /** Another car, {@code needKwh} short of full, is plugged in. */
    @Override
    public synchronized void arrive(double needKwh, Declaration declared) {
        double capacity = VehicleSpec.typical().capacityKwh();
        SimulatedVehicle car = new SimulatedVehicle(VehicleSpec.typical(), Math.max(0, 1 - needKwh / capacity));
        car.plugIn();
        vehicle = car;
        toDeclare = declared;
        plugged = true;
    }

    /** The declaration of the car plugged in, once; {@link Declaration#NONE} when there is none or it was taken. */
    synchronized Declaration takeDeclaration() {
        Declaration d = toDeclare;
        toDeclare = Declaration.NONE;
        return d;
    }

    /** Whether the plugged car's declaration is still to be handed to the gateway. */
    synchronized boolean declarationPending() {
        return toDeclare.hasDeparture() || toDeclare.hasEnergy();
    }

    @Override
    public synchronized void leave() {
        vehicle.unplug();
        toDeclare = Declaration.NONE;
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
