package org.orderly.gateway.app.live;

import java.time.Duration;
import java.util.Optional;
import org.orderly.gateway.core.time.Tick;

/** Stub. */
public final class BackflowWatch {
    public static final double THRESHOLD_KW = -0.5;
    public static final Duration HOLD = Duration.ofSeconds(5);

    /** Stub. */
    public Optional<Backflow> see(TransformerReading reading, Tick now) {
        return Optional.empty();
    }
}
