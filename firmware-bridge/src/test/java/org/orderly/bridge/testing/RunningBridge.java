package org.orderly.bridge.testing;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.orderly.bridge.coap.BridgeServer;
import org.orderly.bridge.coap.EndpointConfig;
import org.orderly.bridge.coap.PskCredentials;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;

/** A bridge on 127.0.0.1 with free ports, a simulated plugged-in vehicle and the system clock. */
public final class RunningBridge implements AutoCloseable {

    public static final PskCredentials PSK = PskCredentials.ofUtf8("gateway-P1", "secret-P1-key");

    public final Pile pile;
    public final InMemoryControlPilot pilot = new InMemoryControlPilot();
    public final SimulatedVehicle vehicle = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
    public final BridgeServer server;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    public RunningBridge(PileConfig config, Duration tick) throws Exception {
        vehicle.plugIn();
        pile = new Pile(config, pilot, vehicle, Clock.systemUTC());
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        server = new BridgeServer(pile, new EndpointConfig(loopback, java.util.Optional.of(0),
                java.util.Optional.of(0), java.util.Optional.of(PSK)));
        pile.start(executor, tick);
        server.start();
    }

    public static RunningBridge homePile(String id) throws Exception {
        return new RunningBridge(PileConfig.homePile(id), Duration.ofMillis(200));
    }

    public String plainUri(String path) {
        return "coap://127.0.0.1:" + server.plainPort().orElseThrow() + path;
    }

    public String dtlsUri(String path) {
        return "coaps://127.0.0.1:" + server.dtlsPort().orElseThrow() + path;
    }

    @Override
    public void close() {
        server.close();
        pile.close();
        executor.shutdownNow();
    }
}
