package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.GatewayLiveTest.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orderly.gateway.core.session.Declaration;

/**
 * A restart of the gateway (an upgrade) does not pause a car that is charging: each pile stays on its last lease until
 * the gateway hears it again, and a session the gateway carried over is not stopped while its first plan is made
 * (real firmware-bridges and a real Modbus TCP meter on 127.0.0.1). Every pause cycles the pile's contactor and the
 * car's charger, and a resident's app may report each one.
 */
class RestartWithoutPauseTest extends LiveSessionsTestBase {
    /** Cycles of the new gateway watched after it has opened every session again. */
    private static final Duration WATCHED = Duration.ofSeconds(3);

    @Test
    @Timeout(120)
    void carsChargingAtARestartAreNotPaused() throws Exception {
        LiveRig rig = sessions.on(new LiveRig(2, 8, dir));
        await("every session open", WITHIN, rig::everySessionOpen);
        // Each car must charge now, at its pile's maximum: 40 kWh within the hour.
        for (int i = 0; i < 2; i++) {
            rig.gateway.loop().declare(i, new Declaration(Instant.now().plus(Duration.ofHours(1)), 40));
        }
        await("both cars offered 32 A", WITHIN,
                () -> rig.bridges.stream().allMatch(b -> b.ampsOffered() >= 31.9));

        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicReference<String> lowest = new AtomicReference<>();
        Thread watcher = new Thread(() -> {
            double min = Double.POSITIVE_INFINITY;
            while (watching.get()) {
                for (int i = 0; i < rig.bridges.size(); i++) {
                    double amps = rig.bridges.get(i).ampsOffered();
                    if (amps < min) {
                        min = amps;
                        lowest.set("p" + i + " offered " + amps + " A at " + Instant.now());
                    }
                }
                Thread.onSpinWait();
            }
        }, "offer-watcher");
        watcher.start();
        try {
            rig.stopGateway();
            rig.restartGateway();
            await("every session open again", WITHIN, rig::everySessionOpen);
            Thread.sleep(WATCHED.toMillis());
        } finally {
            watching.set(false);
            watcher.join();
        }
        assertThat(rig.bridges).allSatisfy(b -> assertThat(b.ampsOffered()).isGreaterThanOrEqualTo(31.9));
        assertThat(lowest.get()).as("the lowest current a bridge offered across the restart")
                .contains(" offered 32.0 A");
    }
}
