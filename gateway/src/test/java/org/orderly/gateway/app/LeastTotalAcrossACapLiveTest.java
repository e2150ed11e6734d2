package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.GatewayLiveTest.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.limit.FollowHold;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.upstream.GridSide;
import org.orderly.testkit.Mosquitto;

/**
 * The least total now ({@code flex.leastKw}) as the grid company receives it across a change of the offers that the
 * piles' reports and the meter's reading lag: the whole gateway (a real Modbus TCP transformer meter, three real
 * firmware-bridges with urgent cars, one on each line) reports to a real Mosquitto every 250 ms; a cap cuts every car
 * from 32 A to 8 A for 5 s, and at its end they are raised again at once. Every car follows its offer, so the least the
 * gateway could bring the compound to is the households' load whatever the cars draw: each message of the change, the
 * cut, the cars following, the raise and their rise, however its reading and its reports lag the commands, says the
 * households, never less; and once the reports and the reading agree again after the raise, no more than a following
 * car's ampere above its offer each ({@link FollowHold}) and the meter's and the bridges' own rounding (within the lag
 * it errs high by what it cannot place, by how much depending on the machine's load: not asserted). (The cut and raise
 * within one pile report are pinned exactly by {@code TelemetryCalculatorLeastAcrossAnOfferChangeTest}; this rig cannot
 * place them: the meter's poll and the bridges' reports keep their own time.)
 */
@Timeout(120)
class LeastTotalAcrossACapLiveTest {
    private static final double LINE_LIMIT_A = 80;
    private static final double HOUSEHOLD_A = 10;
    private static final double HOUSEHOLD_KW = 3 * HOUSEHOLD_A * 0.22;
    /** The meter's float registers and the bridges' reports: as GridCapHonestyLiveTest takes the households alone. */
    private static final double NOISE_KW = 0.25;
    /** The bridges' cars say their draw in tenths of a kW: 7.0 kW for 32 A at 220 V. */
    private static final double BRIDGES_KW = 0.3;

    @TempDir
    Path dir;

    @Test
    void eachTelemetryAcrossACutAndARaiseSaysTheHouseholdsAsTheLeastTotal() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), "gw-test");
             LiveRig rig = LiveRig.withLines(3, dir, new LiveRig.Lines(LINE_LIMIT_A, HOUSEHOLD_A, HOUSEHOLD_A, HOUSEHOLD_A),
                     LiveRig.upstreamEveryQuarterSecond(broker.url()))) {
            await("every bridge leased and every session open", Duration.ofSeconds(15), rig::everySessionOpen);
            Instant departure = Instant.now().plus(Duration.ofHours(1));
            for (int i = 0; i < 3; i++) {
                rig.gateway.loop().declare(i, new Declaration(departure, 40));
            }
            await("every car drawing 32 A", Duration.ofSeconds(20), () -> rig.evKw() > 3 * 32 * 0.22 - BRIDGES_KW);
            grid.await(r -> r.topic().endsWith("/state") && r.json().path("state").asText().equals("online"), 20_000);

            Instant from = Instant.now();
            Instant to = from.plusSeconds(5);
            double capKw = Math.round((HOUSEHOLD_KW + 3 * 8 * 0.22) * 100) / 100.0;
            JsonNode reply = grid.request("orderly/v1/gw-test/cmd/cap",
                    "{\"v\":1,\"id\":\"cut\",\"from\":\"%s\",\"to\":\"%s\",\"limitKw\":%s}".formatted(from.minusSeconds(1), to, capKw),
                    "cut", 10_000);
            assertThat(reply).as("the reply to the cap").isNotNull();
            assertThat(reply.path("status").asText()).as("%s", reply).isEqualTo("accepted");
            await("every car cut to 8 A", Duration.ofSeconds(10), () -> rig.evKw() < 3 * 8 * 0.22 + BRIDGES_KW);
            await("every car raised again to 32 A", Duration.ofSeconds(20), () -> rig.evKw() > 3 * 32 * 0.22 - BRIDGES_KW);
            Instant risen = Instant.now();
            grid.await(r -> r.topic().endsWith("/telemetry")
                    && Instant.parse(r.json().path("ts").asText()).isAfter(risen.plusSeconds(3)), 10_000);

            List<JsonNode> across = new ArrayList<>();
            for (GridSide.Received r : grid.all()) {
                if (r.topic().endsWith("/telemetry") && !Instant.parse(r.json().path("ts").asText()).isBefore(from)
                        && r.json().path("baseKw").isNumber()) {
                    across.add(r.json());
                }
            }
            assertThat(across).as("telemetry with the households known across the change").hasSizeGreaterThan(20);
            for (JsonNode t : across) {
                JsonNode least = t.path("flex").path("leastKw");
                assertThat(least.isNumber()).as("%s: said with baseKw", t).isTrue();
                assertThat(least.asDouble()).as("%s: the households, never less", t)
                        .isGreaterThanOrEqualTo(HOUSEHOLD_KW - NOISE_KW);
            }
            // Within the lag it errs high by what it cannot place (on a loaded CI machine, two cars' cut draw: 9.24 kW
            // where the households are 6.6); once the reports and the reading agree again it is the households again.
            assertThat(across).as("after the raise, the households again: at most a following car's ampere above its offer each")
                    .anySatisfy(t -> {
                        assertThat(Instant.parse(t.path("ts").asText())).isAfter(risen);
                        assertThat(t.path("flex").path("leastKw").asDouble())
                                .isLessThanOrEqualTo(HOUSEHOLD_KW + 3 * FollowHold.FOLLOWED_WITHIN_A * 0.22 + NOISE_KW);
                    });
            assertThat(rig.gateway.loop().failures()).isZero();
        }
    }
}
