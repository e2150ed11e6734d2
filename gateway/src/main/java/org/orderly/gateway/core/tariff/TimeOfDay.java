package org.orderly.gateway.core.tariff;

import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tariff's time of day as people write it: hours and minutes, the hour with two digits or one ({@code 07:00} or
 * {@code 7:00}, as price sheets and installers write it). Seconds are not taken: a tariff is by the minute, and a
 * second dropped would leave a gap or an overlap between periods unseen. {@code 24:00} is its reader's to tell.
 */
public final class TimeOfDay {
    private static final Pattern HOURS_MINUTES = Pattern.compile("([01]?[0-9]|2[0-3]):([0-5][0-9])");

    private TimeOfDay() {
    }

    /** {@code text} as a time of day, 00:00 to 23:59; empty when it is not one. */
    public static Optional<LocalTime> parse(String text) {
        Matcher m = HOURS_MINUTES.matcher(text);
        return m.matches() ? Optional.of(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                : Optional.empty();
    }
}
