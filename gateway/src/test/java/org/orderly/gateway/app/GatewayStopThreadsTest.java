package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.NamedPipe;

/**
 * {@code orderly run}'s stop (StopOnSignal stopping its {@link Startup}) ends every thread the gateway started: once
 * it has started, and during its start, while a pile's driver is still starting (its key file slow to come, a named
 * pipe here): the drivers started before it are closed by the stop, not once the last has started.
 */
class GatewayStopThreadsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String KEY = "p2-secret-key";
    /** The thread the gateway starts on in the stop during its start. */
    private static final String STARTING = "test-gateway-start";

    @TempDir
    Path dir;
    private TestBridge bridge;
    private TransformerMeterSlave meter;

    @Test
    void aGatewayStoppedLeavesNoThreadItStarted() throws Exception {
        GatewayConfig config = config();
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        Startup startup = Startup.of("orderly run");
        Gateway gateway = Gateway.start(config, dir, LiveRig.devices(), Clock.systemUTC(), TimeScale.REAL, List::of,
                startup);
        startup.complete(); // as orderly run says once the gateway has started: the stop is an ordinary one
        Await.until("the gateway cycles", PATIENCE, () -> gateway.loop().cycles() > 3);
        assertThat(threadsSince(before)).contains("orderly-control", "pile-coap-p1", "pile-coap-p2");

        startup.stop(Duration.ofSeconds(2));

        Await.untilSeeing("every thread the gateway started has ended", PATIENCE,
                () -> threadsSince(before).isEmpty(), () -> threadsSince(before));
    }

    /**
     * A stop from an interrupted thread (or one a part leaves interrupted: the upstream link's stop keeps the interrupt
     * it took) still waits for the part being started and for each part's close, and the caller sees its interrupt
     * after the stop. Until 2026-12-06 its wait for the part being started ended at once (a false {@code null still
     * starting after 2 s}), a part's wait took the interrupt, and the caller lost it.
     */
    @Test
    void aGatewayStoppedFromAnInterruptedThreadWaitsForEachPart() throws Exception {
        GatewayConfig config = config();
        Startup startup = Startup.of("orderly run");
        Gateway gateway = Gateway.start(config, dir, LiveRig.devices(), Clock.systemUTC(), TimeScale.REAL, List::of,
                startup);
        startup.complete();
        Await.until("the gateway cycles", PATIENCE, () -> gateway.loop().cycles() > 3);
        try (CapturedLog log = new CapturedLog()) {
            Thread.currentThread().interrupt();
            startup.stop(Duration.ofSeconds(2));

            boolean interruptedAfter = Thread.interrupted();
            assertThat(log.lines("did not finish within")).as("a wait cut short by the interrupt").isEmpty();
            assertThat(log.lines("still starting after")).as("a part said still starting after a complete start")
                    .isEmpty();
            assertThat(interruptedAfter).as("the caller's interrupt kept").isTrue();
        }
    }

    @Test
    void aStopWhileAPilesDriverStartsEndsTheDriversStartedBeforeIt() throws Exception {
        GatewayConfig config = config();
        Path key = dir.resolve("p2.key");
        // The configuration's check has read the key; the start reads it again, from the pipe.
        Files.delete(key);
        NamedPipe heldKey = NamedPipe.make(key);
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        Startup startup = Startup.of("orderly run");
        FutureTask<Gateway> starting = new FutureTask<>(() -> Gateway.start(config, dir, LiveRig.devices(),
                Clock.systemUTC(), TimeScale.REAL, List::of, startup));
        new Thread(starting, STARTING).start();
        // Returns once p2's driver opens its key file to read it: p1's driver has started, p2's is starting.
        try (OutputStream held = heldKey.openWhenRead(PATIENCE)) {
            assertThat(threadsSince(before)).contains("pile-coap-p1");

            startup.stop(Duration.ofSeconds(1));

            // Its CoAP endpoint's threads too: only the start, held in p2's driver, is left.
            Await.untilSeeing("what started ended by the stop, p2's driver still starting", PATIENCE,
                    () -> threadsSince(before).equals(List.of(STARTING)), () -> threadsSince(before));
            held.write(KEY.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(causeOf(starting)).isInstanceOf(Startup.Stopped.class);
        Await.untilSeeing("every thread the gateway started has ended", PATIENCE,
                () -> threadsSince(before).isEmpty(), () -> threadsSince(before));
    }

    @BeforeEach
    void peers() throws Exception {
        bridge = new TestBridge("p1");
        meter = new TransformerMeterSlave();
        meter.totalKw(8);
    }

    @AfterEach
    void stopPeers() {
        bridge.close();
        meter.close();
    }

    /** p1 plain CoAP to the bridge, p2 over DTLS to a port nobody listens on, its key read from {@code p2.key}. */
    private GatewayConfig config() throws Exception {
        Path key = Files.writeString(dir.resolve("p2.key"), KEY);
        String yaml = """
                gatewayId: gw-stop
                compound:
                  transformer: { limitKw: 40, phaseVoltageV: 220 }
                  piles:
                    - { id: p1, phase: A, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                    - { id: p2, phase: B, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, pskIdentity: p2,\
                 pskKeyFile: %s } } }
                meters:
                  transformer: { bus: room, unit: 1, map: eastron-sdm630 }
                buses:
                  - { name: room, tcp: { host: 127.0.0.1, port: %d }, timing: { gapMs: 0, timeoutMs: 100, retries: 0 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 0.5 } ]
                control: { periodMs: 250, staleAfterMs: 1000, safeEvKw: 6 }
                store: { path: orderly.db }
                """.formatted(bridge.port(), LoopbackPorts.free(), key, meter.port);
        return ConfigLoader.parse("stop.yaml", yaml, LiveRig.devices(), dir);
    }

    /** The names of the threads alive now that were not in {@code before}, the JDK's process reaper aside. */
    private static List<String> threadsSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                .map(Thread::getName).filter(n -> !n.equals("process reaper")).sorted().toList();
    }

    private static Throwable causeOf(FutureTask<Gateway> starting) throws Exception {
        try {
            Gateway started = starting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            started.close();
            throw new AssertionError("the gateway started although stopped during its start");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
