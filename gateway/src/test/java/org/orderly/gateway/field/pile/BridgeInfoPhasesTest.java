package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * docs/firmware-bridge.md: a {@code /info} that cannot be believed ("phases not 1 or 3") is one WARN naming the pile
 * and the field. A whole number that is not 1 but whose low 32 bits are (2^32 + 1) is not 1 phase.
 */
class BridgeInfoPhasesTest {

    @Test
    void phasesBeyondAnIntAreNotTakenForTheirLowBits() {
        String info = "{\"pileId\":\"p1\",\"firmwareVersion\":\"dev\",\"minAmps\":6.0,\"maxAmps\":32.0,"
                + "\"phases\":4294967297,\"safeAmps\":6.0}";
        BridgeInfoCheck.Result r = BridgeInfoCheck.check("p1", true, "coap://127.0.0.1:5683", 6,
                Optional.of(new PileRating(6, 32, 1)), info.getBytes(StandardCharsets.UTF_8));
        assertThat(r.warnings()).singleElement().asString()
                .contains("pile p1", "phases must be 1 or 3, was 4294967297");
    }
}
