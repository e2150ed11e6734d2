package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Which kinds the manager's page leaves out as the gateway's bookkeeping (docs/web.md, "Events"): each kind says so
 * itself ({@link EventKind#shown}), and these seven are the ones that do; a stored kind is looked up by its code
 * ({@link EventKind#listed}), and one the gateway does not make is listed.
 */
class EventKindShownTest {
    @Test
    void theBookkeepingKindsAreTheSevenTheManagerCannotActOn() {
        assertThat(Arrays.stream(EventKind.values()).filter(k -> k.shown() == EventKind.Shown.BOOKKEEPING)
                .map(EventKind::code))
                .containsExactlyInAnyOrder("store.numbered", "outbox.trimmed", "outbox.overflow", "outbox.setAside",
                        "outbox.timeUnknown", "store.overflow", "log.dropped");
    }

    @Test
    void aStoredKindIsListedAsItsKindSaysAndOneTheGatewayDoesNotMakeIsListed() {
        assertThat(EventKind.listed("store.numbered")).isFalse();
        assertThat(EventKind.listed("log.dropped")).isFalse();
        assertThat(EventKind.listed("alarm.raised")).isTrue();
        assertThat(EventKind.listed("test.marker")).as("a kind the gateway does not make").isTrue();
    }
}
