package org.orderly.gateway.app;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.orderly.bridge.coap.BridgeServer;
import org.orderly.bridge.coap.EndpointConfig;
import org.orderly.bridge.meter.MeterConfig;
import org.orderly.bridge.meter.MeterModel;
import org.orderly.bridge.meter.MeterTransport;
import org.orderly.bridge.meter.MeteredVehicle;
import org.orderly.bridge.meter.PileMeter;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.pile.PileFault;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.Vehicle;
import org.orderly.bridge.vehicle.VehicleSpec;

/**
 * A real firmware-bridge in this JVM, plain CoAP on a free 127.0.0.1 port, a 7 kW car plugged in at 20 % (or another
 * state of charge: a full car draws nothing, so the pile's session counter stays at 0); with {@link #metered}, its
 * draw read from a pile meter over Modbus TCP as {@code --meter-tcp} does.
 */
public final class TestBridge implements AutoCloseable {
    final Pile pile;
    /** Its CoAP server: a test may stop it ({@link #silence}) and start it again on the same port ({@link #answer}). */
    private volatile BridgeServer server;
    private final int port;
    /** The car: a test may unplug it and plug it in again. */
    final SimulatedVehicle vehicle;
    private final PileMeter meter;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    /** How long a test bridge's car takes to take {@code kwh} at its on-board charger's most: however busy, no less. */
    static Duration charging(double kwh) {
        return Duration.ofMillis((long) (kwh / VehicleSpec.typical().onBoardChargerKw() * 3_600_000));
    }

    /** The state of charge of a test bridge's car unless told otherwise. */
    static final double SOC = 0.2;

    public TestBridge(String pileId) throws Exception {
        this(pileId, SOC, null);
    }

    TestBridge(String pileId, double soc) throws Exception {
        this(pileId, soc, null);
    }

    private TestBridge(String pileId, double soc, PileMeter meter) throws Exception {
        this(PileConfig.homePile(pileId), soc, meter);
    }

    /** A bridge started as {@code --safe-amps safeAmps}, otherwise a home pile. */
    public static TestBridge withSafeAmps(String pileId, double safeAmps) throws Exception {
        PileConfig home = PileConfig.homePile(pileId);
        return new TestBridge(new PileConfig(pileId, home.firmwareVersion(), home.minAmps(), home.maxAmps(),
                home.phases(), home.voltsPerPhase(), safeAmps), SOC, null);
    }

    /**
     * A bridge that refuses every limit but 0 A the gateway sends (4.00 Bad Request): its pile takes 0 or 40 to 63 A,
     * the gateway's configuration gives it at most 32 A, and its car would charge. With no lease it offers nothing.
     */
    public static TestBridge refusingLimits(String pileId) throws Exception {
        PileConfig home = PileConfig.homePile(pileId);
        return new TestBridge(new PileConfig(pileId, home.firmwareVersion(), 40, 63, 1, home.voltsPerPhase(), 0), SOC,
                null);
    }

    /**
     * A home pile started as {@code --pile pileId} on 127.0.0.1:{@code port}: where another bridge was, as an installer
     * restarts a bridge with the right {@code --pile}.
     */
    public static TestBridge at(String pileId, int port) throws Exception {
        return new TestBridge(PileConfig.homePile(pileId), SOC, null, port);
    }

    private TestBridge(PileConfig config, double soc, PileMeter meter) throws Exception {
        this(config, soc, meter, 0);
    }

    private TestBridge(PileConfig config, double soc, PileMeter meter, int plainPort) throws Exception {
        this(config, soc, meter, plainPort, UnaryOperator.identity());
    }

    /**
     * A home pile whose car is {@code car} of the simulated one: a car that takes its time to follow a lower offer
     * ({@link LaggingCar}), say.
     */
    public static TestBridge withCar(String pileId, UnaryOperator<Vehicle> car) throws Exception {
        return new TestBridge(PileConfig.homePile(pileId), SOC, null, 0, car);
    }

    private TestBridge(PileConfig config, double soc, PileMeter meter, int plainPort, UnaryOperator<Vehicle> car)
            throws Exception {
        this(config, pluggedIn(new SimulatedVehicle(VehicleSpec.typical(), soc)), meter, plainPort, car);
    }

    private static SimulatedVehicle pluggedIn(SimulatedVehicle car) {
        car.plugIn();
        return car;
    }

    private TestBridge(PileConfig config, SimulatedVehicle vehicle, PileMeter meter, int plainPort,
                       UnaryOperator<Vehicle> car) throws Exception {
        this.meter = meter;
        this.vehicle = vehicle;
        pile = new Pile(config, new InMemoryControlPilot(),
                meter == null ? car.apply(vehicle) : new MeteredVehicle(vehicle, meter::reading), Clock.systemUTC());
        server = new BridgeServer(pile, EndpointConfig.plain(InetAddress.getLoopbackAddress(), plainPort));
        pile.start(executor, Duration.ofMillis(100));
        server.start();
        port = server.plainPort().orElseThrow();
    }

    /**
     * This bridge stopped (its pile and CoAP server) and a new one started on its port with the same pile's options
     * (without a pile meter),
     * its car still plugged in, as {@code systemctl restart} does: the new bridge knows nothing of the one before, so
     * its count of the session's energy and its plug-in begin at its start (docs/firmware-bridge.md, {@code /status}).
     */
    public TestBridge restarted() throws Exception {
        close();
        return startedAgain();
    }

    /**
     * After {@link #close}, a new bridge started on its port with the same pile's options and car, as {@link #restarted}
     * starts one: a test may first keep it stopped as long as it needs.
     */
    public TestBridge startedAgain() throws Exception {
        return new TestBridge(pile.config(), vehicle, null, port, UnaryOperator.identity());
    }

    /** Unplugs its car: the pile reports state A from its next status. */
    public void unplug() {
        vehicle.unplug();
    }

    /** Stops its CoAP server: the gateway hears nothing from it, while its pile and car go on on their own. */
    public void silence() {
        server.close();
    }

    /** Starts its CoAP server again on the same port, as a bridge does when its network comes back. */
    public void answer() {
        server = new BridgeServer(pile, EndpointConfig.plain(InetAddress.getLoopbackAddress(), port));
        server.start();
    }

    /** A bridge whose pile meter is an Eastron SDM630 on Modbus TCP at 127.0.0.1:{@code meterPort}, read every 100 ms. */
    public static TestBridge metered(String pileId, int meterPort) throws Exception {
        PileConfig config = PileConfig.homePile(pileId);
        PileMeter meter = PileMeter.start(pileId, new MeterConfig(MeterModel.SDM630,
                new MeterTransport.Tcp("127.0.0.1", meterPort), 1, Duration.ofMillis(100), Duration.ofMillis(300)),
                config.maxAmps() * config.phases() * config.voltsPerPhase() / 1000.0);
        return new TestBridge(pileId, SOC, meter);
    }

    /** Trips the pile as its residual current monitor or contactor feedback would. */
    public void trip(PileFault fault) {
        pile.trip(fault);
    }

    /** Whether the bridge's {@code /status} says its meter answers (empty without a meter). */
    public java.util.Optional<Boolean> meterOk() {
        return pile.status().meterOk();
    }

    public int port() {
        return port;
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
        if (meter != null) {
            meter.close();
        }
        executor.shutdownNow();
    }
}
