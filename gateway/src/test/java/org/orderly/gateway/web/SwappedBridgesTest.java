package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.web.PageAlarms.active;
import static org.orderly.gateway.web.PageAlarms.alarms;
import static org.orderly.gateway.web.PageAlarms.overview;
import static org.orderly.gateway.web.PageAlarms.signedIn;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.LiveRig;
import org.orderly.gateway.app.TestBridge;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.core.policy.PileReason;

/**
 * Two firmware-bridges whose addresses are swapped in the configuration (live gateway, real bridges and meter on
 * 127.0.0.1, plain CoAP): p0's address reaches the bridge started as {@code --pile p1}, and p1's that of p0. Each is
 * found out on its first {@code /info}: neither is given a limit (a limit for p0 would be drawn on p1's line and phase,
 * booked on p0's), neither's car is shown at the other's pile, each is held as a pile the gateway cannot hear, and
 * each has an alarm naming the pile its bridge said, and one WARN naming both ids and the address. Restarted each as
 * the pile at its address, both are driven and their alarms are cleared.
 */
@Timeout(180)
class SwappedBridgesTest {
    private static final String KIND = "PILE_ANSWERS_AS_ANOTHER";
    private static final LiveRig.Offline OFFLINE = LiveRig.Offline.QUICK;

    @TempDir
    Path dir;

    @Test
    void bridgesAtSwappedAddressesAreGivenNothingAndRaiseAnAlarmUntilEachIsThePileAtItsAddress() throws Exception {
        try (CapturedLog log = new CapturedLog();
             WebRig rig = WebRig.withOffline(2, dir, OFFLINE, id -> new TestBridge(id.equals("p0") ? "p1" : "p0"))) {
            ApiClient api = signedIn(rig);
            WebRig.await("p0's alarm names the pile its bridge says it is", Duration.ofSeconds(20),
                    () -> detail(active(api, KIND, "p0")).equals("p1"));
            WebRig.await("p1's too", Duration.ofSeconds(20), () -> detail(active(api, KIND, "p1")).equals("p0"));

            // Past the offline time and the start's lease, several cycles on: still nothing sent to either.
            WebRig.await("both piles offline as the cycle finds them", OFFLINE.pileOfflineAfter().plusSeconds(20),
                    () -> rig.live.gateway.loop().lastResult().reasons().stream()
                            .allMatch(r -> r == PileReason.PILE_OFFLINE));
            CycleResult last = rig.live.gateway.loop().lastResult();
            for (int i = 0; i < 2; i++) {
                assertThat(rig.live.bridges.get(i).leased()).as("pile %d's bridge given no limit", i).isFalse();
                assertThat(last.allocation().amps()[i]).as("nothing planned for pile %d", i).isZero();
                assertThat(last.reserved().ampsOf(i)).as("pile %d held as offline", i).isPositive();
                JsonNode row = overview(api).get("piles").get(i);
                assertThat(row.get("state").asText()).as("pile %d's row", i).isEqualTo("offline");
                assertThat(row.get("plugged").asBoolean()).as("no car shown at pile %d", i).isFalse();
            }
            int port0 = rig.live.bridges.get(0).port();
            int port1 = rig.live.bridges.get(1).port();
            assertThat(log.lines("WARN", "pile p0: the bridge at coap://127.0.0.1:" + port0 + " says it is pile \"p1\"",
                    "not \"p0\"", "host and port of pile p0")).as("said once").hasSize(1);
            assertThat(log.lines("WARN", "pile p1: the bridge at coap://127.0.0.1:" + port1 + " says it is pile \"p0\""))
                    .hasSize(1);

            // The installer starts each bridge as the pile at its address.
            for (int i = 0; i < 2; i++) {
                int port = rig.live.bridges.get(i).port();
                rig.live.bridges.get(i).close();
                rig.live.bridges.set(i, TestBridge.at("p" + i, port));
            }
            WebRig.await("both alarms cleared", Duration.ofSeconds(30), () -> active(api, KIND, "p0").isEmpty()
                    && active(api, KIND, "p1").isEmpty());
            assertThat(alarms(api, KIND)).as("raised and cleared, one each").hasSize(2)
                    .allMatch(a -> !a.get("clearedAt").isNull());
            WebRig.await("both bridges driven again", Duration.ofSeconds(20),
                    () -> rig.live.bridges.stream().allMatch(TestBridge::leased)
                            && rig.live.gateway.loop().lastResult().reasons().stream()
                            .noneMatch(r -> r == PileReason.PILE_OFFLINE));
        }
    }

    private static String detail(Optional<JsonNode> alarm) {
        return alarm.map(a -> a.path("detail").asText()).orElse("");
    }
}
