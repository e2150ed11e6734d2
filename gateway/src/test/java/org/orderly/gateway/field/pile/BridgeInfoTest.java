package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The one reading of a bridge's {@code /info}: what the gateway needs must be there and in range
 * ({@link BridgeInfoCheckTest}); the firmware version and least current, only shown by {@code orderly pile get}, are
 * taken when given and do not make a reply unbelievable when not.
 */
class BridgeInfoTest {

    private static BridgeInfo parse(String json) {
        return BridgeInfo.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theBridgesInfoBodyIsReadWhole() {
        BridgeInfo i = parse("{\"pileId\":\"p1\",\"firmwareVersion\":\"1.4.0\",\"minAmps\":6.0,\"maxAmps\":32.0,\"phases\":3,"
                + "\"safeAmps\":8.0}");
        assertThat(i).isEqualTo(new BridgeInfo("p1", Optional.of("1.4.0"), Optional.of(6.0), 32.0, 3, 8.0, false));
    }

    @Test
    void aBridgeThatTakesAPileIdInItsLimitsSaysSoAndAnOlderOneDoesNot() {
        String base = "{\"pileId\":\"p1\",\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":6.0";
        assertThat(parse(base + ",\"limitOptionalKeys\":[\"pileId\"]}").limitTakesPileId()).isTrue();
        assertThat(parse(base + "}").limitTakesPileId()).as("a bridge before 2026-12-06").isFalse();
        assertThat(parse(base + ",\"limitOptionalKeys\":\"pileId\"}").limitTakesPileId()).as("not a list").isFalse();
        assertThat(parse(base + ",\"limitOptionalKeys\":[\"other\"]}").limitTakesPileId()).isFalse();
    }

    @Test
    void aReplyWithoutFirmwareOrLeastCurrentIsStillBelievedWithoutThem() {
        BridgeInfo i = parse("{\"pileId\":\"p1\",\"firmwareVersion\":7,\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":6.0}");
        assertThat(i.firmwareVersion()).isEmpty();
        assertThat(i.minAmps()).isEmpty();
        assertThat(i.pileId()).isEqualTo("p1");
    }

    /**
     * A least current below 0 or above the most ({@code maxAmps}) is none a bridge says: left out, as one that is no number
     * is. Until 2026-12-07 it was taken, and {@code orderly pile set} held a limit to it.
     */
    @Test
    void aLeastCurrentNoBridgeSaysIsLeftOut() {
        for (String bad : new String[] {"-6", "32.5", "1e300"}) {
            BridgeInfo i = parse("{\"pileId\":\"p1\",\"minAmps\":" + bad + ",\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":6.0}");
            assertThat(i.minAmps()).as(bad).isEmpty();
            assertThat(i.maxAmps()).isEqualTo(32.0);
        }
        assertThat(parse("{\"pileId\":\"p1\",\"minAmps\":32,\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":6.0}").minAmps())
                .contains(32.0);
    }

    @Test
    void theCheckKeepsWhatTheBridgeSaidOrWhyItWasNotTaken() {
        BridgeInfoCheck.Result read = BridgeInfoCheck.check("p1", false, "coap://127.0.0.1:5683", 6, Optional.empty(),
                "{\"pileId\":\"p2\",\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":6.0}".getBytes(StandardCharsets.UTF_8));
        assertThat(read.said().map(BridgeInfo::pileId)).contains("p2");
        assertThat(read.otherPile()).as("--id unchecked: only a name").isEmpty();
        BridgeInfoCheck.Result bad = BridgeInfoCheck.check("p1", true, "coap://127.0.0.1:5683", 6, Optional.empty(),
                "{\"pileId\":\"p1\",\"maxAmps\":\"x\",\"phases\":1,\"safeAmps\":6.0}".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.said()).isEmpty();
        assertThat(bad.unread()).contains("/info maxAmps must be a number, was \"x\"");
        assertThat(BridgeInfoCheck.refused("p1", 6, "GET coap://127.0.0.1:5683/info", "4.04 NOT_FOUND").unread())
                .contains("the bridge refused GET coap://127.0.0.1:5683/info (4.04 NOT_FOUND)");
    }
}
