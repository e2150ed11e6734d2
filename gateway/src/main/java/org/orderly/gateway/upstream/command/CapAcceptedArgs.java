package org.orderly.gateway.upstream.command;

import org.orderly.gateway.store.EventKind;
import org.orderly.gateway.upstream.message.CapMeet;
import org.orderly.text.AsWritten;

/**
 * The arguments a {@code cap.accepted} event is stored with, for the manager's page to say it in its language
 * (docs/web.md, "Events"): the cap as the grid side wrote it (its window as {@code start} and {@code end}: the page
 * says {@code from} and {@code to} as control modes), and whether the gateway can meet it at the load seen, by
 * its form: {@code meetable}, {@code short} (by {@code shortKw}: the households and the EV load it cannot shed draw
 * {@code leastKw}) or {@code unknown} (no control cycle with a plausible transformer reading to judge it by).
 */
final class CapAcceptedArgs {
    private CapAcceptedArgs() {
    }

    static Object[] of(CapCommand c, CapMeet meet) {
        String form = meet.meetable() == null ? "unknown" : meet.meetable() ? "meetable" : "short";
        return new Object[] {EventKind.FORM, form, "limitKw", AsWritten.number(c.limitKw()), "start", c.from(),
                "end", c.to(), "shortKw", kw(meet.shortKw()), "leastKw", kw(meet.leastKw())};
    }

    /** To the hundredth of a kW, as written ({@code 3}, not {@code 3.0000000000000036}); null when not known. */
    private static String kw(Double v) {
        return v == null ? null : AsWritten.number(Math.round(v * 100) / 100.0);
    }
}
