package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BrowserZoneTest {
    @Test
    void aRegionStaysAsItIs() {
        assertThat(BrowserZone.of(ZoneId.of("Asia/Shanghai"))).isEqualTo("Asia/Shanghai");
        assertThat(BrowserZone.of(ZoneId.of("UTC"))).isEqualTo("UTC");
    }

    @Test
    void aFixedOffsetGoesAsTheEtcZoneBrowsersKnow() {
        // "Z" made the page's clock throw (RangeError: invalid time zone) and left the pile table empty.
        assertThat(BrowserZone.of(ZoneOffset.UTC)).isEqualTo("UTC");
        assertThat(BrowserZone.of(ZoneOffset.ofHours(8))).isEqualTo("Etc/GMT-8");
        assertThat(BrowserZone.of(ZoneOffset.ofHours(-3))).isEqualTo("Etc/GMT+3");
        assertThat(BrowserZone.of(ZoneId.of("UTC+08:00"))).isEqualTo("Etc/GMT-8");
    }

    @Test
    void anOffsetWithMinutesOrBeyondTheEtcZonesStaysAnOffset() {
        assertThat(BrowserZone.of(ZoneOffset.ofHoursMinutes(5, 30))).isEqualTo("+05:30");
        assertThat(BrowserZone.of(ZoneOffset.ofHours(14))).isEqualTo("Etc/GMT-14");
        assertThat(BrowserZone.of(ZoneOffset.ofHours(-13))).isEqualTo("-13:00");
    }
}
