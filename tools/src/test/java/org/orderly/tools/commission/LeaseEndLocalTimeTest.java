package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.tools.demo.DemoCompound;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code pile set} prints the lease's end as the log prints times, in the computer's zone (here Asia/Shanghai) to the
 * second with the offset, against a real bridge. Until 2026-12-03 it was the bridge's instant in UTC with its
 * nanoseconds, {@code 2026-12-03T10:15:30.123456789Z}. Given the gateway's configuration ({@code --config}), both say
 * it in the compound's zone, the configuration's tariff zone, whatever this computer's (until 2026-12-06 they took no
 * configuration, and a gateway or laptop set to UTC said it in UTC).
 */
class LeaseEndLocalTimeTest {
    private static final Pattern LEASE = Pattern.compile("limit lease until ([^,\\s]+)");
    private TimeZone before;

    @BeforeEach
    void inChina() {
        before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
    }

    @AfterEach
    void back() {
        TimeZone.setDefault(before);
    }

    @Test
    void theLeaseEndIsLocalTimeToTheSecondWithTheOffset() throws Exception {
        try (Bridge b = new Bridge("p1")) {
            Instant start = Instant.now();
            OrderlyRun r = OrderlyRun.of("pile", "set", "10", "--ttl-s", "60", "--coap", "127.0.0.1", "--coap-port",
                    Integer.toString(b.port()), "--plain", "--id", "p1");
            assertThat(r.exit()).as(r.err()).isZero();

            assertEndsAMinuteOnAt(r.out(), start, 8);
        }
    }

    @Test
    void givenTheConfigurationBothSayItInTheCompoundsZoneNotThisComputers(@TempDir Path dir) throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC")); // a gateway's clock, or a laptop's, on UTC
        Path config = Files.writeString(dir.resolve("orderly.yaml"), new DemoCompound(2, 5020, 5701).yaml()
                .replace("zone: Asia/Shanghai", "zone: Asia/Kolkata")); // +05:30, the computer's being +00:00
        // p01, the demo compound's: --config takes an --id it has only (PileSetConfiguredPileTest)
        try (Bridge b = new Bridge("p01")) {
            Instant start = Instant.now();
            OrderlyRun set = OrderlyRun.of("pile", "set", "10", "--ttl-s", "60", "--coap", "127.0.0.1", "--coap-port",
                    Integer.toString(b.port()), "--plain", "--id", "p01", "--config", config.toString());
            assertThat(set.exit()).as(set.err()).isZero();
            assertEndsAMinuteOnAt(set.out(), start, 5.5);

            OrderlyRun get = OrderlyRun.of("pile", "get", "--coap", "127.0.0.1", "--coap-port", Integer.toString(b.port()),
                    "--plain", "--id", "p01", "--config", config.toString());
            assertThat(get.exit()).as(get.err()).isZero();
            assertEndsAMinuteOnAt(get.out(), start, 5.5);
        }
    }

    @Test
    void aConfigurationWithAZoneThatIsNoneIsOneLineAndNothingIsSent(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("orderly.yaml"), new DemoCompound(2, 5020, 5701).yaml()
                .replace("zone: Asia/Shanghai", "zone: Asia/Shangai"));
        try (Bridge b = new Bridge("p1")) {
            OrderlyRun r = OrderlyRun.of("pile", "set", "10", "--coap", "127.0.0.1", "--coap-port",
                    Integer.toString(b.port()), "--plain", "--id", "p1", "--config", config.toString());

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
            assertThat(r.err().lines()).as(r.err()).singleElement().asString()
                    .matches(java.util.regex.Pattern.quote(config.toString()) + ":\\d+:\\d+: unknown time zone 'Asia/Shangai' .*");
            assertThat(r.out()).isEmpty();
            assertThat(b.pile.leaseExpiry()).as("no limit was sent").isEmpty();
        }
    }

    /** {@code out}'s lease ends a minute after {@code start}, said to the second at {@code offsetHours}. */
    private static void assertEndsAMinuteOnAt(String out, Instant start, double offsetHours) {
        Matcher m = LEASE.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(m.group(1)).as(out).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");
        OffsetDateTime end = OffsetDateTime.parse(m.group(1));
        assertThat(end.getOffset()).as(out).isEqualTo(ZoneOffset.ofTotalSeconds((int) (offsetHours * 3600)));
        // a 60 s lease set during this run ends about a minute after it began
        assertThat(end.toInstant()).isAfter(start.plusSeconds(50)).isBefore(Instant.now().plusSeconds(61));
    }
}
