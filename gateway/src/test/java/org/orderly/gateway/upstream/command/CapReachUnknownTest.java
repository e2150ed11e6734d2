package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * An accepted cap's {@code meet} claims no more than is known: without a control cycle, or with one that had no
 * plausible transformer reading (telemetry's {@code transformerKw} null), whether the cap can be met is null, not a
 * {@code true} from a load taken as 0.
 */
class CapReachUnknownTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void withoutACycleNothingIsClaimed() throws Exception {
        JsonNode meet = meet(CapReach.of(null, null, NOW, NOW.plusSeconds(3600)), 40);
        for (String f : new String[] {"baseKw", "shedKw", "leastKw", "meetable", "shortKw", "baseForecastKw"}) {
            assertThat(meet.has(f) && meet.get(f).isNull()).as("%s in %s", f, meet).isTrue();
        }
    }

    @Test
    void withoutAPlausibleReadingTheLeastTotalIsNotKnown() throws Exception {
        TelemetryBody conservative = new TelemetryBody(null, null, null, 7.0, 0, 100, null, null,
                new TelemetryBody.Flex(7.0, null, null), "conservative", new TelemetryBody.PileCounts(2, 1, 1, 0, 0));
        JsonNode meet = meet(CapReach.of(conservative, null, NOW, NOW.plusSeconds(3600)), 40);
        assertThat(meet.get("shedKw").asDouble()).isEqualTo(7.0);
        assertThat(meet.get("leastKw").isNull()).as("%s", meet).isTrue();
        assertThat(meet.get("meetable").isNull()).as("%s", meet).isTrue();
        assertThat(meet.get("shortKw").isNull()).as("%s", meet).isTrue();
    }

    private static JsonNode meet(CapReach reach, double limitKw) throws Exception {
        byte[] reply = new Replies("gw-1", ClockFloor.NONE).accepted(NOW, "cap-1", limitKw, reach);
        return new ObjectMapper().readTree(reply).path("meet");
    }
}
