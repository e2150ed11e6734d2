package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The safe current held for a bridge's pile while it is offline: the larger of the configured
 * {@code driver.coap.safeAmps} and the bridge's own on {@code /info}, with a line for the installer when they differ,
 * when {@code /info} cannot be believed, or when it disagrees with the pile's {@code maxA} or {@code phase}.
 */
class BridgeInfoCheckTest {
    private static final Optional<PileRating> HOME = Optional.of(new PileRating(6, 32, 1));

    private static BridgeInfoCheck.Result check(double configured, Optional<PileRating> rating, String info) {
        return BridgeInfoCheck.check("p1", true, "coap://127.0.0.1:5683", configured, rating, info.getBytes(StandardCharsets.UTF_8));
    }

    private static String info(String maxAmps, String phases, String safeAmps) {
        return "{\"pileId\":\"p1\",\"firmwareVersion\":\"dev\",\"minAmps\":6.0,\"maxAmps\":" + maxAmps + ",\"phases\":"
                + phases + ",\"safeAmps\":" + safeAmps + "}";
    }

    @Test
    void aBridgeThatAgreesIsHeldItsSafeCurrentAndNothingIsSaid() {
        BridgeInfoCheck.Result r = check(6, HOME, info("32.0", "1", "6.0"));
        assertThat(r.safeAmps()).isEqualTo(6.0);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aBridgeSafeAboveTheConfiguredIsHeldAtItsOwnAndTheKeyToFixIsNamed() {
        BridgeInfoCheck.Result r = check(6, HOME, info("32.0", "1", "10.0"));
        assertThat(r.safeAmps()).isEqualTo(10.0);
        assertThat(r.warnings()).singleElement().asString()
                .contains("pile p1", "10 A", "6 A", "driver.coap.safeAmps", "--safe-amps", "holding 10 A");
    }

    @Test
    void aBridgeSafeBelowTheConfiguredKeepsTheConfiguredAndIsStillSaid() {
        BridgeInfoCheck.Result r = check(16, HOME, info("32.0", "1", "0.0"));
        assertThat(r.safeAmps()).isEqualTo(16.0);
        assertThat(r.warnings()).singleElement().asString()
                .contains("pile p1", "0 A", "16 A", "driver.coap.safeAmps", "holding 16 A");
    }

    @Test
    void withoutARatingOnlyTheSafeCurrentIsChecked() {
        BridgeInfoCheck.Result r = check(6, Optional.empty(), info("16.0", "3", "6.0"));
        assertThat(r.safeAmps()).isEqualTo(6.0);
        assertThat(r.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "safeAmps missing      | {\"maxAmps\":32.0,\"phases\":1}                               | safeAmps",
            "safeAmps NaN          | {\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":\"NaN\"}          | safeAmps",
            "safeAmps negative     | {\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":-1.0}             | safeAmps",
            "safeAmps above max    | {\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":40.0}             | safeAmps",
            "safeAmps a word       | {\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":\"ten\"}          | safeAmps",
            "maxAmps missing       | {\"phases\":1,\"safeAmps\":10.0}                              | maxAmps",
            "maxAmps zero          | {\"maxAmps\":0,\"phases\":1,\"safeAmps\":0}                   | maxAmps",
            "maxAmps Infinity      | {\"maxAmps\":\"Infinity\",\"phases\":1,\"safeAmps\":10.0}     | maxAmps",
            "phases 2              | {\"maxAmps\":32.0,\"phases\":2,\"safeAmps\":10.0}             | phases",
            "safeAmps twice        | {\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":6.0,\"safeAmps\":40}| gives \"safeAmps\" twice",
            "two objects           | {\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":6.0} {\"safeAmps\":40}| has more after its object",
            "not JSON              | safeAmps=10                                                   | not JSON",
            "not an object         | [32, 1, 10]                                                   | JSON object",
    })
    void aReplyThatCannotBeBelievedKeepsTheConfiguredAndSaysWhichFieldInOneLine(String what, String reply, String field) {
        BridgeInfoCheck.Result r = check(6, HOME, reply);
        assertThat(r.safeAmps()).as(what).isEqualTo(6.0);
        assertThat(r.warnings()).as(what).singleElement().asString()
                .contains("pile p1", "/info", field, "driver.coap.safeAmps 6 A").doesNotContain("\n");
    }

    /** The figure the bridge sent is said back as sent, not as Java's double ({@code -1}, not {@code -1.0}). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":-1.0} | pile p1: /info safeAmps must be 0 to maxAmps (32 A), was -1; "
                    + "holding the configured driver.coap.safeAmps 6 A",
            "{\"maxAmps\":90.0,\"phases\":1,\"safeAmps\":6.0}  | pile p1: /info maxAmps must be above 0 and at most 80 A, was 90; "
                    + "holding the configured driver.coap.safeAmps 6 A",
    })
    void aFigureThatCannotBeBelievedIsSaidAsTheBridgeSentIt(String reply, String said) {
        assertThat(check(6, HOME, reply).warnings()).containsExactly(said);
    }

    @Test
    void aBridgeOnThreePhasesWhereTheConfigurationSaysOneIsSaid() {
        BridgeInfoCheck.Result r = check(6, HOME, info("32.0", "3", "6.0"));
        assertThat(r.safeAmps()).isEqualTo(6.0);
        assertThat(r.warnings()).singleElement().asString().contains("pile p1", "3 phases", "phase", "1 phase");
    }

    @Test
    void aBridgeWhoseMaximumIsBelowTheConfiguredMaxAIsSaid() {
        BridgeInfoCheck.Result r = check(6, HOME, info("16.0", "1", "10.0"));
        assertThat(r.safeAmps()).isEqualTo(10.0);
        assertThat(r.warnings()).hasSize(2);
        assertThat(r.warnings().get(1)).contains("pile p1", "maxAmps 16 A", "maxA 32 A", "refuse");
    }

    @Test
    void aBridgeWhoseMaximumIsAboveTheConfiguredMaxAIsSaidToo() {
        BridgeInfoCheck.Result r = check(6, Optional.of(new PileRating(6, 16, 1)), info("32.0", "1", "6.0"));
        assertThat(r.warnings()).singleElement().asString().contains("pile p1", "maxAmps 32 A", "maxA 16 A");
    }

    /**
     * A bridge whose maximum is below the pile's minA too: check-config refuses a maxA below minA ({@code minA 10 is
     * above maxA 8}), so the line says to lower minA with it. Until 2026-12-05 it said only to set maxA to the bridge's
     * --max-amps, which check-config then refused.
     */
    @Test
    void aBridgeWhoseMaximumIsBelowTheConfiguredMinASaysToLowerMinAToo() {
        BridgeInfoCheck.Result r = check(6, Optional.of(new PileRating(10, 16, 1)), info("8.0", "1", "6.0"));
        assertThat(r.warnings()).singleElement().asString().endsWith("Set maxA of pile p1 to the bridge's --max-amps, and its"
                + " minA, 10 A now, to no more than that");
        BridgeInfoCheck.Result inRange = check(6, Optional.of(new PileRating(6, 16, 1)), info("8.0", "1", "6.0"));
        assertThat(inRange.warnings()).singleElement().asString().endsWith("Set maxA of pile p1 to the bridge's --max-amps");
    }

    /** An /info that is not JSON says what is wrong and where on one line, as a malformed grid command does. */
    @Test
    void anInfoThatIsNotJsonSaysWhatAndWhereOnOneLine() {
        assertThat(check(6, HOME, "{\"maxAmps\":32.0,\n\"phases\":1,").warnings()).containsExactly(
                "pile p1: /info is not JSON: the text ends before the JSON object does at line 2, column 12;"
                        + " holding the configured driver.coap.safeAmps 6 A");
        assertThat(check(6, HOME, "{\"maxAmps\":32.0,\n\"phases\":one}").warnings()).containsExactly(
                "pile p1: /info is not JSON: unrecognized token 'one': was expecting (JSON String, Number, Array, Object"
                        + " or token 'null', 'true' or 'false') at line 2, column 10; holding the configured"
                        + " driver.coap.safeAmps 6 A");
    }

    /** An /info beyond one of the JSON reader's own limits says which in our words, not Jackson's class names. */
    @Test
    void anInfoBeyondTheReadersLimitsSaysWhichLimitInOurWords() {
        assertThat(check(6, HOME, "{\"maxAmps\":" + "[".repeat(1001)).warnings()).containsExactly(
                "pile p1: /info is not JSON: nesting deeper than 1000 arrays and objects; holding the configured"
                        + " driver.coap.safeAmps 6 A");
    }

    private static String infoOf(String pileIdJson) {
        return "{\"pileId\":" + pileIdJson + ",\"firmwareVersion\":\"dev\",\"minAmps\":6.0,\"maxAmps\":16.0,"
                + "\"phases\":3,\"safeAmps\":10.0}";
    }

    /**
     * A bridge that is another pile's: its figures are not this pile's to check (16 A on 3 phases is not said), the
     * configured safe current is held, not its 10 A, and the line names both ids as sent and the address.
     */
    @Test
    void aBridgeThatSaysItIsAnotherPileIsThatPilesAndOnlyThatIsSaid() {
        BridgeInfoCheck.Result r = check(6, HOME, infoOf("\"p2\""));
        assertThat(r.otherPile()).contains("p2");
        assertThat(r.safeAmps()).isEqualTo(6.0);
        assertThat(r.warnings()).containsExactly("pile p1: the bridge at coap://127.0.0.1:5683 says it is pile \"p2\""
                + " (/info pileId, its --pile), not \"p1\"; it is given no limits and is held as an offline pile, at the"
                + " configured driver.coap.safeAmps 6 A, until it says \"p1\". Check the host and port of pile p1 in"
                + " compound.piles (two piles' addresses may be swapped) and the bridge's --pile");
    }

    /** Compared exactly, and said as sent: a letter's case or a space is another pile, and the line shows which. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"P1\"       | says it is pile \"P1\" (",
            "\"p1 \"      | says it is pile \"p1 \" (",
            "\" p1\"      | says it is pile \" p1\" (",
            "\"p1\\t\"   | says it is pile \"p1\\t\" (",
    })
    void anIdDifferingOnlyInCaseOrSpacesIsAnotherPileAndSaidSo(String sent, String said) {
        BridgeInfoCheck.Result r = check(6, HOME, infoOf(sent));
        assertThat(r.otherPile()).as(sent).isPresent();
        assertThat(r.warnings()).as(sent).singleElement().asString().contains(said, "not \"p1\"")
                .endsWith("; the two differ only in letter case or spaces, and must be the same exactly")
                .doesNotContain("\n", "\t");
    }

    @Test
    void theSamePileIsNoOtherPile() {
        assertThat(check(6, HOME, info("32.0", "1", "6.0")).otherPile()).isEmpty();
    }

    /** A bridge that does not say which pile it is cannot be believed, as a missing figure cannot: it is said. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing | {\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":6.0}             | pileId must be a string, was missing",
            "number  | {\"pileId\":1,\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":6.0} | pileId must be a string, was 1",
    })
    void anInfoWithoutAPileIdCannotBeBelieved(String what, String reply, String said) {
        BridgeInfoCheck.Result r = check(6, HOME, reply);
        assertThat(r.otherPile()).as(what).isEmpty();
        assertThat(r.warnings()).as(what).singleElement().asString().contains("pile p1: /info " + said,
                "holding the configured driver.coap.safeAmps 6 A");
    }
}
