package org.orderly.packaging.deb;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The overall exposure level in {@code systemd-analyze security} output (0.0 best, 10.0 worst). */
final class Exposure {
    private Exposure() {
    }

    static double overall(String analyzeOutput, String unit) {
        Matcher m = Pattern.compile("Overall exposure level for " + Pattern.quote(unit) + ": (\\d+\\.\\d)")
                .matcher(analyzeOutput);
        if (!m.find()) {
            throw new AssertionError("no overall exposure level for " + unit + " in: " + analyzeOutput);
        }
        return Double.parseDouble(m.group(1));
    }
}
