package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;

/**
 * What a bridge's refusal of a limit naming the pile says of the bridge, read from the code and the bridge's JSON body,
 * or its prose reason as a bridge of the first build that took pileId says it.
 */
class LimitRefusalTest {

    private static java.util.Optional<LimitRefusal> refused(ResponseCode code, String reason) {
        return LimitRefusal.of(code, MediaTypeRegistry.TEXT_PLAIN, reason.getBytes(StandardCharsets.UTF_8));
    }

    private static java.util.Optional<LimitRefusal> refusedInJson(ResponseCode code, String body) {
        return LimitRefusal.of(code, MediaTypeRegistry.APPLICATION_JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRefusalInJsonNamesThePileTheBridgeIsWhole() {
        String id = "garage-left-" + "x".repeat(40);
        assertThat(refusedInJson(ResponseCode.FORBIDDEN, "{\"reason\":\"limit for pile \\\"p0\\\" sent to pile \\\""
                + "garage-left-" + "x".repeat(28) + "\\\"...\",\"pileId\":\"" + id + "\"}"))
                .contains(new LimitRefusal.AnotherPile(id, false));
        assertThat(refusedInJson(ResponseCode.FORBIDDEN, "{\"reason\":\"x\",\"pileId\":\"p\\t1 \"}"))
                .as("JSON's escapes undone").contains(new LimitRefusal.AnotherPile("p\t1 ", false));
        assertThat(refusedInJson(ResponseCode.FORBIDDEN, "{\"reason\":\"limit for pile \\\"p0\\\" sent to pile"
                + " \\\"p1\\\"\"}")).as("a JSON body without the id: its reason read as prose")
                .contains(new LimitRefusal.AnotherPile("p1", false));
        assertThat(refusedInJson(ResponseCode.FORBIDDEN, "{\"pileId\":\"p1\"}")).as("no reason: not a refusal body")
                .isEmpty();
    }

    /** As a bridge of the first build that took pileId says it: the prose reason only. */
    @Test
    void aRefusalForAnotherPileInProseNamesThePileTheBridgeIs() {
        assertThat((refused(ResponseCode.FORBIDDEN, "limit for pile \"p0\" sent to pile \"p1\"")))
                .contains(new LimitRefusal.AnotherPile("p1", false));
        assertThat((refused(ResponseCode.FORBIDDEN, "limit for pile \"p0\" sent to pile \"p\\t1 \"")))
                .as("JSON's escapes undone").contains(new LimitRefusal.AnotherPile("p\t1 ", false));
        assertThat((refused(ResponseCode.FORBIDDEN, "limit for pile \"p0\" sent to pile \""
                + "x".repeat(40) + "\"..."))).contains(new LimitRefusal.AnotherPile("x".repeat(40), true));
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
