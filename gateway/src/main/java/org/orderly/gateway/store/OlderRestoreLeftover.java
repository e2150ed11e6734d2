package org.orderly.gateway.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.orderly.gateway.files.Directories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store an older build's {@code orderly restore} (until 2026-12-07) lost when it was stopped between moving the
 * store aside and renaming its copy in: it renamed the store's files to {@code NAME.replaced-STAMP} (its {@code -wal},
 * {@code -shm} and damage mark first), then {@code NAME.restoring} to {@code NAME}; a stop between the two left no store
 * at the path, and the next start made a fresh one. Recognised at the start, under the store's lock, only as that stop
 * leaves it: nothing at the path (a damage mark aside, which a stop in this put-back leaves), the copy
 * {@code NAME.restoring} beside it, and a {@code NAME.replaced-STAMP} database stamped no earlier than the copy's last
 * change (the older restore stamped it after the copy was made: an earlier restore's replaced store is older). This
 * build's restore never leaves the path empty ({@link StoreSwap}). The store is put back as this build's restore would
 * have left it after a stop before its rename: the old store, whole, its WAL taken in first, its damage mark put back
 * before it (a damaged store is never left unmarked); the copy is left as it is for a restore run again.
 */
final class OlderRestoreLeftover {
    private static final Logger LOG = LoggerFactory.getLogger(OlderRestoreLeftover.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final List<String> AT_THE_PATH = List.of("", "-wal", "-shm", "-journal");

    private OlderRestoreLeftover() {
    }

    /** Puts back the store an older build's stopped restore left aside, if that is what lies beside {@code file}. */
    static Optional<Path> putBack(Path file) {
        Path store = file.toAbsolutePath();
        Path copy = store.resolveSibling(store.getFileName() + ".restoring");
        if (AT_THE_PATH.stream().anyMatch(s -> there(store.resolveSibling(store.getFileName() + s)))
                || !Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            Instant copyMade = lastChange(copy);
            Optional<Path> aside = newestReplaced(store).filter(a -> !stampOf(store, a).isBefore(copyMade));
            if (aside.isEmpty()) {
                return Optional.empty();
            }
            return putBack(store, aside.get(), copy);
        } catch (IOException e) {
            throw new StoreException("store " + store + ": an older Orderly's interrupted restore left it aside, and it"
                    + " could not be put back: " + e.getMessage(), e);
        }
    }

    private static Optional<Path> putBack(Path store, Path aside, Path copy) throws IOException {
        Path wal = aside.resolveSibling(aside.getFileName() + "-wal");
        if (there(wal)) {
            takeWalIn(aside);
        }
        if (there(wal)) {
            LOG.warn("store {}: an older Orderly's interrupted restore left no store here; the store it moved aside, {},"
                    + " keeps a WAL SQLite cannot take in, so it is not put back (a fresh store is made): run orderly"
                    + " restore again, or put it back by hand with the gateway stopped", store, aside);
            return Optional.empty();
        }
        Files.deleteIfExists(aside.resolveSibling(aside.getFileName() + "-shm"));
        Path mark = aside.resolveSibling(aside.getFileName() + "-mark");
        if (there(mark)) {
            // Before the store: a stop between the two leaves a mark and no store, recognised again at the next start.
            Files.move(mark, StoreCheck.mark(store), StandardCopyOption.ATOMIC_MOVE);
            Directories.force(store.getParent());
        }
        Files.move(aside, store, StandardCopyOption.ATOMIC_MOVE);
        Directories.force(store.getParent());
        LOG.warn("store {} put back from {}: an older Orderly's restore stopped between moving it aside and putting its"
                + " copy in place had left no store here; the copy {} is left as it is: run orderly restore again to"
                + " restore the backup", store, aside, copy);
        return Optional.of(aside);
    }

    /** The old store's WAL taken into its database, left in rollback mode: one file, as {@link StoreSwap} leaves it. */
    private static void takeWalIn(Path aside) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + aside); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + Database.BUSY_TIMEOUT.toMillis());
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            s.execute("PRAGMA journal_mode = DELETE");
        } catch (SQLException e) {
            LOG.debug("store {}: its WAL could not be taken in: {}", aside, e.getMessage());
        }
    }

    /** The newest {@code NAME.replaced-STAMP[-N]} database beside {@code store}. */
    private static Optional<Path> newestReplaced(Path store) throws IOException {
        Pattern name = replacedName(store);
        try (Stream<Path> files = Files.list(store.getParent())) {
            return files.filter(p -> name.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .max(Comparator.comparing((Path p) -> stampOf(store, p)).thenComparing(p -> number(store, p)));
        }
    }

    /** {@code NAME.replaced-STAMP[-N]}: a replaced store's database; the stamp is group 1, the number group 2. */
    static Pattern replacedName(Path store) {
        return Pattern.compile(Pattern.quote(store.getFileName() + ".replaced-") + "(\\d{8}T\\d{6}Z)(?:-(\\d+))?");
    }

    /** The stamp in a replaced store's name ({@link #replacedName}), as the older restore wrote it: UTC, seconds. */
    static Instant stampOf(Path store, Path aside) {
        Matcher m = replacedName(store).matcher(aside.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(aside + " is not a replaced store's name");
        }
        return LocalDateTime.parse(m.group(1), STAMP).toInstant(ZoneOffset.UTC);
    }

    /** The number after the stamp in a replaced store's name, 1 where it has none. */
    static int number(Path store, Path aside) {
        Matcher m = replacedName(store).matcher(aside.getFileName().toString());
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 1;
    }

    /** A file's last change to the second: the older restore's stamps are to the second, cut down. */
    static Instant lastChange(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Whether anything is at {@code path}, a link that dangles included. */
    static boolean there(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
