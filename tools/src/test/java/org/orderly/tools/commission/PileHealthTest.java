package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.pile.PileFault;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.pile.ChargeState;
import org.orderly.gateway.field.pile.PileState;

/**
 * Every fault reason the bridge gives ({@link PileFault#REASONS}) is told to an installer in plain words with what to
 * do; a reason this tool does not know would only be shown as the bridge sent it. A guard: the table and the bridge's
 * reasons are kept in two modules.
 */
class PileHealthTest {

    @Test
    void everyFaultReasonOfTheBridgeIsToldWithAdvice() {
        assertThat(PileFault.REASONS).isNotEmpty().allSatisfy(reason ->
                assertThat(PileHealth.problems(faulted(reason))).as(reason).singleElement().asString()
                        .startsWith("FAULT " + reason + ": ").doesNotContain("a reason this tool does not know"));
    }

    @Test
    void aReasonNotKnownHereIsShownAsTheBridgeSentIt() {
        assertThat(PileHealth.problems(faulted("relay on fire"))).singleElement().asString()
                .startsWith("FAULT relay on fire: ").contains("a reason this tool does not know");
    }

    private static PileState faulted(String reason) {
        return new PileState("P1", ChargeState.F, 0, 0, 0, Optional.empty(), Instant.EPOCH, new Tick(0),
                Optional.empty(), Optional.of(reason), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
}
