package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreException;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.testkit.OnePileGateway;
import org.orderly.testkit.SmallTmpfs;

/**
 * A gateway started on a store whose disk is full (a power cut or a restart after the SD card filled): the store
 * exists from an earlier run, on a real filesystem made full (a 1 MiB tmpfs mounted by the test, filled by a file; skipped
 * where the test may not mount). SQLite cannot make the store's {@code -shm} there and says only "disk I/O error"
 * ({@code SQLITE_IOERR_SHMSIZE}), which reads as a failing card: the start's one line must say that the disk is full and
 * how many bytes are free, naming the store (docs/operations.md, "A full disk").
 */
class FullDiskStartTest {
    @TempDir
    Path dir;

    private SmallTmpfs small;

    @BeforeEach
    void mountSmallFilesystem() throws Exception {
        small = SmallTmpfs.mount(dir.resolve("small"), "size=1m");
    }

    @AfterEach
    void unmount() throws Exception {
        if (small != null) {
            small.close();
        }
    }

    @Test
    @Timeout(120)
    void theStartOnAFullDiskSaysTheDiskIsFullAndTheBytesFree() throws Exception {
        Path store = small.dir().resolve("orderly.db");
        Store.open(StoreSettings.of(store, 90), Clock.systemUTC()).close();
        small.fill("filler");
        GatewayConfig config = ConfigLoader.parse("gw.yaml", OnePileGateway.yaml("gw-full")
                + "store: { path: %s }\n".formatted(store), LiveRig.devices(), dir);

        assertThatThrownBy(() -> LiveRig.startGateway(config, dir, LiveRig.devices()).close())
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
                        .startsWith("cannot open store " + store + ": the disk holding it is full (")
                        .containsPattern("is full \\(\\d+ bytes free on ")
                        .contains("SQLITE_"));
    }
}
