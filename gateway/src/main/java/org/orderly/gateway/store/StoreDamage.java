package org.orderly.gateway.store;

import java.nio.file.Path;
import java.util.List;

/**
 * A damaged store found at start and moved aside: what was found in {@code file}, where the damaged file now is,
 * what was copied into the fresh store and what could not be read, the event recorded in the fresh store, and the
 * first message number the fresh store gives ({@code firstSeq}, sent with the event: docs/upstream.md, "events").
 */
public record StoreDamage(Path file, String found, Path movedTo, List<String> salvaged, List<String> lost,
                          StoreEvent event, long firstSeq) {
    /** The kind of the event recorded in the fresh store and sent upstream. */
    public static final String EVENT = EventKind.STORE_MOVED_ASIDE.code();

    public StoreDamage {
        salvaged = List.copyOf(salvaged);
        lost = List.copyOf(lost);
    }
}
