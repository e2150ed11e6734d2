package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.GatewayLiveTest.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the piles are offered when the gateway restarts (an upgrade, a new configuration from the page) against real
 * firmware-bridges and a real Modbus TCP meter on 127.0.0.1: a pile not heard from since the start is offered nothing,
 * so a car charging on the last run's lease goes on charging until its pile reports and is planned for, rather than
 * being paused at 0 A by the first cycles, which run before the bridges' first statuses have come.
 */
class RestartOffersTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aCarChargingWhenTheGatewayRestartsIsNotPausedByTheFirstCycles() throws Exception {
        try (LiveRig rig = new LiveRig(2, 8, dir)) {
            await("every session open", WITHIN, rig::everySessionOpen);
            await("both cars charging", WITHIN, () -> rig.bridges.stream().allMatch(b -> b.ampsOffered() > 6));
            rig.stopGateway();
            ConcurrentLinkedQueue<String> offers = new ConcurrentLinkedQueue<>();
            Thread watch = new Thread(() -> {
                double[] last = {-1, -1};
                while (!Thread.currentThread().isInterrupted()) {
                    for (int i = 0; i < 2; i++) {
                        double a = rig.bridges.get(i).ampsOffered();
                        if (a != last[i]) {
                            offers.add("p" + i + " " + a + " A");
                            last[i] = a;
                        }
                    }
                    Thread.onSpinWait();
                }
            }, "offers-watch");
            watch.start();
            try {
                rig.restartGateway();
                await("every session open again", WITHIN, rig::everySessionOpen);
                Thread.sleep(2000);
            } finally {
                watch.interrupt();
                watch.join();
            }
            List<String> seen = List.copyOf(offers);
            assertThat(seen).as("what each bridge offered its car across the restart").isNotEmpty()
                    .noneMatch(o -> o.endsWith(" 0.0 A"));
        }
    }
}
