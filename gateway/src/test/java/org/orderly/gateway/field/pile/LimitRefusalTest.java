package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;

/** What a bridge's refusal of a limit naming the pile says of the bridge, read from the code and the bridge's reason. */
class LimitRefusalTest {

    private static java.util.Optional<LimitRefusal> refused(ResponseCode code, String reason) {
        return LimitRefusal.of(code, reason.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRefusalForAnotherPileNamesThePileTheBridgeIs() {
        assertThat((refused(ResponseCode.FORBIDDEN, "limit for pile \"p0\" sent to pile \"p1\"")))
                .contains(new LimitRefusal.AnotherPile("p1"));
        assertThat((refused(ResponseCode.FORBIDDEN, "limit for pile \"p0\" sent to pile \"p\\t1 \"")))
                .as("JSON's escapes undone").contains(new LimitRefusal.AnotherPile("p\t1 "));
        assertThat((refused(ResponseCode.FORBIDDEN, "limit for pile \"p0\" sent to pile \""
                + "x".repeat(40) + "\"..."))).contains(new LimitRefusal.AnotherPile("x".repeat(40) + "..."));
    }

    @Test
    void anOlderBridgeRefusingTheKeyIsToldFromAnyOtherRefusal() {
        assertThat((refused(ResponseCode.BAD_REQUEST, "unknown key \"pileId\"; expected amps, ttlSeconds")))
                .contains(new LimitRefusal.PileIdUnknown());
        assertThat((refused(ResponseCode.BAD_REQUEST, "amps 99 must be 0 or within [6, 32] for pile P1")))
                .isEmpty();
        assertThat((refused(ResponseCode.FORBIDDEN, "not for you"))).isEmpty();
        assertThat((refused(ResponseCode.SERVICE_UNAVAILABLE, "pile P1 is stopping"))).isEmpty();
    }
}
