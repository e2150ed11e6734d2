package org.orderly.tools.commission;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.orderly.bridge.coap.BridgeServer;
import org.orderly.bridge.coap.EndpointConfig;
import org.orderly.bridge.coap.PskCredentials;
import org.orderly.bridge.meter.MeterConfig;
import org.orderly.bridge.meter.MeterModel;
import org.orderly.bridge.meter.MeterTransport;
import org.orderly.bridge.meter.MeteredVehicle;
import org.orderly.bridge.meter.PileMeter;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.pile.PileStatus;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;

/**
 * A real firmware-bridge (plain CoAP on a free loopback port, or DTLS only with {@link #dtlsOnly}) with a simulated
 * vehicle, in this JVM; with {@link #metered}, its pile meter read over Modbus TCP as {@code --meter-tcp} does.
 */
final class Bridge implements AutoCloseable {
    final Pile pile;
    final SimulatedVehicle vehicle;
    private final PileMeter meter;
    private final BridgeServer server;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();

    Bridge(String id) throws Exception {
        this(id, status -> {
        });
    }

    /** With {@code first} hearing each new status before the bridge's CoAP resource notifies its observers. */
    Bridge(String id, Consumer<PileStatus> first) throws Exception {
        this(id, first, null);
    }

    private Bridge(String id, Consumer<PileStatus> first, PileMeter meter) throws Exception {
        this(PileConfig.homePile(id), first, meter);
    }

    /** A bridge started as {@code --safe-amps safeAmps}, otherwise a home pile. */
    static Bridge withSafeAmps(String id, double safeAmps) throws Exception {
        PileConfig home = PileConfig.homePile(id);
        return new Bridge(new PileConfig(id, home.firmwareVersion(), home.minAmps(), home.maxAmps(), home.phases(),
                home.voltsPerPhase(), safeAmps), status -> {
        }, null);
    }

    private Bridge(PileConfig config, Consumer<PileStatus> first, PileMeter meter) throws Exception {
        this(config, first, meter, EndpointConfig.plain(InetAddress.getLoopbackAddress(), 0));
    }

    /** A bridge that speaks DTLS only, with this identity and key, as one started without {@code --plain} does. */
    static Bridge dtlsOnly(String id, PskCredentials psk) throws Exception {
        return new Bridge(PileConfig.homePile(id), status -> {
        }, null, EndpointConfig.dtls(InetAddress.getLoopbackAddress(), 0, psk));
    }

    private Bridge(PileConfig config, Consumer<PileStatus> first, PileMeter meter, EndpointConfig endpoints) throws Exception {
        this.meter = meter;
        vehicle = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
        pile = new Pile(config, new InMemoryControlPilot(),
                meter == null ? vehicle : new MeteredVehicle(vehicle, meter::reading), Clock.systemUTC());
        pile.onStatus(first);
        server = new BridgeServer(pile, endpoints);
        pile.start(ticks, Duration.ofMillis(100));
        server.start();
    }

    /** A bridge whose pile meter is an Eastron SDM630, unit {@code unit} on Modbus TCP at 127.0.0.1:{@code port}. */
    static Bridge metered(String id, int port, int unit) throws Exception {
        PileConfig config = PileConfig.homePile(id);
        PileMeter meter = PileMeter.start(id, new MeterConfig(MeterModel.SDM630, new MeterTransport.Tcp("127.0.0.1", port),
                unit, Duration.ofMillis(100), Duration.ofMillis(300)),
                config.maxAmps() * config.phases() * config.voltsPerPhase() / 1000.0);
        return new Bridge(id, status -> {
        }, meter);
    }

    int port() {
        return server.plainPort().orElseThrow();
    }

    /** The DTLS (coaps) port of a {@link #dtlsOnly} bridge. */
    int dtlsPort() {
        return server.dtlsPort().orElseThrow();
    }

    @Override
    public void close() {
        server.close();
        pile.close();
        if (meter != null) {
            meter.close();
        }
        ticks.shutdownNow();
    }
}
