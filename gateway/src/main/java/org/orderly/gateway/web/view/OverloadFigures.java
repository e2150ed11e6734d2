package org.orderly.gateway.web.view;

import java.util.Locale;
import org.orderly.text.AsWritten;

/**
 * An overload alarm's figures, the latest load over the limit and the limit, as its detail says them:
 * {@code 80.0 kW of 70 kW} ({@code OVERLOAD}), {@code 412.5 A of 400 A} (after a line's lead, {@code LINE_OVERLOAD}).
 * The page takes them apart by the {@code " of "} and the unit.
 */
final class OverloadFigures {
    private OverloadFigures() {
    }

    static String of(double shown, double limit, String unit) {
        return String.format(Locale.ROOT, "%.1f", shown) + " " + unit + " of " + AsWritten.number(limit) + " " + unit;
    }
}
