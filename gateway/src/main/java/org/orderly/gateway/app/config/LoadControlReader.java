package org.orderly.gateway.app.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.orderly.gateway.field.gpio.LoadControlConfig;

/** Reads {@code loadControl:}: the grid load-control contact's pins, level, debounce and EV limit. */
final class LoadControlReader {
    static final List<String> KEYS = List.of("pin", "activeLevel", "pull", "releaseDebounceMs", "evLimitKw", "statusPin");

    private LoadControlReader() {
    }

    static Optional<LoadControlConfig> read(Section s, CompoundReader compound, Problems problems) {
        if (s == null) {
            return Optional.empty();
        }
        Integer pin = s.integer("pin", "", null, 0, 63, "the BCM GPIO number the contact is wired to, e.g. pin: 17");
        String level = s.text("activeLevel", "high", "high or low: the input level while the contact calls for shedding");
        Boolean activeHigh = null;
        if (level != null) {
            activeHigh = switch (level.toLowerCase(Locale.ROOT)) {
                case "high" -> Boolean.TRUE;
                case "low" -> Boolean.FALSE;
                default -> {
                    problems.at(s.value("activeLevel"), "'activeLevel' in " + s.path() + " must be high or low, was '"
                            + level + "'; the input level while the contact calls for shedding");
                    yield null;
                }
            };
        }
        String pullText = s.text("pull", "down", "up, down or off: the pull resistor on the input");
        LoadControlConfig.Pull pull = null;
        if (pullText != null) {
            try {
                pull = LoadControlConfig.Pull.valueOf(pullText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.at(s.value("pull"), "'pull' in " + s.path() + " must be up, down or off, was '" + pullText
                        + "'; a dry contact needs the input pulled to its inactive level");
            }
        }
        Integer debounce = s.integer("releaseDebounceMs", "ms", 200, 0, 60_000,
                "how long the contact must stay released before the cap lifts, e.g. 200");
        double max = compound.transformer == null ? 10_000 : compound.transformer.limitKw();
        Double evLimit = s.number("evLimitKw", "kW", 0.0, 0, max,
                "the EV power allowed while the contact is active, 0 to stop all charging");
        // -1 stands for no status output, and is only ever the default: a file that writes it is refused (0..63).
        Integer status = s.has("statusPin")
                ? s.integer("statusPin", "", null, 0, 63, "a BCM GPIO number for the status output, or leave it out")
                : Integer.valueOf(-1);
        if (pin != null && status != null && pin.equals(status)) {
            problems.at(s.value("statusPin"), "'statusPin' in " + s.path() + " is the contact's own pin " + pin
                    + "; wire the status output to another pin");
            status = null;
        }
        if (pin == null || activeHigh == null || pull == null || debounce == null || evLimit == null || status == null) {
            return Optional.empty();
        }
        return Optional.of(new LoadControlConfig(pin, activeHigh, pull, debounce, evLimit, status));
    }
}
