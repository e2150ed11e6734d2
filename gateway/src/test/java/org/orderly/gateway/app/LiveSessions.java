package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.StoreReader;
import org.orderly.testkit.Await;

/**
 * The {@link LiveRig} of a test of sessions, closed after the test, and the sessions its running gateway (the one
 * after a restart too) has stored, read once what it had queued is written; each wait and flush within
 * {@code within}. A test registers it with {@code @RegisterExtension}.
 */
final class LiveSessions implements AfterEachCallback {
    private final Duration within;
    private final Instant from = Instant.now().minus(Duration.ofHours(1));
    private LiveRig rig;

    LiveSessions(Duration within) {
        this.within = within;
    }

    /** Takes {@code started} to read its sessions and to close it after the test; returns it. */
    LiveRig on(LiveRig started) {
        rig = started;
        return started;
    }

    /** Takes {@code started} as {@link #on} does, and returns it once its control loop has a session open on every pile. */
    LiveRig everySessionOpen(LiveRig started) throws InterruptedException {
        on(started);
        Await.until("every session open", within, started::everySessionOpen);
        return started;
    }

    /** What the running gateway's store holds of {@code pile}'s sessions once what was queued is written. */
    List<SessionRecord> stored(String pile) {
        flushed();
        try (StoreReader reader = rig.gateway.store().reader()) {
            return reader.sessions(from, Instant.now().plus(Duration.ofHours(1))).stream()
                    .filter(s -> s.pile().equals(pile)).toList();
        }
    }

    /** The one open session on {@code pile}, as the running gateway stored it, once there is one. */
    SessionRecord openOn(String pile) throws InterruptedException {
        Await.until("a session on " + pile + " stored", within, () -> stored(pile).stream()
                .anyMatch(s -> s.departure() == null));
        return stored(pile).stream().filter(s -> s.departure() == null).findFirst().orElseThrow();
    }

    /** Returns once everything the running gateway queued for its store is written. */
    void flushed() {
        try {
            assertThat(rig.gateway.store().flush(within)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while flushing the store", e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (rig != null) {
            rig.close();
        }
    }
}
