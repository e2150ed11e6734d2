package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.modbus.LateAnswer;
import org.orderly.gateway.field.TimeoutBound;

/**
 * What a meter answering late is told to give its bus ({@link LateAnswer#advice}, as {@code selftest} and the running
 * gateway's WARN say it) is a {@code timing.timeoutMs} check-config then takes. Bus 'room' of valid.yaml carries the
 * Modbus pile p2, so it takes at most 3333 ms (its 10 s lease is renewed every 3333 ms). Until 2026-12-05 a meter
 * answering after 1800 ms there was told {@code give timing.timeoutMs 3600 of bus 'room'}, which check-config refused.
 */
class LateMeterAdviceAcceptedTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");
    private static final Pattern GIVE = Pattern.compile("give timing.timeoutMs (\\d+) of bus 'room'");

    @Test
    void aMeterSlowerThanHalfTheBoundIsToldTheMostTheBusWithAPileTakes() throws Exception {
        String advice = advise(1800);

        assertThat(accepted(advice)).isEqualTo(3333);
        assertThat(advice).isEqualTo("unit 1 answers, but only after 1800 ms, later than timing.timeoutMs 200 of bus 'room'"
                + " waits (a slow meter, or a Modbus gateway in front of a slow line): give timing.timeoutMs 3333 of bus"
                + " 'room', the most a bus carrying Modbus piles takes (pile 'p2': a lease of 10 s, renewed every 3333 ms,"
                + " each renewal waiting up to the timeout for its answer), less than twice what it took; or give the meter"
                + " a line of its own, without Modbus piles, with a timing.timeoutMs of 3600, twice what it took; its unit"
                + " id and the line are right");
    }

    @Test
    void aMeterTooSlowForABusWithAPileIsToldToMoveToALineOfItsOwn() throws Exception {
        String advice = advise(4000);

        assertThat(advice).doesNotContain("give timing.timeoutMs").endsWith(": even timing.timeoutMs 3333 of bus 'room', the"
                + " most a bus carrying Modbus piles takes (pile 'p2': a lease of 10 s, renewed every 3333 ms, each renewal"
                + " waiting up to the timeout for its answer), is too short: give the meter a line of its own, without"
                + " Modbus piles, with a timing.timeoutMs of 8000, twice what it took; its unit id and the line are right");
        // on a line of its own, a bus without the pile, check-config takes that
        GatewayConfig own = parse(valid().replace("timeoutMs: 200", "timeoutMs: 8000")
                .replace("modbus: { bus: room, unit: 20, map: piles/generic-pile }",
                        "coap: { host: 127.0.0.2, pskIdentity: p2, pskKeyFile: keys/p1.psk }"));
        assertThat(own.bus("room").timeoutMs()).isEqualTo(8000);
    }

    @Test
    void aMeterTheBoundLeavesRoomForIsToldTwiceWhatItTookAsBefore() throws Exception {
        String advice = advise(1200);

        assertThat(advice).endsWith(": give timing.timeoutMs 2400 of bus 'room', twice what it took; its unit id and the"
                + " line are right");
        assertThat(accepted(advice)).isEqualTo(2400);
    }

    @Test
    void aBusWithoutModbusPilesIsHeldOnlyToTheMostAnyBusTakes() throws Exception {
        GatewayConfig c = parse(valid().replace("modbus: { bus: room, unit: 20, map: piles/generic-pile }",
                "coap: { host: 127.0.0.2, pskIdentity: p2, pskKeyFile: keys/p1.psk }"));

        assertThat(BusTimeouts.of(c, "room")).isEqualTo(TimeoutBound.ANY);
        assertThat(LateAnswer.advice("unit 1", Duration.ofMillis(40_000), Duration.ofMillis(20_000),
                ms -> "timing.timeoutMs " + ms + " of bus 'room'", TimeoutBound.ANY)).endsWith(": give timing.timeoutMs"
                + " 60000 of bus 'room', the most it takes, less than twice what it took; its unit id and the line are right");
        assertThat(LateAnswer.advice("unit 1", Duration.ofMillis(61_000), Duration.ofMillis(30_000),
                ms -> "timing.timeoutMs " + ms + " of bus 'room'", TimeoutBound.ANY)).endsWith(": even timing.timeoutMs"
                + " 60000 of bus 'room', the most it takes, is too short: it answers too late to be read; its unit id and"
                + " the line are right");
        assertThat(parse(valid().replace("modbus: { bus: room, unit: 20, map: piles/generic-pile }",
                "coap: { host: 127.0.0.2, pskIdentity: p2, pskKeyFile: keys/p1.psk }").replace("timeoutMs: 200",
                "timeoutMs: 60000")).bus("room").timeoutMs()).isEqualTo(60_000);
    }

    private static String advise(long tookMs) throws Exception {
        GatewayConfig c = parse(valid());
        return LateAnswer.advice("unit 1", Duration.ofMillis(tookMs), Duration.ofMillis(c.bus("room").timeoutMs()),
                ms -> "timing.timeoutMs " + ms + " of bus 'room'", BusTimeouts.of(c, "room"));
    }

    /** The timeout {@code advice} says to give, set in valid.yaml and taken by check-config. */
    private static int accepted(String advice) throws Exception {
        Matcher give = GIVE.matcher(advice);
        assertThat(give.find()).as(advice).isTrue();
        return parse(valid().replace("timeoutMs: 200", "timeoutMs: " + give.group(1))).bus("room").timeoutMs();
    }

    private static String valid() throws Exception {
        return Files.readString(RESOURCES.resolve("valid.yaml"));
    }

    private static GatewayConfig parse(String text) throws Exception {
        return ConfigLoader.parse("t.yaml", text, RESOURCES.resolve("devices"), RESOURCES);
    }
}
