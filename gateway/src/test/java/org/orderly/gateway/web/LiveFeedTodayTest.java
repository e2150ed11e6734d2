package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.web.view.Today;

/**
 * Before today's figures are first computed after a start, the overview is handed none: the page says not computed
 * yet. Until 2026-12-05 it was handed 0 kWh, ¥0 and a saving of ¥0, which read as facts.
 */
class LiveFeedTodayTest {
    @Test
    void todaysFiguresAreNoneUntilTheirFirstComputation() {
        AtomicReference<Supplier<Today>> handed = new AtomicReference<>();
        // The overview's builder is not needed: what the feed hands it as today's figures is the point.
        try (LiveFeed feed = new LiveFeed(today -> {
            handed.set(today);
            return null;
        }, null, null, null)) {
            assertThat(handed.get().get()).as("today's figures before their first computation").isNull();
        }
    }
}
