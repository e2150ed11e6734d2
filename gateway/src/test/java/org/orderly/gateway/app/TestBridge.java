package org.orderly.gateway.app;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.orderly.bridge.coap.BridgeServer;
import org.orderly.bridge.coap.EndpointConfig;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;

/**
 * A real firmware-bridge in this JVM, plain CoAP on a free 127.0.0.1 port, a 7 kW car plugged in at 20 % (or another
 * state of charge: a full car draws nothing, so the pile's session counter stays at 0).
 */
public final class TestBridge implements AutoCloseable {
    final Pile pile;
    final BridgeServer server;
    /** The car: a test may unplug it and plug it in again. */
    final SimulatedVehicle vehicle;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    /** The state of charge of a test bridge's car unless told otherwise. */
    static final double SOC = 0.2;

    TestBridge(String pileId) throws Exception {
        this(pileId, SOC);
    }

    TestBridge(String pileId, double soc) throws Exception {
        vehicle = new SimulatedVehicle(VehicleSpec.typical(), soc);
        vehicle.plugIn();
        pile = new Pile(PileConfig.homePile(pileId), new InMemoryControlPilot(), vehicle, Clock.systemUTC());
        server = new BridgeServer(pile, EndpointConfig.plain(InetAddress.getLoopbackAddress(), 0));
        pile.start(executor, Duration.ofMillis(100));
        server.start();
    }

    public int port() {
        return server.plainPort().orElseThrow();
    }

    public double ampsOffered() {
        return pile.status().ampsOffered();
    }

    public double powerKw() {
        return pile.status().powerKw();
    }

    /** The energy the bridge has counted since the car was plugged in. */
    public double sessionEnergyKwh() {
        return pile.status().sessionEnergyKwh();
    }

    public boolean plugged() {
        return pile.status().state().plugged();
    }

    public boolean leased() {
        return pile.leaseExpiry().isPresent();
    }

    @Override
    public void close() {
        server.close();
        pile.close();
        executor.shutdownNow();
    }
}
