package org.orderly.gateway.app;

import java.time.Instant;
import org.orderly.gateway.core.time.ClockFloor;

/**
 * When this build was made, as Maven wrote it into {@code build.properties} ({@code ${maven.build.timestamp}}): no
 * clock of a gateway running it can rightly be earlier.
 */
final class BuildTime {
    private BuildTime() {
    }

    /** The floor this build sets. */
    static ClockFloor floor() {
        throw new UnsupportedOperationException("stub");
    }

    /** The floor from the text Maven wrote, {@link #FALLBACK} when it was not filtered or cannot be read. */
    static ClockFloor parse(String built) {
        throw new UnsupportedOperationException("stub");
    }

    /** Used when the resource was not filtered (an IDE's build): a day this code already existed. */
    static final Instant FALLBACK = Instant.parse("2026-12-01T00:00:00Z");
}
