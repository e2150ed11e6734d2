package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which lines of /proc/self/maps are copies of SQLite's native library that sqlite-jdbc extracted. */
class SqliteNativeCopyTest {
    private static final String OURS = "/tmp/sqlite-3.54.1.0-0b5e-4f1a-libsqlitejdbc.so";

    @Test
    void onlyThisVersionsCopiesStillOnDiskAreTaken() {
        List<String> maps = List.of(
                "7f3a00000000-7f3a00100000 r-xp 00000000 08:01 1234 " + OURS,
                "7f3a00100000-7f3a00200000 r--p 00100000 08:01 1234 " + OURS,
                "7f3a00300000-7f3a00400000 r-xp 00000000 08:01 1235 /tmp/sqlite-3.54.1.0-9c1d-libsqlitejdbc.so (deleted)",
                "7f3a00500000-7f3a00600000 r-xp 00000000 08:01 1236 /tmp/sqlite-3.46.1.0-77aa-libsqlitejdbc.so",
                "7f3a00700000-7f3a00800000 r-xp 00000000 08:01 1237 /usr/lib/x86_64-linux-gnu/libsqlite3.so.0",
                "7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0 [stack]",
                "7f3a00900000-7f3a00a00000 rw-p 00000000 00:00 0 ");

        assertThat(SqliteNativeCopy.mappedCopies(maps, "3.54.1.0")).containsExactly(Path.of(OURS));
    }
}
