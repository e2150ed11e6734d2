package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.FileSystemException;
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

    /**
     * A lock path no one can open (a socket there; tests run as root, whom a file's mode does not stop) is an exception
     * naming the system's reason, not "no holder": pile set says it as not known (PileSetBesideARunningGatewayTest).
     */
    @Test
    void aLockThatCannotBeOpenedIsNotTakenForNoHolder() throws Exception {
        Path store = dir.resolve("orderly.db");
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(StoreLock.fileOf(store)));
        }
        assertThatThrownBy(() -> StoreLock.holder(store)).isInstanceOf(FileSystemException.class)
                .extracting(e -> ((FileSystemException) e).getReason()).isEqualTo("No such device or address");
    }
}
