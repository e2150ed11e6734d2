package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.GatewayLiveTest.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.testkit.Await;

/**
 * A transformer with a line limit ({@code phaseLimitA}) against a real Modbus TCP transformer meter (an SDM630 map,
 * which reads each line's current and power) on 127.0.0.1 that reads each line as its households plus the piles on it,
 * and real firmware-bridges with urgent cars, one pile on each line: the pile on the line the households load is given
 * what that line has left, the piles on the light lines their most, and the loaded line stays under its limit; when
 * the households take more of it, its pile is given less, down to nothing below its least current.
 */
@Timeout(120)
class LineLimitLiveTest extends LiveRigTestBase {
    private static final double LINE_LIMIT_A = 40;
    private static final double EPS = 0.05;


    @Test
    void thePileOnTheLoadedLineIsGivenWhatItHasLeftAndTheLineStaysUnderItsLimit() throws Exception {
        // p0 on A, p1 on B, p2 on C (32 A each); the households draw 30 A on A, 5 A on B and C: 8.8 kW of 40.
        rig = LiveRig.withLines(3, dir, new LiveRig.Lines(LINE_LIMIT_A, 30, 5, 5), "");
        await("every bridge leased and every session open", Duration.ofSeconds(15), rig::everySessionOpen);
        Instant departure = Instant.now().plus(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            rig.gateway.loop().declare(i, new Declaration(departure, 40));
        }
        TestBridge loaded = rig.bridges.get(0);
        // Steady for a second: the cars still ramp, and a pile's offer dips for a cycle while the plan that knows its
        // car's power (its probe's answer) is solved on the planning thread; neither is this test's subject.
        Await.holding("the piles on the light lines at their most, the one on the loaded line charging, every car"
                + " drawing its offer", Duration.ofSeconds(20), Duration.ofSeconds(1),
                () -> rig.bridges.get(1).ampsOffered() >= 32 - EPS && rig.bridges.get(2).ampsOffered() >= 32 - EPS
                        && loaded.ampsOffered() > 0 && rig.bridges.stream().allMatch(LineLimitLiveTest::drawsItsOffer));
        for (int i = 0; i < 100; i++) {
            // Line A has 40 - 30 = 10 A left for its pile.
            assertThat(loaded.ampsOffered()).as("p0 on the loaded line A").isGreaterThan(0)
                    .isLessThanOrEqualTo(LINE_LIMIT_A - 30 + EPS);
            assertThat(rig.lineAmps('A')).as("line A, households and p0").isLessThanOrEqualTo(LINE_LIMIT_A + EPS);
            assertThat(rig.bridges.get(1).ampsOffered()).as("p1 on the light line B").isGreaterThan(loaded.ampsOffered());
            assertThat(rig.bridges.get(2).ampsOffered()).as("p2 on the light line C").isGreaterThan(loaded.ampsOffered());
            Thread.sleep(20);
        }
        assertThat(rig.gateway.loop().mode()).isEqualTo(ControlMode.NORMAL);

        // The households take 36 A of line A: 4 A left, less than p0's least current (6 A), so p0 is given nothing.
        rig.householdAmps('A', 36);
        await("p0 given nothing", Duration.ofSeconds(10), () -> loaded.ampsOffered() == 0 && loaded.powerKw() == 0);
        for (int i = 0; i < 50; i++) {
            assertThat(rig.lineAmps('A')).as("line A").isLessThanOrEqualTo(LINE_LIMIT_A + EPS);
            assertThat(loaded.ampsOffered()).as("p0").isZero();
            Thread.sleep(20);
        }
        assertThat(rig.bridges.get(1).ampsOffered()).as("p1 on line B, untouched").isGreaterThanOrEqualTo(32 - EPS);
        assertThat(rig.gateway.loop().failures()).isZero();
    }

    private static boolean drawsItsOffer(TestBridge bridge) {
        return Math.abs(bridge.powerKw() - bridge.ampsOffered() * 0.22) < 0.05;
    }
}
