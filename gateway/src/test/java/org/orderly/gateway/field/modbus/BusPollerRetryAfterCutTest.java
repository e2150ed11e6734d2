package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which cuts bar a retry in the cycle ({@code BusPoller.retryBarredByCut}): only one whose rest may still come down a
 * serial line with a transformer meter. A port timeout after another unit's address (the port's wait for the next byte
 * run out, the quiet had, nothing still coming) does not: until 2026-12-07 (mend61f) it did, and a pile meter not there,
 * its silence begun by a glitch or a late unit's address, was tried once in the cycle rather than with its retries. No
 * rig gives that timeout within a poll's cycle without the late unit's own retries taking its reply, so the decision
 * alone is pinned here; LateReplyOfAnotherUnitTest pins that the timeout is carried as such a cut.
 */
class BusPollerRetryAfterCutTest {
    private static final Duration DEADLINE = Duration.ofMillis(418);
    private static final Duration BYTE_WAIT = Duration.ofMillis(300);

    @Test
    void aCutAtTheDeadlineOnASerialLineWithATransformerMeterBarsTheRetry() {
        assertThat(BusPoller.retryBarredByCut(Optional.of(new ReplyCut(DEADLINE, BYTE_WAIT, false)), true, true)).isTrue();
        assertThat(BusPoller.retryBarredByCut(Optional.of(new ReplyCut(DEADLINE, BYTE_WAIT, true)), true, true)).isTrue();
    }

    @Test
    void aPortTimeoutAfterAnotherUnitsAddressDoesNotBarTheRetry() {
        ReplyCut timedOut = new ReplyCut(DEADLINE, BYTE_WAIT, false, false);
        assertThat(BusPoller.retryBarredByCut(Optional.of(timedOut), true, true)).as("%s", timedOut).isFalse();
    }

    @Test
    void noCutOrNoTransformerMeterOrTcpDoesNotBarTheRetry() {
        ReplyCut cut = new ReplyCut(DEADLINE, BYTE_WAIT, true);
        assertThat(BusPoller.retryBarredByCut(Optional.empty(), true, true)).isFalse();
        assertThat(BusPoller.retryBarredByCut(Optional.of(cut), true, false)).isFalse();
        assertThat(BusPoller.retryBarredByCut(Optional.of(cut), false, true)).isFalse();
    }
}
