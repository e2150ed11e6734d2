package org.orderly.gateway.web;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The compound's time zone as the page's {@code Intl.DateTimeFormat} takes it. Java names a fixed offset "Z" or
 * "+08:00"; browsers reject "Z", and only recent ones take an offset, so a whole-hour offset goes as its IANA
 * {@code Etc/GMT} zone (whose sign is the POSIX one: UTC+8 is "Etc/GMT-8") and zero as "UTC".
 */
final class BrowserZone {
    private BrowserZone() {
    }

    static String of(ZoneId zone) {
        if (!(zone.normalized() instanceof ZoneOffset offset)) {
            return zone.getId();
        }
        int seconds = offset.getTotalSeconds();
        if (seconds == 0) {
            return "UTC";
        }
        if (seconds % 3600 == 0 && seconds / 3600 >= -12 && seconds / 3600 <= 14) {  // Etc/GMT+12 .. Etc/GMT-14 exist
            int hours = seconds / 3600;
            return "Etc/GMT" + (hours > 0 ? "-" + hours : "+" + -hours);
        }
        return offset.getId();
    }
}
