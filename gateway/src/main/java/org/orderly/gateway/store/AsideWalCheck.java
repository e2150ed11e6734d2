package org.orderly.gateway.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * Whether a {@code -wal} an older restore moved aside still belongs over the database at the path, judged by content,
 * not by file times (a clock may run behind: a Pi without RTC after a power cut). The database and the WAL are copied
 * into a scratch folder beside the store and opened read-only there: the combined copy must pass
 * {@code PRAGMA integrity_check}, and the database alone must hold nothing the combined copy lacks (no more pages; no row,
 * with its rowid, that the combined copy does not hold to the letter). A store an older build's start has written to since fails one of
 * these: its WAL's frames, written over the old pages, would damage it or drop what was written.
 */
final class AsideWalCheck {
    private AsideWalCheck() {
    }

    /** Why the WAL {@code wal} must not be put under {@code store}, or empty when it may. */
    static Optional<String> refusal(Path store, Path wal) throws IOException {
        removeLeftovers(store);
        Path scratch = Files.createTempDirectory(store.getParent(), store.getFileName() + ".check-");
        try {
            Path alone = scratch.resolve("alone.db");
            Path combined = scratch.resolve("combined.db");
            Files.copy(store, alone);
            Files.copy(store, combined);
            Files.copy(wal, scratch.resolve("combined.db-wal"));
            try (Connection c = readOnly(combined)) {
                String integrity = single(c, "PRAGMA integrity_check");
                if (!"ok".equals(integrity)) {
                    return Optional.of("the store with it fails its integrity check (" + integrity + ")");
                }
                try (Statement s = c.createStatement()) {
                    s.execute("ATTACH DATABASE '" + alone.toString().replace("'", "''") + "' AS alone");
                }
                long pagesAlone = Long.parseLong(single(c, "PRAGMA alone.page_count"));
                long pagesCombined = Long.parseLong(single(c, "PRAGMA main.page_count"));
                if (pagesAlone > pagesCombined) {
                    return Optional.of("the store alone has more pages (" + pagesAlone + ") than with it (" + pagesCombined
                            + "): written to since");
                }
                return rowsItLacks(c);
            } catch (SQLException e) {
                return Optional.of("the store with it cannot be read: " + e.getMessage());
            }
        } finally {
            removeFolder(scratch);
        }
    }

    /** Scratch folders a check left when its process died (a power cut, the case it is for): two copies of the store. */
    private static void removeLeftovers(Path store) throws IOException {
        try (DirectoryStream<Path> left = Files.newDirectoryStream(store.getParent(), store.getFileName() + ".check-*")) {
            for (Path folder : left) {
                if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    removeFolder(folder);
                }
            }
        }
    }

    private static void removeFolder(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(folder);
    }

    private static Connection readOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : "";
        }
    }

    /**
     * The first table of the store alone holding a row, with its rowid, that the store with the WAL lacks: rows an older
     * start wrote since (with rowids the WAL's own rows take too, so a count or the largest rowid cannot tell), or rows
     * the WAL changed or deleted (left aside too: which is newer cannot be told from content alone).
     */
    private static Optional<String> rowsItLacks(Connection c) throws SQLException {
        Map<String, Boolean> tables = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT name, sql FROM alone.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
            while (r.next()) {
                tables.put(r.getString(1), !r.getString(2).toUpperCase().replaceAll("\\s+", " ").contains("WITHOUT ROWID"));
            }
        }
        for (Map.Entry<String, Boolean> t : tables.entrySet()) {
            String quoted = "\"" + t.getKey().replace("\"", "\"\"") + "\"";
            String columns = t.getValue() ? "rowid, *" : "*";
            String lacking = "SELECT " + columns + " FROM alone." + quoted + " EXCEPT SELECT " + columns + " FROM main." + quoted
                    + " LIMIT 1";
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(lacking)) {
                if (r.next()) {
                    return Optional.of("the store alone holds rows of " + t.getKey() + " the store with it lacks: written to"
                            + " since, or rows the WAL changed");
                }
            }
        }
        return Optional.empty();
    }
}
