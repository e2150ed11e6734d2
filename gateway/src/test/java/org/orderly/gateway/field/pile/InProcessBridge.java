package org.orderly.gateway.field.pile;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.orderly.bridge.coap.BridgeServer;
import org.orderly.bridge.coap.EndpointConfig;
import org.orderly.bridge.coap.LimitKeys;
import org.orderly.bridge.coap.PskCredentials;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.pilot.ControlPilot;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;

/**
 * The real firmware-bridge (its {@link Pile} and {@link BridgeServer}) in this JVM on 127.0.0.1, plain and
 * DTLS-PSK on free ports, a simulated vehicle plugged in, ticking every 200 ms, safe current 6 A.
 */
final class InProcessBridge implements AutoCloseable {

    static final String IDENTITY = "gateway-P1";
    static final String KEY = "secret-P1-key";
    static final Duration TICK = Duration.ofMillis(200);

    final Pile pile;
    final SimulatedVehicle vehicle = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
    final BridgeServer server;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    InProcessBridge(String pileId) throws Exception {
        this(pileId, 0, 0);
    }

    /** On the given ports (0: a free one), e.g. to restart a bridge where the previous one was. */
    InProcessBridge(String pileId, int plainPort, int dtlsPort) throws Exception {
        this(pileId, plainPort, dtlsPort, IDENTITY, KEY);
    }

    /** With its own pre-shared key. */
    InProcessBridge(String pileId, int plainPort, int dtlsPort, String identity, String key) throws Exception {
        this(PileConfig.homePile(pileId), plainPort, dtlsPort, identity, key);
    }

    /** A bridge started as {@code --safe-amps safeAmps} (and otherwise a home pile), on the given ports. */
    static InProcessBridge withSafeAmps(String pileId, double safeAmps, int plainPort) throws Exception {
        PileConfig home = PileConfig.homePile(pileId);
        return new InProcessBridge(new PileConfig(pileId, home.firmwareVersion(), home.minAmps(), home.maxAmps(),
                home.phases(), home.voltsPerPhase(), safeAmps), plainPort, 0, IDENTITY, KEY);
    }

    /**
     * A bridge as one before 2026-12-06 is ({@link LimitKeys#BEFORE_PILE_ID}): its {@code /info} does not say a limit
     * may name the pile, and it refuses {@code pileId} as an unknown key; on the given plain port (0: a free one).
     */
    static InProcessBridge older(String pileId, int plainPort) throws Exception {
        return new InProcessBridge(PileConfig.homePile(pileId), plainPort, 0, IDENTITY, KEY, new InMemoryControlPilot(),
                LimitKeys.BEFORE_PILE_ID);
    }

    /**
     * A bridge as one of the first build that took {@code pileId} (2026-12-06) is
     * ({@link LimitKeys#WITH_PILE_ID_REFUSED_IN_PROSE}): it refuses a limit for another pile with its prose reason only,
     * whatever the gateway asks for; on the given plain port (0: a free one).
     */
    static InProcessBridge refusingInProse(String pileId, int plainPort) throws Exception {
        return new InProcessBridge(PileConfig.homePile(pileId), plainPort, 0, IDENTITY, KEY, new InMemoryControlPilot(),
                LimitKeys.WITH_PILE_ID_REFUSED_IN_PROSE);
    }

    /** A home pile driving {@code pilot} (e.g. one that refuses a change, as a broken PWM does), on free ports. */
    static InProcessBridge withPilot(String pileId, ControlPilot pilot) throws Exception {
        return new InProcessBridge(PileConfig.homePile(pileId), 0, 0, IDENTITY, KEY, pilot, LimitKeys.WITH_PILE_ID);
    }

    private InProcessBridge(PileConfig config, int plainPort, int dtlsPort, String identity, String key) throws Exception {
        this(config, plainPort, dtlsPort, identity, key, new InMemoryControlPilot(), LimitKeys.WITH_PILE_ID);
    }

    private InProcessBridge(PileConfig config, int plainPort, int dtlsPort, String identity, String key,
                            ControlPilot pilot, LimitKeys keys) throws Exception {
        vehicle.plugIn();
        pile = new Pile(config, pilot, vehicle, Clock.systemUTC());
        server = new BridgeServer(pile, new EndpointConfig(InetAddress.getByName("127.0.0.1"), Optional.of(plainPort),
                Optional.of(dtlsPort), Optional.of(PskCredentials.ofUtf8(identity, key))), keys);
        pile.start(executor, TICK);
        server.start();
    }

    int plainPort() {
        return server.plainPort().orElseThrow();
    }

    int dtlsPort() {
        return server.dtlsPort().orElseThrow();
    }

    double ampsOffered() {
        return pile.status().ampsOffered();
    }

    @Override
    public void close() {
        server.close();
        pile.close();
        executor.shutdownNow();
    }
}
