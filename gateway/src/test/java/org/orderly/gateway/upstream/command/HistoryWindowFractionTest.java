package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.Sample;

/**
 * docs/upstream.md, "cmd/history": the load per minute in [{@code from}, {@code to}), a minute being in it when it
 * starts in it, as for whole seconds. A window whose ends have a fraction of a second is read the same way: until
 * 2026-12-03 the store compared whole seconds, so {@code from} 10:01:00.500 gave the minute 10:01, which starts before
 * it, and {@code to} 10:04:00.500 left out the minute 10:04, which starts inside it.
 */
class HistoryWindowFractionTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant TEN = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aWindowWithAFractionOfASecondHoldsTheMinutesThatStartInIt() throws Exception {
        try (HistoryRig rig = new HistoryRig(dir, NOW)) {
            for (int m = 0; m <= 7; m++) {
                rig.store.sample(new Sample("transformer", "power.total.kw", TEN.plus(Duration.ofMinutes(m)), 100 + m));
            }
            assertThat(rig.store.flush(Duration.ofSeconds(10))).isTrue();

            assertThat(minutes(rig, "10:01:00Z", "10:04:00Z")).as("whole seconds")
                    .containsExactly("10:01", "10:02", "10:03");
            assertThat(minutes(rig, "10:01:01Z", "10:04:01Z")).as("a second in")
                    .containsExactly("10:02", "10:03", "10:04");
            assertThat(minutes(rig, "10:01:00.500Z", "10:04:00.500Z")).as("half a second in")
                    .containsExactly("10:02", "10:03", "10:04");
        }
    }

    private static List<String> minutes(HistoryRig rig, String from, String to) throws Exception {
        JsonNode reply = rig.ask("2026-11-29T" + from, "2026-11-29T" + to);
        List<String> out = new ArrayList<>();
        reply.path("minutes").forEach(m -> out.add(m.path("minute").asText().substring(11, 16)));
        return out;
    }
}
