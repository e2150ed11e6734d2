package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code control.pileOfflineAfterMs}: how long a pile may go unheard before the gateway takes it as offline. A value
 * short enough that a healthy pile, two of its reports late, would go offline is refused in one line naming the key,
 * the value and the least it may be.
 */
class PileOfflineAfterConfigTest {
    private static final Path DEVICES = Path.of("src/test/resources/config/devices");
    /** One pile, on a firmware-bridge with the default lease (ttlSeconds 30). */
    private static final String BASE = ConfigLoaderTest.MINIMAL + """
            tariff:
              periods: [ { from: "00:00", to: "24:00", price: 1 } ]
            """;

    private static GatewayConfig parse(String text) throws ConfigException {
        return ConfigLoader.parse("t.yaml", text, DEVICES, Path.of("."));
    }

    private static String refused(String text) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(text));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.problems()).as("one line").hasSize(1);
        return e.problems().get(0);
    }

    /** "line:column" of {@code needle}'s first character in {@code text}. */
    private static String at(String text, String needle) {
        String before = text.substring(0, text.indexOf(needle));
        long line = before.chars().filter(c -> c == '\n').count() + 1;
        return line + ":" + (before.length() - before.lastIndexOf('\n'));
    }

    @Test
    void leftOutItIs70SecondsOrThreeControlPeriodsIfLonger() throws Exception {
        assertThat(parse(BASE).control().pileOfflineAfter()).isEqualTo(Duration.ofSeconds(70));
        assertThat(parse(BASE + "control: { periodMs: 30000, staleAfterMs: 90000 }\n").control().pileOfflineAfter())
                .as("a slow cycle: three of its periods").isEqualTo(Duration.ofSeconds(90));
        String longLease = BASE.replace("plain: true", "plain: true, ttlSeconds: 300");
        assertThat(parse(longLease).control().pileOfflineAfter()).as("a bridge with a lease longer than 70 s")
                .isEqualTo(Duration.ofSeconds(70));
    }

    @Test
    void givenItIsTaken() throws Exception {
        assertThat(parse(BASE + "control: { pileOfflineAfterMs: 45000 }\n").control().pileOfflineAfter())
                .isEqualTo(Duration.ofSeconds(45));
        String shortLease = BASE.replace("plain: true", "plain: true, ttlSeconds: 6");
        assertThat(parse(shortLease + "control: { periodMs: 250, staleAfterMs: 750, pileOfflineAfterMs: 6000 }\n")
                .control().pileOfflineAfter()).as("as short as a short lease allows").isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void shorterThanABridgesLeaseIsRefused() {
        String text = BASE + "control: { pileOfflineAfterMs: 20000 }\n";
        assertThat(refused(text)).isEqualTo("t.yaml:" + at(text, "20000") + ": control.pileOfflineAfterMs 20000 is "
                + "less than the lease of pile 'p' (ttlSeconds 30): its bridge is heard at each renewal, every 10000 ms, "
                + "and a healthy one would go offline when two are late; make it at least 30000");
    }

    @Test
    void shorterThan70SecondsWithABridgeRenewedMoreRarelyIsRefused() {
        String text = BASE.replace("plain: true", "plain: true, ttlSeconds: 300") + "control: { pileOfflineAfterMs: 60000 }\n";
        assertThat(refused(text)).isEqualTo("t.yaml:" + at(text, "60000") + ": control.pileOfflineAfterMs 60000 is "
                + "less than 70000 with pile 'p' (ttlSeconds 300): its bridge, renewed only every 100000 ms, is asked "
                + "for its status when silent, and a healthy one would go offline when two asks are late; make it at "
                + "least 70000");
    }

    @Test
    void shorterThanThreeControlPeriodsIsRefused() {
        String text = BASE.replace("plain: true", "plain: true, ttlSeconds: 5")
                + "control: { periodMs: 4000, staleAfterMs: 12000, pileOfflineAfterMs: 10000 }\n";
        assertThat(refused(text)).isEqualTo("t.yaml:" + at(text, "10000") + ": control.pileOfflineAfterMs 10000 is "
                + "less than 3 control periods (periodMs 4000): a pile is read, and judged, once a period, and a healthy "
                + "one would go offline when two reads are late; make it at least 12000");
    }

    @Test
    void outOfItsRangeIsRefused() {
        String text = BASE + "control: { pileOfflineAfterMs: 500 }\n";
        assertThat(refused(text)).startsWith("t.yaml:" + at(text, "500") + ": 'pileOfflineAfterMs' in control must be "
                + "within 1000..3600000 (ms), was 500; ");
    }
}
