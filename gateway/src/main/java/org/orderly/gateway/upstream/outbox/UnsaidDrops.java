package org.orderly.gateway.upstream.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.orderly.gateway.files.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages the outbox gave up or dropped and could not say in an {@code outbox.dropped} event before it stopped (the
 * store refusing that event too): a small file beside the store ({@code orderly.db.outbox-dropped}) that the next
 * start says and then deletes. A file, not a row, since what kept the event out of the store may keep a row out too;
 * it stays beside the store's file when that is moved aside, as the count is the gateway's, not the file's.
 */
record UnsaidDrops(long count, String why) {
    private static final Logger LOG = LoggerFactory.getLogger(UnsaidDrops.class);

    /** The file beside the store {@code store}. */
    static Path file(Path store) {
        return store.resolveSibling(store.getFileName() + ".outbox-dropped");
    }

    /** What a run before left unsaid beside {@code store}; empty when nothing (or the file is unreadable, logged). */
    static Optional<UnsaidDrops> read(Path store) {
        Path f = file(store);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(f, StandardCharsets.UTF_8).strip();
            int space = text.indexOf(' ');
            long count = Long.parseLong(space < 0 ? text : text.substring(0, space));
            return count > 0 ? Optional.of(new UnsaidDrops(count, space < 0 ? "" : text.substring(space + 1)))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            LOG.error("outbox: {} cannot be read ({}); the messages a run before dropped and could not say are not"
                    + " counted", f, e.getMessage());
            return Optional.empty();
        }
    }

    /** Leaves this beside {@code store} for the next start (replacing what was there); an ERROR when it cannot. */
    void write(Path store) {
        Path f = file(store);
        try {
            AtomicFile.write(f, (count + " " + why + "\n").getBytes(StandardCharsets.UTF_8), false);
            LOG.warn("outbox: {} messages dropped before they were stored ({}) could not be said in an event before"
                    + " the stop; left in {} for the next start", count, why, f);
        } catch (IOException e) {
            LOG.error("outbox: {} messages dropped before they were stored ({}) could not be said in an event, nor left"
                    + " in {} for the next start ({}): the grid side will not see them counted", count, why, f,
                    e.getMessage());
        }
    }

    /** Removes what a run before left beside {@code store}, once said. */
    static void delete(Path store) {
        Path f = file(store);
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            LOG.error("outbox: {} could not be deleted ({}); the next start says its count again", f, e.getMessage());
        }
    }
}
