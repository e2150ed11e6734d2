package org.orderly.gateway.store;

import java.io.IOException;
import java.nio.file.Files;
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
 * {@code PRAGMA integrity_check}, and the database alone must hold nothing the combined copy lacks (per table, its row
 * count and largest rowid no higher; no more pages). A store an older build's start has written to since fails one of
 * these: its WAL's frames, written over the old pages, would damage it or drop what was written.
 */
final class AsideWalCheck {
    /** A table's size: its rows and its largest rowid (0 for a table without rowids or without rows). */
    private record Size(long rows, long maxRowid) {
        boolean above(Size other) {
            return rows > other.rows || maxRowid > other.maxRowid;
        }
    }

    private AsideWalCheck() {
    }

    /** Why the WAL {@code wal} must not be put under {@code store}, or empty when it may. */
    static Optional<String> refusal(Path store, Path wal) throws IOException {
        Path scratch = Files.createTempDirectory(store.getParent(), store.getFileName() + ".check-");
        try {
            Path alone = scratch.resolve("alone.db");
            Path combined = scratch.resolve("combined.db");
            Files.copy(store, alone);
            Files.copy(store, combined);
            Files.copy(wal, scratch.resolve("combined.db-wal"));
            try (Connection a = readOnly(alone); Connection c = readOnly(combined)) {
                String integrity = single(c, "PRAGMA integrity_check");
                if (!"ok".equals(integrity)) {
                    return Optional.of("the store with it fails its integrity check (" + integrity + ")");
                }
                long pagesAlone = Long.parseLong(single(a, "PRAGMA page_count"));
                long pagesCombined = Long.parseLong(single(c, "PRAGMA page_count"));
                if (pagesAlone > pagesCombined) {
                    return Optional.of("the store alone has more pages (" + pagesAlone + ") than with it (" + pagesCombined
                            + "): written to since");
                }
                Map<String, Size> withIt = sizes(c);
                for (Map.Entry<String, Size> table : sizes(a).entrySet()) {
                    Size there = withIt.get(table.getKey());
                    if (there == null || table.getValue().above(there)) {
                        return Optional.of("the store alone holds rows of " + table.getKey() + " (" + table.getValue()
                                + ") it lacks with it (" + there + "): written to since");
                    }
                }
                return Optional.empty();
            } catch (SQLException e) {
                return Optional.of("the store with it cannot be read: " + e.getMessage());
            }
        } finally {
            try (Stream<Path> files = Files.list(scratch)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(scratch);
        }
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

    /** Each table's size, by name; a table without rowids by its count alone. */
    private static Map<String, Size> sizes(Connection c) throws SQLException {
        Map<String, String> tables = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
            while (r.next()) {
                tables.put(r.getString(1), r.getString(2));
            }
        }
        Map<String, Size> sizes = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : tables.entrySet()) {
            boolean rowids = !t.getValue().toUpperCase().replaceAll("\\s+", " ").contains("WITHOUT ROWID");
            String quoted = "\"" + t.getKey().replace("\"", "\"\"") + "\"";
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*), "
                    + (rowids ? "coalesce(max(rowid), 0)" : "0") + " FROM " + quoted)) {
                r.next();
                sizes.put(t.getKey(), new Size(r.getLong(1), r.getLong(2)));
            }
        }
        return sizes;
    }
}
