package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoreLock#holder}, which {@code orderly pile set --config} asks to say that a gateway runs on the
 * configuration: asked in the JVM that holds the lock (the demo, Kura, tests), it answers without touching the file,
 * whose closing of another channel would drop the gateway's lock. Another process's holder is {@code
 * PileSetBesideARunningGatewayTest}'s ({@code orderly run} in a child JVM).
 */
class StoreLockHolderTest {
    @TempDir
    Path dir;

    @Test
    void aStoreNoGatewayEverLockedHasNoHolder() throws Exception {
        assertThat(StoreLock.holder(dir.resolve("orderly.db"))).isEmpty();
    }

    @Test
    void theHolderInThisProcessIsNamedAndKeepsItsLock() throws Exception {
        Path store = dir.resolve("orderly.db");
        try (StoreLock held = StoreLock.take(store)) {
            assertThat(StoreLock.holder(store)).contains("pid " + ProcessHandle.current().pid() + ", this process");
            assertThat(StoreLock.holder(dir.resolve("./orderly.db"))).as("by another path").isPresent();
            assertThatThrownBy(() -> StoreLock.take(store)).as("still held after being asked").isInstanceOf(StoreException.class)
                    .hasMessageContaining("in use by another gateway");
        }
        assertThat(StoreLock.holder(store)).as("released; the lock file is left in place").isEmpty();
    }
}
