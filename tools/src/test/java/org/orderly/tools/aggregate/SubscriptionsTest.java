package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which copy is taken: a retained one only from the plain {@code state} subscription (a broker following MQTT 5 gives
 * none on a shared one; Mosquitto 2.0.11 gives it on both), a live one only from a shared subscription (the plain one
 * gives every instance each state message). {@link RetainedStateTest} runs it on Mosquitto.
 */
class SubscriptionsTest {

    @Test
    void aRetainedCopyIsTakenFromThePlainSubscriptionAndALiveOneFromTheShared() {
        assertThat(Subscriptions.taken(List.of(Subscriptions.RETAINED_STATE), true)).isTrue();
        assertThat(Subscriptions.taken(List.of(Subscriptions.SHARED), true)).as("Mosquitto 2.0.11's extra copy")
                .isFalse();
        assertThat(Subscriptions.taken(List.of(Subscriptions.SHARED), false)).isTrue();
        assertThat(Subscriptions.taken(List.of(Subscriptions.RETAINED_STATE), false)).as("a peer's share").isFalse();
        assertThat(Subscriptions.taken(List.of(Subscriptions.SHARED, Subscriptions.RETAINED_STATE), false)).isTrue();
        assertThat(Subscriptions.taken(List.of(), true)).as("a broker without identifiers").isTrue();
    }

    @Test
    void thePlainSubscriptionIsMadeOnlyForStateAndWithIdentifiers() {
        BrokerSettings all = settings(BrokerSettings.ALL_KINDS);
        assertThat(Subscriptions.retainedState(all, true).map(s -> s.getTopic()))
                .contains("orderly/v1/+/state");
        assertThat(Subscriptions.retainedState(all, false)).isEmpty();
        assertThat(Subscriptions.retainedState(settings(List.of("telemetry")), true)).isEmpty();
    }

    /** A SUBSCRIBE to a broker without identifiers carries none: it would be a Protocol Error there. */
    @Test
    void aBrokerWithoutIdentifiersIsGivenNone() {
        assertThat(Subscriptions.identified(Subscriptions.SHARED, true).getSubscriptionIdentifier())
                .isEqualTo(Subscriptions.SHARED);
        assertThat(Subscriptions.identified(Subscriptions.SHARED, false).getSubscriptionIdentifier()).isNull();
    }

    private static BrokerSettings settings(List<String> kinds) {
        return new BrokerSettings("tcp://127.0.0.1:1883", true, Optional.empty(), Optional.empty(), Optional.empty(),
                "agg", "grp", 0, kinds);
    }
}
