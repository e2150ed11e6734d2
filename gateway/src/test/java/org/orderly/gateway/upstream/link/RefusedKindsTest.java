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

    /**
     * A refusal found out after a later message of its kind was taken (a message the broker drops each time it is sent
     * alone is found out connections after it was first sent) is over already: nothing stands, and the refusal is told
     * which message took its kind, so that its set-aside is marked taken and the next start raises nothing for it.
     */
    @Test
    void aRefusalFoundOutAfterALaterMessageOfItsKindWasTakenIsOver() {
        RefusedKinds kinds = new RefusedKinds();
        kinds.acknowledged(TELEMETRY, 9);
        kinds.acknowledged(TELEMETRY, 7);

        assertThat(kinds.refused(TELEMETRY, 8)).as("the later message taken").isEqualTo(9);
        assertThat(kinds.kinds()).as("telemetry was taken after the refused one").isEmpty();

        assertThat(kinds.refused(TELEMETRY, 10)).as("refused after the newest taken").isEqualTo(-1);
        assertThat(kinds.refused(STATE, 2)).as("nothing of its kind taken").isEqualTo(-1);
        assertThat(kinds.kinds()).isEqualTo(Optional.of("state, telemetry"));
    }
}
