package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.coap.PayloadCodec;
import org.orderly.bridge.coap.StatusBody;
import org.orderly.bridge.pile.EndedSession;
import org.orderly.bridge.pile.PileStatus;
import org.orderly.bridge.pile.PlugIn;
import org.orderly.bridge.vehicle.VehicleState;
import org.orderly.gateway.core.time.Tick;

/** The gateway reads the {@code /status} the bridge writes, a metered pile's too: a field it does not know is left. */
class StatusJsonTest {
    private static final Instant READ_AT = Instant.parse("2026-06-01T19:00:01Z");
    private static final Tick TICK = new Tick(7_000_000_000L);

    @Test
    void aMeteredBridgesStatusIsReadWithItsMeterOk() throws Exception {
        PileStatus status = new PileStatus(VehicleState.C, 16.0, 1.32, 1.234,
                Optional.of(Instant.parse("2026-06-01T19:00:30Z")), Optional.of(false), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        byte[] payload = new PayloadCodec().encode(StatusBody.of(status, Optional.empty(), Optional.empty(),
                Optional.empty()), PayloadCodec.JSON).payload();
        assertThat(new String(payload, StandardCharsets.UTF_8)).contains("\"meterOk\":false");

        PileState read = StatusJson.parse("P1", payload, READ_AT, TICK);

        assertThat(read).isEqualTo(new PileState("P1", ChargeState.C, 16.0, 1.32, 1.234, Optional.of(Instant.parse("2026-06-01T19:00:30Z")),
                READ_AT, TICK, Optional.empty(), Optional.empty(), Optional.of(false), Optional.empty(), Optional.empty(), false));
    }

    @Test
    void anUnmeteredBridgesStatusHasNoMeterOk() throws Exception {
        PileStatus status = new PileStatus(VehicleState.A, 6.0, 0.0, 0.0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        byte[] payload = new PayloadCodec().encode(StatusBody.of(status, Optional.empty(), Optional.empty(),
                Optional.empty()), PayloadCodec.JSON).payload();

        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("{\"state\":\"A\",\"ampsOffered\":6.0,"
                + "\"powerKw\":0.0,\"sessionEnergyKwh\":0.0,\"leaseExpiry\":null}");
        PileState read = StatusJson.parse("P1", payload, READ_AT, TICK);
        assertThat(read.state()).isEqualTo(ChargeState.A);
        assertThat(read.meterOk()).isEmpty();
        assertThat(read.fault()).isEmpty();
    }

    @Test
    void aPluggedCarsSecondsAreRead() throws Exception {
        PileStatus status = new PileStatus(VehicleState.B, 0.0, 0.0, 0.0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        byte[] payload = new PayloadCodec().encode(StatusBody.of(status, Optional.of(Duration.ofMillis(5_400_900)),
                Optional.empty(), Optional.empty()), PayloadCodec.JSON).payload();
        assertThat(new String(payload, StandardCharsets.UTF_8)).contains("\"pluggedSeconds\":5400");

        assertThat(StatusJson.parse("P1", payload, READ_AT, TICK).pluggedFor()).contains(Duration.ofSeconds(5400));
    }

    /**
     * A bridge restarted with its car plugged in says the car is the one it found at its start (docs/firmware-bridge.md,
     * {@code pluggedAtStart}); one plugged in since, or an older bridge, says nothing, read as false.
     */
    @Test
    void aCarFoundPluggedInAtTheBridgesStartIsRead() throws Exception {
        PileStatus status = new PileStatus(VehicleState.C, 16.0, 3.5, 0.01, Optional.empty(), Optional.empty(),
                Optional.of(new PlugIn(0, true)), Optional.empty(), Optional.of(new PlugIn(0, true)), Optional.empty());
        byte[] payload = new PayloadCodec().encode(StatusBody.of(status, Optional.of(Duration.ofSeconds(12)),
                Optional.empty(), Optional.empty()), PayloadCodec.JSON).payload();
        assertThat(new String(payload, StandardCharsets.UTF_8)).contains("\"pluggedAtStart\":true");

        PileState read = StatusJson.parse("P1", payload, READ_AT, TICK);
        assertThat(read.pluggedAtStart()).isTrue();
        assertThat(read.pluggedFor()).contains(Duration.ofSeconds(12));

        PileStatus since = new PileStatus(VehicleState.C, 16.0, 3.5, 0.01, Optional.empty(), Optional.empty(),
                Optional.of(new PlugIn(0)), Optional.empty(), Optional.of(new PlugIn(0)), Optional.empty());
        byte[] plugged = new PayloadCodec().encode(StatusBody.of(since, Optional.of(Duration.ofSeconds(12)),
                Optional.empty(), Optional.empty()), PayloadCodec.JSON).payload();
        assertThat(new String(plugged, StandardCharsets.UTF_8)).doesNotContain("pluggedAtStart");
        assertThat(StatusJson.parse("P1", plugged, READ_AT, TICK).pluggedAtStart()).isFalse();
    }

    @Test
    void aPluggedAtStartThatIsNoBooleanIsMalformed() {
        byte[] payload = ("{\"state\":\"C\",\"ampsOffered\":16,\"powerKw\":3,\"sessionEnergyKwh\":0,"
                + "\"leaseExpiry\":null,\"pluggedSeconds\":12,\"pluggedAtStart\":\"yes\"}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StatusJson.parse("P1", payload, READ_AT, TICK)).isInstanceOf(PileIoException.class)
                .hasMessage("/status pluggedAtStart must be true or false, was \"yes\"");
    }

    /**
     * An unplugged bridge says since when the session its energy counts began (docs/firmware-bridge.md,
     * {@code sessionPluggedSeconds}), so that the gateway can take that count for a session that ended in a silence.
     */
    @Test
    void anUnpluggedBridgesSessionSecondsAreRead() throws Exception {
        PileStatus status = new PileStatus(VehicleState.A, 6.0, 0.0, 7.25, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        byte[] payload = new PayloadCodec().encode(StatusBody.of(status, Optional.empty(),
                Optional.of(Duration.ofMillis(9_000_400)), Optional.empty()), PayloadCodec.JSON).payload();
        assertThat(new String(payload, StandardCharsets.UTF_8)).contains("\"sessionPluggedSeconds\":9000")
                .doesNotContain("\"pluggedSeconds\"");

        PileState read = StatusJson.parse("P1", payload, READ_AT, TICK);
        assertThat(read.sessionPluggedFor()).contains(Duration.ofSeconds(9000));
        assertThat(read.pluggedFor()).isEmpty();
        assertThat(read.sessionEnergyKwh()).isEqualTo(7.25);
    }

    /**
     * A bridge says the last session that ended on it (docs/firmware-bridge.md, {@code lastSession}), also once the
     * next car is plugged in: the gateway reads how long ago it was plugged in and unplugged, and what it took.
     */
    @Test
    void theLastSessionThatEndedIsRead() throws Exception {
        PileStatus status = new PileStatus(VehicleState.C, 16.0, 3.5, 0.25, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        byte[] payload = new PayloadCodec().encode(StatusBody.of(status, Optional.of(Duration.ofSeconds(180)),
                Optional.of(Duration.ofSeconds(180)), Optional.of(new EndedSession.Ago(Duration.ofMillis(2_400_700),
                        Duration.ofMillis(600_300), 7.25, false))), PayloadCodec.JSON).payload();
        assertThat(new String(payload, StandardCharsets.UTF_8))
                .contains("\"lastSession\":{\"pluggedSeconds\":2400,\"endedSeconds\":600,\"energyKwh\":7.25}");

        PileState read = StatusJson.parse("P1", payload, READ_AT, TICK);

        assertThat(read.lastSession()).contains(new LastSessionReport(Duration.ofSeconds(2400), Duration.ofSeconds(600),
                7.25));
        assertThat(read.sessionEnergyKwh()).as("the next car's").isEqualTo(0.25);
    }

    /**
     * A bridge says whether the car of its last session was the one it found plugged in at its start (from 2026-12-07):
     * its plug-in is then that start, and its energy counted from it.
     */
    @Test
    void aLastSessionOfTheCarFoundPluggedInAtTheStartIsRead() throws Exception {
        PileStatus status = new PileStatus(VehicleState.A, 0.0, 0.0, 1.5, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        byte[] payload = new PayloadCodec().encode(StatusBody.of(status, Optional.empty(),
                Optional.of(Duration.ofSeconds(900)), Optional.of(new EndedSession.Ago(Duration.ofMillis(900_400),
                        Duration.ofMillis(300_200), 1.5, true))), PayloadCodec.JSON).payload();
        assertThat(new String(payload, StandardCharsets.UTF_8)).contains(
                "\"lastSession\":{\"pluggedSeconds\":900,\"endedSeconds\":300,\"energyKwh\":1.5,\"pluggedAtStart\":true}");

        PileState read = StatusJson.parse("P1", payload, READ_AT, TICK);

        assertThat(read.lastSession()).contains(new LastSessionReport(Duration.ofSeconds(900), Duration.ofSeconds(300),
                1.5, true));
    }

    @Test
    void aLastSessionThatIsNoSessionIsMalformed() {
        String head = "{\"state\":\"A\",\"ampsOffered\":0,\"powerKw\":0,\"sessionEnergyKwh\":0,\"leaseExpiry\":null,";
        assertThatThrownBy(() -> StatusJson.parse("P1", (head + "\"lastSession\":7}").getBytes(StandardCharsets.UTF_8),
                READ_AT, TICK)).isInstanceOf(PileIoException.class).hasMessage("/status lastSession must be an object, was 7");
        assertThatThrownBy(() -> StatusJson.parse("P1", (head + "\"lastSession\":{\"pluggedSeconds\":60,"
                + "\"energyKwh\":1.5}}").getBytes(StandardCharsets.UTF_8), READ_AT, TICK))
                .isInstanceOf(PileIoException.class)
                .hasMessage("/status lastSession.endedSeconds must be a whole number of seconds, 0 to 9223372036, was missing");
        assertThatThrownBy(() -> StatusJson.parse("P1", (head + "\"lastSession\":{\"pluggedSeconds\":60,"
                + "\"endedSeconds\":30,\"energyKwh\":-1}}").getBytes(StandardCharsets.UTF_8), READ_AT, TICK))
                .isInstanceOf(PileIoException.class)
                .hasMessage("/status lastSession.energyKwh must be a number, 0 or more, was -1.0");
        assertThatThrownBy(() -> StatusJson.parse("P1", (head + "\"lastSession\":{\"pluggedSeconds\":60,"
                + "\"endedSeconds\":30,\"energyKwh\":1,\"pluggedAtStart\":1}}").getBytes(StandardCharsets.UTF_8), READ_AT,
                TICK)).isInstanceOf(PileIoException.class)
                .hasMessage("/status lastSession.pluggedAtStart must be true or false, was 1");
    }

    @Test
    void sessionSecondsThatAreNoCountOfSecondsAreMalformed() {
        byte[] payload = ("{\"state\":\"A\",\"ampsOffered\":0,\"powerKw\":0,\"sessionEnergyKwh\":0,"
                + "\"leaseExpiry\":null,\"sessionPluggedSeconds\":-1}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StatusJson.parse("P1", payload, READ_AT, TICK)).isInstanceOf(PileIoException.class)
                .hasMessage("/status sessionPluggedSeconds must be a whole number of seconds, 0 to 9223372036, was -1");
    }

    @Test
    void noPluggedSecondsIsNone() throws Exception {
        byte[] payload = "{\"state\":\"B\",\"ampsOffered\":0,\"powerKw\":0,\"sessionEnergyKwh\":0,\"leaseExpiry\":null}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(StatusJson.parse("P1", payload, READ_AT, TICK).pluggedFor()).isEmpty();
    }

    @Test
    void pluggedSecondsThatAreNoCountOfSecondsAreMalformed() {
        for (String bad : List.of("-3", "1.5", "\"10\"", "null")) {
            byte[] payload = ("{\"state\":\"B\",\"ampsOffered\":0,\"powerKw\":0,\"sessionEnergyKwh\":0,"
                    + "\"leaseExpiry\":null,\"pluggedSeconds\":" + bad + "}").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> StatusJson.parse("P1", payload, READ_AT, TICK)).as(bad)
                    .isInstanceOf(PileIoException.class)
                    .hasMessage("/status pluggedSeconds must be a whole number of seconds, 0 to 9223372036, was " + bad);
        }
    }

    /**
     * A count of seconds above {@value StatusJson#MOST_SECONDS}, the most a bridge's elapsed time in nanoseconds of a
     * {@code long} reaches (292 years), is no count a bridge can say: refused as a negative one is. Until 2026-12-07 any
     * {@code long} was taken, and the field view's {@code readAt.minus} of it threw in every control cycle
     * ({@link UnplaceableSecondsStatusTest}); the most is taken, and a bridge whose elapsed time is at its end says it.
     */
    @Test
    void secondsNoBridgeCanSayAreMalformed() throws Exception {
        String head = "{\"state\":\"C\",\"ampsOffered\":16,\"powerKw\":3.5,\"sessionEnergyKwh\":1.2,\"leaseExpiry\":null,";
        for (String field : List.of("pluggedSeconds", "sessionPluggedSeconds", "lastSession.pluggedSeconds",
                "lastSession.endedSeconds")) {
            for (long bad : List.of(StatusJson.MOST_SECONDS + 1, Long.MAX_VALUE)) {
                byte[] payload = (head + withSeconds(field, bad) + "}").getBytes(StandardCharsets.UTF_8);
                assertThatThrownBy(() -> StatusJson.parse("P1", payload, READ_AT, TICK)).as("%s %s", field, bad)
                        .isInstanceOf(PileIoException.class)
                        .hasMessage("/status " + field + " must be a whole number of seconds, 0 to 9223372036, was " + bad);
            }
            byte[] most = (head + withSeconds(field, StatusJson.MOST_SECONDS) + "}").getBytes(StandardCharsets.UTF_8);
            assertThatCode(() -> StatusJson.parse("P1", most, READ_AT, TICK)).as(field).doesNotThrowAnyException();
        }
        PileStatus status = new PileStatus(VehicleState.C, 16.0, 3.5, 1.2, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        Duration longestElapsed = new PlugIn(Long.MIN_VALUE).before(-1);
        byte[] saidByABridge = new PayloadCodec().encode(StatusBody.of(status, Optional.of(longestElapsed),
                Optional.empty(), Optional.empty()), PayloadCodec.JSON).payload();
        assertThat(StatusJson.parse("P1", saidByABridge, READ_AT, TICK).pluggedFor())
                .contains(Duration.ofSeconds(StatusJson.MOST_SECONDS));
    }

    /** {@code field}'s JSON with {@code seconds}: one of the status, or one of its {@code lastSession}'s. */
    private static String withSeconds(String field, long seconds) {
        if (!field.startsWith("lastSession.")) {
            return "\"" + field + "\":" + seconds;
        }
        String other = field.endsWith("endedSeconds") ? "pluggedSeconds" : "endedSeconds";
        return "\"lastSession\":{\"" + field.substring("lastSession.".length()) + "\":" + seconds + ",\"" + other
                + "\":0,\"energyKwh\":1}";
    }

    /**
     * The current offered, the power drawn and the energy since plug-in are never below 0 nor without end: a bridge
     * that says so is broken, and its status is malformed, as a negative {@code pluggedSeconds} is. Until 2026-12-03
     * they were taken as said (a power of Infinity, an energy of -0.5 kWh). One too large for a double is said as the
     * bridge sent it: until 2026-12-06 {@code was Infinity}, a value it never sent.
     */
    @Test
    void anAmountBelowZeroOrWithoutEndIsMalformed() {
        for (String field : List.of("ampsOffered", "powerKw", "sessionEnergyKwh")) {
            for (String bad : List.of("-0.5", "1e400", "-1e400")) {
                String status = "{\"state\":\"C\",\"ampsOffered\":16,\"powerKw\":3.5,\"sessionEnergyKwh\":1.2,"
                        + "\"leaseExpiry\":null}";
                byte[] payload = status.replaceFirst("\"" + field + "\":[0-9.]+", "\"" + field + "\":" + bad)
                        .getBytes(StandardCharsets.UTF_8);
                assertThatThrownBy(() -> StatusJson.parse("P1", payload, READ_AT, TICK)).as("%s %s", field, bad)
                        .isInstanceOf(PileIoException.class)
                        .hasMessage("/status " + field + " must be a number, 0 or more, was " + bad);
            }
        }
        byte[] zero = "{\"state\":\"A\",\"ampsOffered\":0,\"powerKw\":-0.0,\"sessionEnergyKwh\":0,\"leaseExpiry\":null}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatCode(() -> StatusJson.parse("P1", zero, READ_AT, TICK)).doesNotThrowAnyException();
    }

    /** A pile in fault says why in {@code fault}: the page's alarm shows it (a welded contactor needs a person). */
    @Test
    void aFaultedBridgesStatusIsReadWithItsFault() throws Exception {
        PileStatus status = new PileStatus(VehicleState.F, 0.0, 0.0, 1.234, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("residual current"), Optional.empty(), Optional.empty());
        byte[] payload = new PayloadCodec().encode(StatusBody.of(status, Optional.empty(), Optional.empty(),
                Optional.empty()), PayloadCodec.JSON).payload();
        assertThat(new String(payload, StandardCharsets.UTF_8)).contains("\"fault\":\"residual current\"");

        PileState read = StatusJson.parse("P1", payload, READ_AT, TICK);

        assertThat(read).isEqualTo(new PileState("P1", ChargeState.F, 0.0, 0.0, 1.234, Optional.empty(), READ_AT, TICK, Optional.empty(),
                Optional.of("residual current"), Optional.empty(), Optional.empty(), Optional.empty(), false));
    }

    @Test
    void aFaultThatIsNoShortTextIsMalformed() {
        String tooLong = "\"" + "x".repeat(StatusJson.MAX_FAULT_CHARS + 1) + "\"";
        for (String bad : List.of("null", "42", "true", "\"\"", "\"  \"", "[\"residual current\"]", "{}", tooLong)) {
            byte[] payload = ("{\"state\":\"F\",\"ampsOffered\":0,\"powerKw\":0,\"sessionEnergyKwh\":0,"
                    + "\"leaseExpiry\":null,\"fault\":" + bad + "}").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> StatusJson.parse("P1", payload, READ_AT, TICK)).as(bad)
                    .isInstanceOf(PileIoException.class)
                    .hasMessageStartingWith("/status fault must be a text of 1 to " + StatusJson.MAX_FAULT_CHARS
                            + " characters, was ")
                    .message().doesNotContain("\n").hasSizeLessThan(200);
        }
    }

    @Test
    void aFaultWithAControlCharacterIsMalformed() {
        byte[] payload = ("{\"state\":\"F\",\"ampsOffered\":0,\"powerKw\":0,\"sessionEnergyKwh\":0,"
                + "\"leaseExpiry\":null,\"fault\":\"residual\\ncurrent\"}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StatusJson.parse("P1", payload, READ_AT, TICK))
                .isInstanceOf(PileIoException.class)
                .hasMessage("/status fault must be a text of 1 to " + StatusJson.MAX_FAULT_CHARS
                        + " characters, was \"residual\\ncurrent\"");
    }

    @Test
    void aMeterOkThatIsNoBooleanIsMalformed() {
        for (String bad : List.of("\"false\"", "0", "null")) {
            byte[] payload = ("{\"state\":\"C\",\"ampsOffered\":16,\"powerKw\":3,\"sessionEnergyKwh\":0,"
                    + "\"leaseExpiry\":null,\"meterOk\":" + bad + "}").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> StatusJson.parse("P1", payload, READ_AT, TICK)).as(bad)
                    .isInstanceOf(PileIoException.class)
                    .hasMessage("/status meterOk must be true or false, was " + bad);
        }
    }

    /** A status that gives a field twice cannot be believed: which state, which current? */
    @Test
    void aStatusGivingAKeyTwiceIsMalformedNamingTheKey() {
        byte[] payload = ("{\"state\":\"C\",\"ampsOffered\":16,\"powerKw\":3,\"sessionEnergyKwh\":0,"
                + "\"leaseExpiry\":null,\"state\":\"F\"}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StatusJson.parse("P1", payload, READ_AT, TICK))
                .isInstanceOfSatisfying(PileIoException.class,
                        e -> assertThat(e.kind()).isEqualTo(PileFailureKind.MALFORMED))
                .hasMessage("/status gives \"state\" twice");
    }

    /** A second status after the first in one reply: which one is the pile's? */
    @Test
    void aStatusFollowedByMoreIsMalformed() {
        String one = "{\"state\":\"C\",\"ampsOffered\":16,\"powerKw\":3,\"sessionEnergyKwh\":0,\"leaseExpiry\":null}";
        byte[] payload = (one + " " + one.replace("\"C\"", "\"F\"")).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StatusJson.parse("P1", payload, READ_AT, TICK))
                .isInstanceOfSatisfying(PileIoException.class,
                        e -> assertThat(e.kind()).isEqualTo(PileFailureKind.MALFORMED))
                .hasMessage("/status has more after its object");
    }

    /**
     * A value of the wrong kind is said with its field and what it was, cut as a fault is: the pile's error line is no
     * place for a bridge's kilobytes (until 2026-12-04 the value was said whole).
     */
    @Test
    void aValueOfTheWrongKindIsSaidWithItsFieldAndWhatItWas() {
        String[][] said = {
                {"{\"state\":\"C\",\"ampsOffered\":\"16\",\"powerKw\":0,\"sessionEnergyKwh\":0}",
                        "/status ampsOffered must be a number, was \"16\""},
                {"{\"state\":{\"is\":\"C\"},\"ampsOffered\":16,\"powerKw\":0,\"sessionEnergyKwh\":0}",
                        "/status state must be one of A, B, C, E, F, was {\"is\":\"C\"}"},
                {"{\"state\":\"C\",\"ampsOffered\":16,\"powerKw\":[" + "1,".repeat(5000) + "1],\"sessionEnergyKwh\":0}",
                        "/status powerKw must be a number, was [" + "1,".repeat(19) + "1..."},
                {"{\"state\":\"C\",\"ampsOffered\":16,\"powerKw\":0,\"sessionEnergyKwh\":0,\"leaseExpiry\":5}",
                        "/status leaseExpiry is not ISO-8601: 5"}};
        for (String[] refused : said) {
            assertThatThrownBy(() -> StatusJson.parse("P1", refused[0].getBytes(StandardCharsets.UTF_8), READ_AT, TICK))
                    .as(refused[1]).isInstanceOfSatisfying(PileIoException.class,
                            e -> assertThat(e.kind()).isEqualTo(PileFailureKind.MALFORMED))
                    .hasMessage(refused[1]);
        }
    }

    /**
     * A status that is not JSON says what is wrong and where on one line, as a malformed grid command does: not
     * Jackson's whole message, with its redacted source on a line of its own, in the pile's error line and the log.
     */
    @Test
    void aStatusThatIsNotJsonSaysWhatAndWhereOnOneLine() {
        byte[] payload = "{\"state\":\"C\",\n\"ampsOffered\":16,}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StatusJson.parse("P1", payload, READ_AT, TICK))
                .isInstanceOfSatisfying(PileIoException.class,
                        e -> assertThat(e.kind()).isEqualTo(PileFailureKind.MALFORMED))
                .hasMessage("/status not JSON: unexpected character ('}' (code 125)): was expecting double-quote to start"
                        + " field name at line 2, column 18");
    }

    /**
     * A status that is JSON but no object is said as the JSON read, on one line and cut at 40 characters: until
     * 2026-12-05 its bytes were said as sent, so a bridge's line break started a line of the gateway's log of its own.
     */
    @Test
    void aStatusThatIsNoObjectIsSaidOnOneLine() {
        byte[] payload = "[1,\n\"2026-12-05T05:00:00Z WARN a line the bridge wrote\"]".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StatusJson.parse("P1", payload, READ_AT, TICK))
                .isInstanceOfSatisfying(PileIoException.class,
                        e -> assertThat(e.kind()).isEqualTo(PileFailureKind.MALFORMED))
                .hasMessage("/status expected a JSON object, got [1,\"2026-12-05T05:00:00Z WARN a line the...");
        assertThatThrownBy(() -> StatusJson.parse("P1", "\"a\u2028b\"".getBytes(StandardCharsets.UTF_8), READ_AT, TICK))
                .isInstanceOf(PileIoException.class).hasMessageNotContaining("\u2028");
        assertThatThrownBy(() -> StatusJson.parse("P1", new byte[0], READ_AT, TICK))
                .isInstanceOf(PileIoException.class).hasMessage("/status expected a JSON object, got nothing");
    }

    /**
     * A status beyond one of the JSON reader's own limits says which in our words. Until 2026-12-03 it carried
     * Jackson's text, its class and setting names ({@code from `StreamReadConstraints.getMaxNumberLength()`}).
     */
    @Test
    void aStatusBeyondTheReadersLimitsSaysWhichLimitInOurWords() {
        byte[] payload = ("{\"state\":\"C\",\"ampsOffered\":" + "1".repeat(1001) + "}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StatusJson.parse("P1", payload, READ_AT, TICK))
                .isInstanceOfSatisfying(PileIoException.class,
                        e -> assertThat(e.kind()).isEqualTo(PileFailureKind.MALFORMED))
                .hasMessage("/status not JSON: a number of more than 1000 digits");
    }

    /**
     * A draw too small for a double to hold is a malformed status, said as sent and where, as the page, a command and
     * the bridge's {@code PUT /limit} refuse it: until 2026-12-06 the gateway read it as a car drawing 0 kW.
     */
    @Test
    void aNumberTooSmallToHoldIsMalformedNotZero() {
        byte[] payload = "{\"state\":\"C\",\"ampsOffered\":16,\"powerKw\":1e-400,\"sessionEnergyKwh\":0,\"leaseExpiry\":null}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StatusJson.parse("P1", payload, READ_AT, TICK)).isInstanceOf(PileIoException.class)
                .hasMessage("/status \"powerKw\": 1e-400 (line 1, column 41) is too small a number to hold: it would be read as 0");
    }
}
