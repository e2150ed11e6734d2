package org.orderly.gateway.kura;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;

/**
 * The copy of SQLite's native library that the embedded sqlite-jdbc extracts, removed once it is loaded. sqlite-jdbc
 * extracts it for each class loader that loads it, under a new name ({@code sqlite-<version>-<uuid>-libsqlitejdbc.so}
 * and a {@code .lck} beside it, in {@code org.sqlite.tmpdir}, by default {@code java.io.tmpdir}), and deletes both
 * only when the JVM exits; its own clean-up at the next load spares a copy whose {@code .lck} is there, as each one's is
 * until then. So each upgrade of the bundle left about 1.1 MB until Kura restarted. Once loaded the library is mapped
 * into the process and the file is no longer needed (Linux keeps a mapped file's data until it is unmapped), so the
 * copies mapped into this process are removed: the one just loaded, and any an earlier revision loaded. A copy not yet
 * mapped (another bundle's sqlite-jdbc between extracting and loading it) is left alone. Where the process's mappings
 * cannot be read (not Linux), nothing is removed.
 */
final class SqliteNativeCopy {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeCopy.class);
    private static final Path MAPS = Path.of("/proc/self/maps");

    private SqliteNativeCopy() {
    }

    /** Loads the native library into this bundle's class loader, then removes the extracted copies now mapped. */
    static void loadAndRemove() {
        try {
            SQLiteJDBCLoader.initialize();
        } catch (Exception e) {
            throw new IllegalStateException("the embedded sqlite-jdbc could not load SQLite's native library", e);
        }
        if (!Files.isReadable(MAPS)) {
            return;
        }
        List<String> mappings;
        try {
            mappings = Files.readAllLines(MAPS);
        } catch (IOException e) {
            LOG.warn("the copies of SQLite's native library extracted by this bundle stay until the JVM exits:"
                    + " {} cannot be read: {}", MAPS, e.getMessage());
            return;
        }
        for (Path copy : mappedCopies(mappings, SQLiteJDBCLoader.getVersion())) {
            remove(copy);
            remove(Path.of(copy + ".lck"));
        }
    }

    /**
     * The files among {@code mappings} (lines of {@code /proc/self/maps}) that are sqlite-jdbc {@code version}'s
     * extracted copies: named {@code sqlite-<version>-...}, still on disk (a removed one shows as {@code (deleted)}).
     */
    static Set<Path> mappedCopies(List<String> mappings, String version) {
        String prefix = "sqlite-" + version + "-";
        Set<Path> copies = new LinkedHashSet<>();
        for (String line : mappings) {
            int slash = line.indexOf('/');
            if (slash < 0 || line.endsWith(" (deleted)")) {
                continue;
            }
            Path file = Path.of(line.substring(slash));
            Path name = file.getFileName();
            if (name != null && name.toString().startsWith(prefix) && name.toString().contains("sqlitejdbc")) {
                copies.add(file);
            }
        }
        return copies;
    }

    private static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("the copy of SQLite's native library {} stays until the JVM exits: it cannot be removed: {}",
                    file, e.getMessage());
        }
    }
}
