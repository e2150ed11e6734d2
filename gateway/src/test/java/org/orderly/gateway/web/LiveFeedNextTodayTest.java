package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.web.view.LeftOutSession;
import org.orderly.gateway.web.view.Today;

/**
 * How soon the page computes today again: within seconds while its saving is not known (a start's first minute, no
 * stored minute having seen a car draw yet), so that the saving is said soon after the first such minute is stored;
 * about once a minute otherwise. Until 2026-12-05 it was once a minute from the start whatever today said, and a
 * first start's saving stayed not known up to a minute after its first minute was stored.
 */
class LiveFeedNextTodayTest {
    @Test
    void todayIsComputedAgainSoonWhileItsSavingIsNotKnown() {
        Today notKnown = new Today(0.1, 0.05, null, null, 0, 0, List.of(new LeftOutSession("p01@1", "p01", 0.1)));
        assertThat(LiveFeed.nextToday(notKnown)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void todayIsComputedAboutOnceAMinuteOnceItsSavingIsKnownOrItsComputationFailed() {
        assertThat(LiveFeed.nextToday(new Today(1, 0.5, 0.7, 0.2))).isEqualTo(Duration.ofSeconds(60));
        Today partial = new Today(1.1, 0.55, 0.7, 0.2, 1, 0.5, List.of(new LeftOutSession("p02@2", "p02", 0.1)));
        assertThat(LiveFeed.nextToday(partial)).as("a saving over part of the sessions").isEqualTo(Duration.ofSeconds(60));
        assertThat(LiveFeed.nextToday(null)).as("a computation that failed").isEqualTo(Duration.ofSeconds(60));
    }
}
