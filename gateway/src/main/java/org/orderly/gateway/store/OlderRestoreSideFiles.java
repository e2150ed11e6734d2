package org.orderly.gateway.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.orderly.gateway.files.Directories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The side files an older build's {@code orderly restore} (until 2026-12-07) took from the store when it was stopped
 * within its move of the store aside: it renamed the store's {@code -wal}, then its {@code -shm}, then its damage mark,
 * then the database, to {@code NAME.replaced-STAMP}'s, one rename at a time. A stop after one of the first three left
 * the database at the path without its WAL (the commits in it not seen: rows lost) or without its mark (a damaged store
 * taken as sound). Recognised at the start, under the store's lock and before the store is opened, only as that stop
 * leaves it: the database at the path, the copy {@code NAME.restoring} beside it, and the newest
 * {@code NAME.replaced-STAMP} a side file with no database of that name, stamped no earlier than the copy's last change
 * (as {@link OlderRestoreLeftover} judges it). A {@code -wal} is put back only when {@link AsideWalCheck} finds by content
 * that the database is still the one its frames were written over (a store an older build's start changed since would
 * be damaged by them, or lose what was written); a database changed after the stamp is refused too, but a clock may run
 * behind, so that time is never the permission.
 * The mark, the {@code -shm} and the {@code -wal} are renamed back, in that order, so a stop within leaves what the
 * next start recognises again; the copy is left for a restore run again.
 */
final class OlderRestoreSideFiles {
    private static final Logger LOG = LoggerFactory.getLogger(OlderRestoreSideFiles.class);
    /** The suffixes the older restore gave the store's side files aside, in the order they are put back. */
    private static final List<String> ASIDE = List.of("-mark", "-shm", "-wal");

    private OlderRestoreSideFiles() {
    }

    /** Puts back the side files an older build's stopped restore took from the store {@code file}, if that is so. */
    static List<Path> putBack(Path file) {
        Path store = file.toAbsolutePath();
        Path copy = store.resolveSibling(store.getFileName() + ".restoring");
        if (!Files.isRegularFile(store, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try {
            Optional<Path> newest = newestAside(store);
            if (newest.isEmpty() || OlderRestoreLeftover.there(newest.get())) {
                return List.of(); // no replaced store, or its database went aside too: not a stop within the move
            }
            Path aside = newest.get();
            Instant stamp = OlderRestoreLeftover.stampOf(store, aside);
            if (OlderRestoreLeftover.lastChange(copy).isAfter(stamp)) {
                return List.of(); // an earlier restore's, older than this copy
            }
            Map<Path, Path> back = new LinkedHashMap<>();
            for (String suffix : ASIDE) {
                Path from = aside.resolveSibling(aside.getFileName() + suffix);
                if (OlderRestoreLeftover.there(from)) {
                    back.put(from, "-mark".equals(suffix) ? StoreCheck.mark(store)
                            : store.resolveSibling(store.getFileName() + suffix));
                }
            }
            String refused = OlderRestoreLeftover.lastChange(store).isAfter(stamp)
                    ? "the store was changed since (an older Orderly's start)"
                    : back.values().stream().filter(OlderRestoreLeftover::there).findFirst()
                            .map(p -> p + " is there already").orElse(null);
            Path wal = aside.resolveSibling(aside.getFileName() + "-wal");
            if (refused == null && back.containsKey(wal)) {
                refused = checked(store, wal); // by content: the clock may run behind
            }
            if (refused != null) {
                LOG.warn("store {}: an older Orderly's interrupted restore moved {} aside; not put back: {}; they stay"
                        + " aside, and the store goes on without them", store, back.keySet(), refused);
                return List.of();
            }
            return putBack(store, back, copy);
        } catch (IOException e) {
            throw new StoreException("store " + store + ": an older Orderly's interrupted restore moved its side files"
                    + " aside, and they could not be put back: " + e.getMessage(), e);
        }
    }

    /** Why the check by content refuses the WAL, or null; a check that cannot be made (a full disk) refuses too. */
    private static String checked(Path store, Path wal) {
        try {
            return AsideWalCheck.refusal(store, wal).orElse(null);
        } catch (IOException e) {
            return "it could not be checked on a scratch copy beside the store: " + e;
        }
    }

    private static List<Path> putBack(Path store, Map<Path, Path> back, Path copy) throws IOException {
        for (Map.Entry<Path, Path> move : back.entrySet()) {
            Files.move(move.getKey(), move.getValue(), StandardCopyOption.ATOMIC_MOVE);
            Directories.force(store.getParent());
        }
        List<Path> from = new ArrayList<>(back.keySet());
        LOG.warn("store {}: put back {}, which an older Orderly's restore stopped while moving the store aside had taken"
                + " from it; the copy {} is left as it is: run orderly restore again to restore the backup", store, from,
                copy);
        return from;
    }

    /**
     * The newest {@code NAME.replaced-STAMP[-N]} beside {@code store} that any of its files names (its database or a
     * side file), by stamp and number.
     */
    private static Optional<Path> newestAside(Path store) throws IOException {
        try (Stream<Path> files = Files.list(store.getParent())) {
            return files.map(p -> asideOf(store, p)).flatMap(Optional::stream).distinct()
                    .max(Comparator.comparing((Path p) -> OlderRestoreLeftover.stampOf(store, p))
                            .thenComparing(p -> OlderRestoreLeftover.number(store, p)));
        }
    }

    /** The replaced store {@code file} is the database or a side file of, if it is one. */
    private static Optional<Path> asideOf(Path store, Path file) {
        String name = file.getFileName().toString();
        for (String suffix : Stream.concat(Stream.of(""), ASIDE.stream()).toList()) {
            String base = name.substring(0, name.length() - (name.endsWith(suffix) ? suffix.length() : 0));
            if (name.endsWith(suffix) && OlderRestoreLeftover.replacedName(store).matcher(base).matches()) {
                return Optional.of(file.resolveSibling(base));
            }
        }
        return Optional.empty();
    }
}
