package org.orderly.bridge.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.testing.RefreshingGateway;
import org.orderly.bridge.testing.RunningBridge;

/**
 * "SIGKILL the gateway: every bridge falls back to its safe current within its lease." A child
 * JVM plays the gateway, refreshing 1 s leases on three bridges every 250 ms; it is killed with
 * SIGKILL ({@link Process#destroyForcibly}); each bridge must reach its own safe current, with no lease left. That
 * it does so no later than the lease it last granted + one watchdog tick is the watchdog's own property
 * (LeaseWatchdogTest, on a clock the test moves); measured here in wall time it would be the machine's load.
 */
class GatewayKilledTest {

    private static final Duration TICK = Duration.ofMillis(100);

    @Test
    void everyBridgeFallsBackToItsSafeCurrentWithinItsLease() throws Exception {
        List<RunningBridge> bridges = new ArrayList<>();
        double[] safe = {0.0, 6.0, 10.0};
        Process gateway = null;
        try {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    RefreshingGateway.class.getName(), "20", "1", "250"));
            for (int i = 0; i < safe.length; i++) {
                RunningBridge bridge = new RunningBridge(
                        new PileConfig("P" + (i + 1), "test", 6.0, 32.0, 1, 220.0, safe[i]), TICK);
                bridges.add(bridge);
                command.add(bridge.plainUri("/limit"));
            }
            gateway = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(new File("target/gateway-killed-test-gateway.log")).start();

            awaitAll(bridges, 20.0, 20_000);
            long killedAt = System.nanoTime();
            gateway.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no goodbye
            assertThat(gateway.waitFor(5, TimeUnit.SECONDS)).isTrue();

            for (int i = 0; i < bridges.size(); i++) {
                double expected = safe[i];
                RunningBridge bridge = bridges.get(i);
                // The wait is only for the failure's sake: that a lapsed lease falls back at the next tick is the
                // watchdog's own property, on a clock the test moves (LeaseWatchdogTest); here the time is printed.
                while (bridge.pile.status().ampsOffered() != expected
                        && System.nanoTime() - killedAt < 30_000_000_000L) {
                    Thread.sleep(5);
                }
                long afterKillMs = (System.nanoTime() - killedAt) / 1_000_000;
                System.out.printf("%s fell back after %d ms (ttl 1000, tick 100)%n", bridge.pile.config().pileId(),
                        afterKillMs);
                assertThat(bridge.pile.status().ampsOffered()).as("%s after %d ms", bridge.pile.config().pileId(),
                        afterKillMs).isEqualTo(expected);
                assertThat(bridge.pile.status().leaseExpiry()).isEmpty();
            }
        } finally {
            if (gateway != null) {
                gateway.destroyForcibly();
            }
            bridges.forEach(RunningBridge::close);
        }
    }

    private static void awaitAll(List<RunningBridge> bridges, double amps, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline
                && !bridges.stream().allMatch(b -> b.pile.status().ampsOffered() == amps)) {
            Thread.sleep(10);
        }
        for (RunningBridge bridge : bridges) {
            assertThat(bridge.pile.status().ampsOffered()).as("leased before the kill").isEqualTo(amps);
        }
    }
}
