package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.ClockFloor;

/**
 * A command's optional {@code gatewayId}: one naming another gateway is refused (a grid side that sends gw-2's cap to
 * gw-1's topic has a routing fault, and applied it would move the wrong compound), one of another kind is refused as
 * every field of the wrong kind is, and this gateway's own or none is read as ever.
 */
class CommandGatewayIdTest {
    private static final Instant NOW = Instant.parse(CapSamples.NOW);
    private static final String WINDOW = "\"from\":\"2026-11-29T18:00:00Z\",\"to\":\"2026-11-29T21:00:00Z\"";
    private static final String PAST = "\"from\":\"2026-11-29T08:00:00Z\",\"to\":\"2026-11-29T09:00:00Z\"";
    private final CapParser caps = new CapParser("gw-1", CommandLimits.DEFAULT, 630, ClockFloor.NONE);
    private final HistoryParser histories = new HistoryParser("gw-1", CommandLimits.DEFAULT, ClockFloor.NONE);

    @Test
    void aCapNamingAnotherGatewayIsRejectedWithItsId() {
        Parsed<CapCommand> p = cap("{\"v\":1,\"id\":\"cap-2\",\"gatewayId\":\"gw-2\"," + WINDOW + ",\"limitKw\":400}");
        assertThat(p).isEqualTo(new Parsed.Bad<>("cap-2", "gatewayId: this is gw-1; the command names gw-2"));
    }

    @Test
    void aCapNamingThisGatewayOrNoneIsRead() {
        CapCommand expected = new CapCommand("cap-1", Instant.parse("2026-11-29T18:00:00Z"),
                Instant.parse("2026-11-29T21:00:00Z"), 400);
        assertThat(cap("{\"v\":1,\"id\":\"cap-1\",\"gatewayId\":\"gw-1\"," + WINDOW + ",\"limitKw\":400}"))
                .isEqualTo(new Parsed.Ok<>(expected));
        assertThat(cap("{\"v\":1,\"id\":\"cap-1\"," + WINDOW + ",\"limitKw\":400}")).isEqualTo(new Parsed.Ok<>(expected));
    }

    @Test
    void aGatewayIdOfAnotherKindIsRejectedSayingWhatItWas() {
        assertThat(cap("{\"v\":1,\"id\":\"cap-3\",\"gatewayId\":7," + WINDOW + ",\"limitKw\":400}"))
                .isEqualTo(new Parsed.Bad<>("cap-3", "gatewayId: must be a string, not 7"));
        assertThat(cap("{\"v\":1,\"id\":\"cap-3\",\"gatewayId\":null," + WINDOW + ",\"limitKw\":400}"))
                .isEqualTo(new Parsed.Bad<>("cap-3", "gatewayId: must be a string, not null"));
    }

    /** Another gateway's is said back cut as every text of the command is, and the case counts (topics are exact). */
    @Test
    void anotherGatewaysIdIsSaidBackBounded() {
        String other = "gw-" + "x".repeat(200);
        Parsed.Bad<CapCommand> bad = (Parsed.Bad<CapCommand>) cap("{\"v\":1,\"id\":\"cap-4\",\"gatewayId\":\"" + other
                + "\"," + WINDOW + ",\"limitKw\":400}");
        assertThat(bad.reason()).startsWith("gatewayId: this is gw-1; the command names gw-xxx").endsWith("...")
                .hasSizeLessThan(130);
        assertThat(cap("{\"v\":1,\"id\":\"cap-5\",\"gatewayId\":\"GW-1\"," + WINDOW + ",\"limitKw\":400}"))
                .isEqualTo(new Parsed.Bad<>("cap-5", "gatewayId: this is gw-1; the command names GW-1"));
    }

    @Test
    void aHistoryRequestNamingAnotherGatewayIsRejectedAndOneNamingThisIsRead() {
        assertThat(history("{\"v\":1,\"id\":\"h-2\",\"gatewayId\":\"gw-2\"," + PAST + "}"))
                .isEqualTo(new Parsed.Bad<>("h-2", "gatewayId: this is gw-1; the command names gw-2"));
        assertThat(history("{\"v\":1,\"id\":\"h-3\",\"gatewayId\":[\"gw-1\"]," + PAST + "}"))
                .isEqualTo(new Parsed.Bad<>("h-3", "gatewayId: must be a string, not [\"gw-1\"]"));
        assertThat(history("{\"v\":1,\"id\":\"h-1\",\"gatewayId\":\"gw-1\"," + PAST + "}"))
                .isEqualTo(new Parsed.Ok<>(new HistoryRequest("h-1", Instant.parse("2026-11-29T08:00:00Z"),
                        Instant.parse("2026-11-29T09:00:00Z"))));
    }

    private Parsed<CapCommand> cap(String json) {
        return caps.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private Parsed<HistoryRequest> history(String json) {
        return histories.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }
}
