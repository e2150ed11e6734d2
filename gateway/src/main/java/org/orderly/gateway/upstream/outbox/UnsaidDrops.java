package org.orderly.gateway.upstream.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.orderly.gateway.files.AtomicFile;
import org.orderly.text.TextFile;
import org.orderly.text.TextFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages of one cause the outbox gave up or dropped and could not say in an {@code outbox.dropped} event before it
 * stopped (the store refusing that event too): a line ({@code count why}) of a small file beside the store
 * ({@code orderly.db.outbox-dropped}), one line per cause, that the next start says (an event per line) and then
 * deletes. The file of a gateway before 2026-12-02 has one line for all causes, read as one. A file, not a row, since
 * what kept the event out of the store may keep a row out too; it stays beside the store's file when that is moved
 * aside, as the count is the gateway's, not the file's.
 */
record UnsaidDrops(long count, String why) {
    private static final Logger LOG = LoggerFactory.getLogger(UnsaidDrops.class);

    /** The file beside the store {@code store}. */
    static Path file(Path store) {
        return store.resolveSibling(store.getFileName() + ".outbox-dropped");
    }

    /**
     * What a run before left unsaid beside {@code store}, a cause a line; empty when nothing. An unreadable file or
     * line is one ERROR naming it, and its count is not said.
     */
    static List<UnsaidDrops> read(Path store) {
        Path f = file(store);
        List<String> lines;
        try {
            Optional<String> kept = TextFile.ifThere(f);
            if (kept.isEmpty()) {
                return List.of();
            }
            lines = kept.get().lines().toList();
        } catch (TextFileException e) {
            LOG.error("outbox: {}; the messages a run before dropped and could not say are not counted", e.getMessage());
            return List.of();
        }
        List<UnsaidDrops> all = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            int space = text.indexOf(' ');
            try {
                long count = Long.parseLong(space < 0 ? text : text.substring(0, space));
                if (count > 0) {
                    all.add(new UnsaidDrops(count, space < 0 ? "" : text.substring(space + 1)));
                }
            } catch (NumberFormatException e) {
                LOG.error("outbox: {} line {} is not a count and a cause ('{}'); the messages it was to count are not"
                        + " counted", f, i + 1, text);
            }
        }
        return List.copyOf(all);
    }

    /**
     * Leaves {@code unsaid} beside {@code store} for the next start (replacing what was there), a line each; one WARN,
     * or an ERROR when it cannot.
     */
    static void write(Path store, List<UnsaidDrops> unsaid) {
        Path f = file(store);
        long count = unsaid.stream().mapToLong(UnsaidDrops::count).sum();
        String why = unsaid.stream().map(u -> u.count() + " " + u.why()).collect(Collectors.joining("; "));
        String text = unsaid.stream().map(u -> u.count() + " " + u.why().replace('\n', ' ') + "\n")
                .collect(Collectors.joining());
        try {
            AtomicFile.write(f, text.getBytes(StandardCharsets.UTF_8), false);
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
