package org.orderly.gateway.upstream.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Database;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.upstream.Topics;

/**
 * The store a test of the outbox opens its outboxes on, gateway {@code gw-1}: a real SQLite file in a folder of its
 * own, opened before each test and closed and deleted after it, on a virtual clock that stands at
 * 2026-11-29T12:00:00Z until the test moves it. A test registers it with {@code @RegisterExtension}.
 */
final class OutboxStore implements BeforeEachCallback, AfterEachCallback {
    static final Topics TOPICS = new Topics("gw-1");

    final VirtualClock clock = new VirtualClock(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    private Path dir;
    private Store store;

    /** An outbox on the store that keeps at most {@code maxMessages} for an hour, with a queue of 1000. */
    Outbox outbox(int maxMessages) {
        return outbox(new OutboxLimits(Duration.ofHours(1), maxMessages, 1000));
    }

    Outbox outbox(OutboxLimits limits) {
        return Outbox.open(store.database(), TOPICS, clock, limits);
    }

    Store store() {
        return store;
    }

    Database database() {
        return store.database();
    }

    /** Waits until what was queued for the store's own writer is written. */
    boolean flush(Duration timeout) throws InterruptedException {
        return store.flush(timeout);
    }

    StoreReader reader() {
        return store.reader();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("outbox-test");
        store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), clock);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
