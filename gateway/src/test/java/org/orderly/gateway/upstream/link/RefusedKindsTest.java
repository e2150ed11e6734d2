package org.orderly.gateway.upstream.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A kind of message the broker refused stands until a later message of that kind is acknowledged: not one of another
 * kind, nor one of its kind sent before the refusal and acknowledged after it (the window has several in flight).
 */
class RefusedKindsTest {
    private static final String STATE = "orderly/v1/gw/state";
    private static final String TELEMETRY = "orderly/v1/gw/telemetry";

    @Test
    void aRefusedKindStandsUntilALaterMessageOfItIsAcknowledged() {
        RefusedKinds kinds = new RefusedKinds();
        kinds.acknowledged(STATE, 1);
        assertThat(kinds.kinds()).as("nothing refused").isEmpty();

        kinds.refused(TELEMETRY, 5);
        kinds.refused(STATE, 4);
        assertThat(kinds.kinds()).isEqualTo(Optional.of("state, telemetry"));

        kinds.acknowledged(TELEMETRY, 3);
        kinds.acknowledged(STATE, 6);
        assertThat(kinds.kinds()).as("telemetry's acknowledged one was sent before its refused one")
                .isEqualTo(Optional.of("telemetry"));

        kinds.acknowledged(TELEMETRY, 7);
        assertThat(kinds.kinds()).isEmpty();
    }
}
