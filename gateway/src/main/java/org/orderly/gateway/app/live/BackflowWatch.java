package org.orderly.gateway.app.live;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.orderly.gateway.core.time.Tick;

/**
 * Whether the transformer meter reads power flowing back to the grid, held long enough to distrust it. A residential
 * compound draws power (the configuration knows no generation such as rooftop PV), so a total or a phase's power below
 * {@link #THRESHOLD_KW} is a CT the wrong way round or a current measured against another phase's voltage; its reading
 * makes the households look light and the headroom large. It must hold for {@link #HOLD} on the gateway's ticker
 * (elapsed time, which a step of the wall clock does not move), so that a moment's odd reading is not taken for it.
 * The threshold is five times the noise selftest allows an idle meter (0.1 kW): a meter that is right never reads it,
 * and a reversed CT with more than half a kW on it does. Not thread-safe: the control thread's alone.
 */
public final class BackflowWatch {
    /** Below this a power flows back to the grid (kW). */
    public static final double THRESHOLD_KW = -0.5;
    /** How long it must read so, on end, before the reading is distrusted. */
    public static final Duration HOLD = Duration.ofSeconds(5);
    private static final String TOTAL = "power.total.kw";

    /** Since when the readings have flowed back, without a plausible one between; null while they do not. */
    private Tick since;

    /**
     * Sees a fresh reading at tick {@code now}: the power that flows back when it has for the hold, else empty. The
     * total is named before a phase.
     */
    public Optional<Backflow> see(TransformerReading reading, Tick now) {
        Optional<Backflow> below = below(reading);
        if (below.isEmpty()) {
            since = null;
            return Optional.empty();
        }
        if (since == null) {
            since = now;
        }
        return now.since(since).compareTo(HOLD) >= 0 ? below : Optional.empty();
    }

    /**
     * Whether the reading last seen flowed back, held for the hold or not yet: one not yet held is not a fault, but is
     * no reading of the households either.
     */
    public boolean flowing() {
        return since != null;
    }

    /** The power {@code reading} says flows back to the grid, held or not (the total named before a phase); else empty. */
    public static Optional<Backflow> below(TransformerReading reading) {
        if (reading.totalKw() < THRESHOLD_KW) {
            return Optional.of(new Backflow(TOTAL, reading.totalKw()));
        }
        return reading.phaseKw().entrySet().stream()
                .filter(e -> e.getValue() < THRESHOLD_KW)
                .min(Map.Entry.comparingByKey())
                .map(e -> new Backflow(e.getKey(), e.getValue()));
    }
}
