package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventTimesTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aDepartureOnTheMinuteIsShownToTheMinuteInTheZone() {
        assertThat(EventTimes.local("departure 2026-12-02T00:11:00Z, energy 10.0 kWh by li", SHANGHAI))
                .isEqualTo("departure 2026-12-02 08:11, energy 10.0 kWh by li");
    }

    @Test
    void aMeasuredTimeIsShownToTheSecondWithoutItsFraction() {
        assertThat(EventTimes.local("stale (read at 2026-12-01T14:25:34.511052696Z, 978 ms before)", SHANGHAI))
                .isEqualTo("stale (read at 2026-12-01 22:25:34, 978 ms before)");
        assertThat(EventTimes.local("at 2026-12-01T23:59:59Z and 2026-12-01T00:00:00.5Z", ZoneOffset.UTC))
                .isEqualTo("at 2026-12-01 23:59:59 and 2026-12-01 00:00:00");
    }

    @Test
    void whatIsNoInstantIsLeftAsWritten() {
        assertThat(EventTimes.local("departure -, energy 10.0 kWh by li", SHANGHAI))
                .isEqualTo("departure -, energy 10.0 kWh by li");
        assertThat(EventTimes.local("local 2026-12-01T25:00:00Z, 2026-12-01T08:00 (no zone)", SHANGHAI))
                .isEqualTo("local 2026-12-01T25:00:00Z, 2026-12-01T08:00 (no zone)");
    }
}
