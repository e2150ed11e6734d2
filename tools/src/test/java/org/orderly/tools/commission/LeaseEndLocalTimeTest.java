package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code pile set} prints the lease's end as the log prints times, in the computer's zone (here Asia/Shanghai) to the
 * second with the offset, against a real bridge. Until 2026-12-03 it was the bridge's instant in UTC with its
 * nanoseconds, {@code 2026-12-03T10:15:30.123456789Z}.
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

            Matcher m = LEASE.matcher(r.out());
            assertThat(m.find()).as(r.out()).isTrue();
            assertThat(m.group(1)).as(r.out()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
            OffsetDateTime end = OffsetDateTime.parse(m.group(1));
            assertThat(end.getOffset()).isEqualTo(ZoneOffset.ofHours(8));
            // a 60 s lease set during this run ends about a minute after it began
            assertThat(end.toInstant()).isAfter(start.plusSeconds(50)).isBefore(Instant.now().plusSeconds(61));
        }
    }
}
