package org.orderly.tools.commission;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.orderly.bridge.coap.BridgeServer;
import org.orderly.bridge.coap.EndpointConfig;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.pile.PileStatus;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;

/** A real firmware-bridge (plain CoAP on a free loopback port) with a simulated vehicle, in this JVM. */
final class Bridge implements AutoCloseable {
    final Pile pile;
    final SimulatedVehicle vehicle;
    private final BridgeServer server;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();

    Bridge(String id) throws Exception {
        this(id, status -> {
        });
    }

    /** With {@code first} hearing each new status before the bridge's CoAP resource notifies its observers. */
    Bridge(String id, Consumer<PileStatus> first) throws Exception {
        vehicle = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
        pile = new Pile(PileConfig.homePile(id), new InMemoryControlPilot(), vehicle, Clock.systemUTC());
        pile.onStatus(first);
        server = new BridgeServer(pile, EndpointConfig.plain(InetAddress.getLoopbackAddress(), 0));
        pile.start(ticks, Duration.ofMillis(100));
        server.start();
    }

    int port() {
        return server.plainPort().orElseThrow();
    }

    @Override
    public void close() {
        server.close();
        pile.close();
        ticks.shutdownNow();
    }
}
