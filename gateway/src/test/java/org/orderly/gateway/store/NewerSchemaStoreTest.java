package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A store written by a newer build, opened by this one (the package downgraded): its schema version is above every
 * migration this build knows, and what the newer build keeps in it, this one would write past without knowing its
 * rules. The open is refused with one line naming the file and both versions, and the file is left exactly as it was.
 */
class NewerSchemaStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(T0, ZoneOffset.UTC);

    @Test
    void aStoreOfANewerSchemaIsRefusedWithOneLineAndLeftAsItWas() throws Exception {
        Path file = dir.resolve("data/orderly.db");
        int known = Migrations.ALL.size();
        try (Store store = Store.open(StoreSettings.of(file, 90), clock)) {
            store.event("test", "gw", "recorded by this build");
        }
        // What a newer build's migration leaves: its row in schema_version and a table this build does not know.
        try (Connection c = new Database(file).open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE newer_things (id INTEGER PRIMARY KEY)");
            s.execute("INSERT INTO schema_version VALUES (" + (known + 1) + ", 'a newer build''s', 0)");
        }
        byte[] before = Files.readAllBytes(file);
        List<Path> filesBefore = files(file.getParent());

        assertThatThrownBy(() -> Store.open(StoreSettings.of(file, 90), clock).close())
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
                        .startsWith("cannot open store " + file + ": its schema version is " + (known + 1)
                                + ", newer than this build's (" + known + ")")
                        .contains("left as it is"));

        assertThat(Files.readAllBytes(file)).as("the store's bytes").isEqualTo(before);
        assertThat(files(file.getParent())).as("the files beside it (no -wal or -shm left)").isEqualTo(filesBefore);
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
