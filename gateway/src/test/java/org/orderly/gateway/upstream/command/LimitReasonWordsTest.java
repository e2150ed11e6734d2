package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.text.SaidDuration;

/**
 * A command beyond one of the contract's limits is told the limit as docs/upstream.md says it, in days or hours (the
 * reasons said Java's {@code PT168H}, {@code PT48H} and {@code PT24H}, which the grid side's people had to decode).
 */
class LimitReasonWordsTest {
    private static final Instant NOW = Instant.parse(CapSamples.NOW);

    @Test
    void aCapTooFarAheadIsToldTheLeadTimeInDays() {
        assertThat(capReason("2026-12-07T12:00:01Z", "2026-12-07T13:00:00Z"))
                .isEqualTo("out of range: from 2026-12-07T12:00:01Z is more than 7 days ahead");
    }

    @Test
    void aCapTooLongIsToldTheLongestInDays() {
        assertThat(capReason("2026-11-29T13:00:00Z", "2026-12-01T13:00:01Z"))
                .isEqualTo("out of range: the cap lasts longer than 2 days");
    }

    @Test
    void aHistoryRequestTooLongIsToldTheLongestInHours() {
        Parsed<HistoryRequest> p = new HistoryParser("gw-1", CommandLimits.DEFAULT, ClockFloor.NONE).parse(bytes(
                "{\"v\":1,\"id\":\"h-1\",\"from\":\"2026-11-28T11:00:00Z\",\"to\":\"2026-11-29T11:00:01Z\"}"), NOW);
        assertThat(((Parsed.Bad<HistoryRequest>) p).reason()).isEqualTo("out of range: at most 24 h per request");
    }

    @Test
    void otherLimitsAreSaidInTheirOwnUnit() {
        assertThat(SaidDuration.of(Duration.ofDays(1))).isEqualTo("24 h");
        assertThat(SaidDuration.of(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(SaidDuration.of(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    }

    private static String capReason(String from, String to) {
        Parsed<CapCommand> p = new CapParser("gw-1", CommandLimits.DEFAULT, 630, ClockFloor.NONE).parse(bytes(
                "{\"v\":1,\"id\":\"cap-1\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"limitKw\":100}"), NOW);
        return ((Parsed.Bad<CapCommand>) p).reason();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
