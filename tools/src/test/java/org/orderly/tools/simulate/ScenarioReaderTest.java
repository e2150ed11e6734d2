package org.orderly.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The valid fixture reads; every bad variant of it (made by editing its JSON tree) is rejected
 * before anything runs, with one line that names the file, the JSON path and what is wrong.
 */
class ScenarioReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Path fixture() {
        try {
            return Path.of(ScenarioReaderTest.class.getResource("/scenarios/tiny-valid.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode tree() throws IOException {
        return (ObjectNode) JSON.readTree(fixture().toFile());
    }

    private static String text() throws IOException {
        return Files.readString(fixture());
    }

    private static ObjectNode at(ObjectNode root, String array, int index) {
        return (ObjectNode) root.get(array).get(index);
    }

    private Path write(JsonNode root) throws IOException {
        return writeRaw(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private Path writeRaw(String content) throws IOException {
        Path p = Files.createTempFile(dir, "scenario-", ".json");
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private Path writeBytes(byte[] content) throws IOException {
        Path p = Files.createTempFile(dir, "scenario-", ".json");
        Files.write(p, content);
        return p;
    }

    /** Reads the file, expects a ScenarioException, and returns its message without the leading "FILE: ". */
    private static String rejected(Path p) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> new ScenarioReader().read(p));
        assertThat(e).as("reading %s should fail", p.getFileName()).isNotNull();
        String msg = e.getMessage();
        assertThat(msg).doesNotContain("\n").doesNotContain("\r").startsWith(p + ": ");
        assertThat(msg).doesNotContain("Source: ").doesNotContain("REDACTED").doesNotContain("java.lang");
        return msg.substring((p + ": ").length());
    }

    private String rejected(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode root = tree();
        edit.accept(root);
        return rejected(write(root));
    }

    private Scenario reads(Consumer<ObjectNode> edit) throws IOException, ScenarioException {
        ObjectNode root = tree();
        edit.accept(root);
        return new ScenarioReader().read(write(root));
    }

    /** The fixture with a tariff of two periods, {from, to, price} each. */
    private Scenario readsTwoPeriods(String from0, String to0, double price0, String from1, String to1, double price1)
            throws IOException, ScenarioException {
        return reads(root -> {
            ArrayNode periods = ((ObjectNode) root.get("tariff")).putArray("periods");
            periods.addObject().put("from", from0).put("to", to0).put("pricePerKWh", price0);
            periods.addObject().put("from", from1).put("to", to1).put("pricePerKWh", price1);
        });
    }

    // ---- the valid fixture ----

    @Test
    void validFixtureReads() throws Exception {
        Scenario s = new ScenarioReader().read(fixture());
        assertThat(s.name()).isEqualTo("tiny-4");
        assertThat(s.stepSeconds()).isEqualTo(60);
        assertThat(s.steps()).isEqualTo(24 * 60);
        assertThat(s.baseIntervalSeconds()).isEqualTo(900);
        assertThat(s.baseKw()).hasSize(96);
        assertThat(s.compound().pileCount()).isEqualTo(4);
        assertThat(s.compound().circuits()).hasSize(1);
        assertThat(s.compound().transformer().limitKw()).isEqualTo(30.0);
        assertThat(s.compound().transformer().phaseLimitA()).isEqualTo(40.0);
        assertThat(s.sessions()).extracting(Scenario.SimSession::id).containsExactly("s1", "s2", "s3", "s4", "s5", "s6");
        Scenario.SimSession s3 = s.sessions().get(2);
        assertThat(s3.arrival()).isEqualTo(Instant.parse("2026-01-12T10:20:30Z"));
        assertThat(s.compound().pile(s3.pileIndex()).id()).isEqualTo("P2");
        assertThat(s3.declared().departure()).isEqualTo(Instant.parse("2026-01-13T00:00:00Z"));
        assertThat(s.gridEvents()).hasSize(1);
        assertThat(s.gridEvents().get(0).cap().limitKw()).isEqualTo(24.0);
        assertThat(s.history()).hasSize(3);
        assertThat(s.tariff().priceAt(Instant.parse("2026-01-12T16:00:00Z"))).isEqualTo(0.3946); // 00:00 local
        assertThat(s.tariff().priceAt(Instant.parse("2026-01-12T11:00:00Z"))).isEqualTo(1.0044); // 19:00 local
    }

    @Test
    void unchangedRewriteStillReads() throws Exception {
        // the variants below differ from the fixture only by their edit, not by how they are written
        Scenario s = reads(root -> { });
        assertThat(s.sessions()).hasSize(6);
    }

    @Test
    void sessionsMayTouchOnOnePile() throws Exception {
        // s5 leaves P3 at 06:45; s6 arriving exactly then does not overlap it
        Scenario s = reads(root -> at(root, "sessions", 5).put("arrival", "2026-01-13T06:45:00+08:00"));
        assertThat(s.sessions().get(5).arrival()).isEqualTo(Instant.parse("2026-01-12T22:45:00Z"));
    }

    @Test
    void wholeNumberMayBeWrittenWithPointZero() throws Exception {
        assertThat(reads(root -> root.put("stepSeconds", 60.0)).stepSeconds()).isEqualTo(60);
    }

    @Test
    void flatTariffFromMidnightTo2400Reads() throws Exception {
        Scenario s = reads(root -> {
            ArrayNode periods = ((ObjectNode) root.get("tariff")).putArray("periods");
            periods.addObject().put("from", "00:00").put("to", "24:00").put("pricePerKWh", 0.5);
        });
        assertThat(s.tariff().priceAt(Instant.parse("2026-01-12T16:00:00Z"))).isEqualTo(0.5);
        assertThat(s.tariff().priceAt(Instant.parse("2026-01-12T04:00:00Z"))).isEqualTo(0.5);
    }

    @Test
    void longerBaseLoadIsFine() throws Exception {
        Scenario s = reads(root -> ((ArrayNode) root.get("baseLoad").get("kw")).add(7.0).add(7.0));
        assertThat(s.baseKw()).hasSize(98);
    }

    // ---- missing and unknown keys ----

    @Test
    void missingTransformerLimit() throws Exception {
        assertThat(rejected(root -> ((ObjectNode) root.get("transformer")).remove("limitKw")))
                .isEqualTo("transformer.limitKw: missing");
    }

    @Test
    void missingSessions() throws Exception {
        assertThat(rejected(root -> root.remove("sessions"))).isEqualTo("sessions: missing");
    }

    @Test
    void missingSessionArrival() throws Exception {
        assertThat(rejected(root -> at(root, "sessions", 2).remove("arrival"))).isEqualTo("sessions[2].arrival: missing");
    }

    @Test
    void unknownTopLevelKey() throws Exception {
        assertThat(rejected(root -> root.put("colour", "red")))
                .startsWith("unknown top-level key 'colour' (line ")
                .contains("known keys there: baseLoad, circuits, end, format,");
    }

    @Test
    void unknownKeyInASessionNamesTheSessionOnce() throws Exception {
        assertThat(rejected(root -> at(root, "sessions", 1).put("colour", "red")))
                .startsWith("sessions[1]: unknown key 'colour' (line ")
                .doesNotContain("sessions[1].colour")
                .endsWith("known keys there: arrival, declared, departure, energyKWh, id, maxPowerKw, pile");
    }

    @Test
    void unknownKeyDeeperDown() throws Exception {
        assertThat(rejected(root -> ((ObjectNode) at(root, "sessions", 1).get("declared")).put("soc", 0.4)))
                .startsWith("sessions[1].declared: unknown key 'soc' (line ")
                .endsWith("known keys there: departure, energyKWh");
        assertThat(rejected(root -> ((ObjectNode) root.get("transformer")).put("limitkw", 30)))
                .startsWith("transformer: unknown key 'limitkw' (line ")
                .contains("limitKw");
    }

    @Test
    void keyGivenTwice() throws Exception {
        String twice = text().replace("\"name\": \"tiny-4\"", "\"name\": \"tiny-4\", \"name\": \"other\"");
        assertThat(rejected(writeRaw(twice))).startsWith("name: key appears more than once (line 3, ");
    }

    // ---- references between objects ----

    @Test
    void sessionOnUnknownPile() throws Exception {
        assertThat(rejected(root -> at(root, "sessions", 2).put("pile", "P9")))
                .isEqualTo("sessions[2].pile: unknown pile 'P9'");
    }

    @Test
    void historyOnUnknownPile() throws Exception {
        assertThat(rejected(root -> at(root, "history", 1).put("pile", "P9")))
                .isEqualTo("history[1].pile: unknown pile 'P9'");
    }

    @Test
    void overlappingSessionsOnAPileNameBoth() throws Exception {
        // s5 (sessions[4]) now arrives on P3 while s1 (sessions[0]) is still there
        assertThat(rejected(root -> at(root, "sessions", 4).put("arrival", "2026-01-12T15:00:00+08:00")))
                .isEqualTo("sessions[4]: session s5 overlaps session s1 (sessions[0]) on pile P3: it arrives "
                        + "2026-01-12T15:00:00+08:00, before s1 departs 2026-01-12T16:00:00+08:00");
    }

    @Test
    void duplicatePileId() throws Exception {
        assertThat(rejected(root -> at(root, "piles", 3).put("id", "P1"))).isEqualTo("piles[3].id: duplicate pile id 'P1'");
    }

    @Test
    void pileOnUnknownCircuit() throws Exception {
        assertThat(rejected(root -> at(root, "piles", 0).put("circuit", "garage-Z")))
                .isEqualTo("piles[0].circuit: unknown circuit 'garage-Z'");
    }

    // ---- values ----

    /**
     * The steps run from start in whole seconds and every time simulate writes is to the second (OutputTime): a start
     * at 12:00:00.5 would be written 12:00:00 in delivered.csv, which score.py then reads as no step of the scenario.
     */
    @Test
    void aStartOrEndWithAFractionOfASecondIsRefusedWithItsPlace() throws Exception {
        assertThat(rejected(writeRaw(text().replace("\"2026-01-12T12:00:00+08:00\"",
                "\"2026-01-12T12:00:00.5+08:00\""))))
                .isEqualTo("start: '2026-01-12T12:00:00.5+08:00' has a fraction of a second (line 5, column 12);"
                        + " the steps run in whole seconds from start, so start and end are whole seconds");
        assertThat(rejected(writeRaw(text().replace("\"2026-01-13T12:00:00+08:00\"",
                "\"2026-01-13T12:00:00.000001+08:00\""))))
                .isEqualTo("end: '2026-01-13T12:00:00.000001+08:00' has a fraction of a second (line 6, column 10);"
                        + " the steps run in whole seconds from start, so start and end are whole seconds");
    }

    /** A fraction of zero is still a whole second: nothing is lost in writing it. */
    @Test
    void aStartWithAZeroFractionReads() throws Exception {
        Scenario s = new ScenarioReader().read(writeRaw(text().replace("\"2026-01-12T12:00:00+08:00\"",
                "\"2026-01-12T12:00:00.000+08:00\"")));
        assertThat(s.start()).isEqualTo(Instant.parse("2026-01-12T04:00:00Z"));
    }

    @Test
    void unparsableArrival() throws Exception {
        assertThat(rejected(root -> at(root, "sessions", 0).put("arrival", "2026-01-12 12:30")))
                .isEqualTo("sessions[0].arrival: cannot read '2026-01-12 12:30' as an ISO-8601 time with offset");
        assertThat(rejected(root -> at(root, "sessions", 0).put("arrival", "2026-01-12T12:30:00")))
                .isEqualTo("sessions[0].arrival: cannot read '2026-01-12T12:30:00' as an ISO-8601 time with offset");
    }

    @Test
    void gridEventEndingBeforeItStarts() throws Exception {
        assertThat(rejected(root -> at(root, "gridEvents", 0).put("to", "2026-01-12T18:30:00+08:00")))
                .isEqualTo("gridEvents[0].to: 2026-01-12T18:30:00+08:00 is not after from 2026-01-12T19:00:00+08:00");
        assertThat(rejected(root -> at(root, "gridEvents", 0).put("to", "2026-01-12T19:00:00+08:00")))
                .startsWith("gridEvents[0].to: ");
    }

    @Test
    void sessionDepartingBeforeArrival() throws Exception {
        assertThat(rejected(root -> at(root, "sessions", 1).put("departure", "2026-01-12T18:00:00+08:00")))
                .isEqualTo("sessions[1].departure: 2026-01-12T18:00:00+08:00 is not after arrival 2026-01-12T18:05:00+08:00");
    }

    @Test
    void baseLoadTooShortForTheSpan() throws Exception {
        assertThat(rejected(root -> {
            ArrayNode kw = (ArrayNode) root.get("baseLoad").get("kw");
            while (kw.size() > 90) {
                kw.remove(kw.size() - 1);
            }
        })).isEqualTo("baseLoad.kw: too short: 90 values of 900 s cover 22.5 h, but start to end is 24 h and needs 96 values");
    }

    @Test
    void baseLoadIntervalNotAMultipleOfTheStep() throws Exception {
        assertThat(rejected(root -> ((ObjectNode) root.get("baseLoad")).put("intervalSeconds", 930)))
                .isEqualTo("baseLoad.intervalSeconds: must be a whole multiple of stepSeconds (60), got 930");
    }

    @Test
    void wrongFormat() throws Exception {
        assertThat(rejected(root -> root.put("format", "orderly-scenario/2")))
                .isEqualTo("format: expected 'orderly-scenario/1', got 'orderly-scenario/2'");
    }

    @Test
    void unknownTimezone() throws Exception {
        assertThat(rejected(root -> root.put("timezone", "Mars/Olympus_Mons")))
                .isEqualTo("timezone: unknown time zone 'Mars/Olympus_Mons'");
    }

    @Test
    void unknownPhase() throws Exception {
        assertThat(rejected(root -> at(root, "piles", 2).put("phase", "D")))
                .isEqualTo("piles[2].phase: expected A, B, C or ABC, got 'D'");
    }

    @Test
    void tariffWithAGap() throws Exception {
        // drop 15:00-18:00
        assertThat(rejected(root -> ((ArrayNode) root.get("tariff").get("periods")).remove(3)))
                .isEqualTo("tariff.periods: must cover all 24 h, but no period covers 15:00 to 18:00");
        // drop 23:00-07:00, which wraps past midnight
        assertThat(rejected(root -> ((ArrayNode) root.get("tariff").get("periods")).remove(0)))
                .isEqualTo("tariff.periods: must cover all 24 h, but no period covers 23:00 to 07:00");
    }

    @Test
    void tariffPeriodsOverlapping() throws Exception {
        assertThat(rejected(root -> ((ObjectNode) root.get("tariff").get("periods").get(1)).put("to", "11:00")))
                .isEqualTo("tariff.periods[2]: 10:00-15:00 overlaps tariff.periods[1] (07:00-11:00) from 10:00 to 11:00");
        assertThat(rejected(root -> ((ObjectNode) root.get("tariff").get("periods").get(5)).put("to", "23:30")))
                .isEqualTo("tariff.periods[5]: 21:00-23:30 overlaps tariff.periods[0] (23:00-07:00) from 23:00 to 23:30");
    }

    @Test
    void stringWhereANumberBelongs() throws Exception {
        assertThat(rejected(root -> at(root, "sessions", 3).put("energyKWh", "lots")))
                .startsWith("sessions[3].energyKWh: expected a number, got \"lots\" (line ");
        // a number in quotes is still a string, not silently converted
        assertThat(rejected(root -> ((ObjectNode) root.get("transformer")).put("limitKw", "30")))
                .startsWith("transformer.limitKw: expected a number, got \"30\" (line ");
        assertThat(rejected(root -> ((ArrayNode) root.get("baseLoad").get("kw")).set(5, "x")))
                .startsWith("baseLoad.kw[5]: expected a number, got \"x\" (line ");
    }

    @Test
    void otherWrongTypes() throws Exception {
        assertThat(rejected(root -> root.put("stepSeconds", 60.5)))
                .startsWith("stepSeconds: expected a whole number, got 60.5 (line ");
        assertThat(rejected(root -> at(root, "sessions", 0).put("pile", 3)))
                .startsWith("sessions[0].pile: expected a string, got 3 (line ");
        assertThat(rejected(root -> root.putObject("piles").put("id", "P1")))
                .startsWith("piles: expected a list, got an object (line ");
        assertThat(rejected(root -> root.putArray("transformer")))
                .startsWith("transformer: expected an object, got a list (line ");
        assertThat(rejected(root -> root.put("tariff", "x")))
                .startsWith("tariff: expected an object, got \"x\" (line ");
        assertThat(rejected(root -> ((ObjectNode) root.get("tariff")).putObject("name")))
                .startsWith("tariff.name: expected a string, got an object (line ");
        assertThat(rejected(root -> root.put("stepSeconds", true)))
                .startsWith("stepSeconds: expected a whole number, got true (line ");
        assertThat(rejected(root -> root.putArray("format").add(ScenarioReader.FORMAT)))
                .startsWith("format: expected a string, got a list (line ");
    }

    // ---- malformed files ----

    @Test
    void truncatedFile() throws Exception {
        String t = text();
        String cut = t.substring(0, t.indexOf("18.0, 18.4"));
        assertThat(rejected(writeRaw(cut)))
                .startsWith("not valid JSON: the file ends unexpectedly inside baseLoad.kw; is it truncated? (line 13, ");
        String lastBraceMissing = t.substring(0, t.lastIndexOf('}'));
        assertThat(rejected(writeRaw(lastBraceMissing)))
                .startsWith("not valid JSON: the file ends unexpectedly; is it truncated? (line ");
    }

    @Test
    void syntaxErrorNamesWhereItIs() throws Exception {
        String t = text().replace("\"energyKWh\": 8.0,", "\"energyKWh\": 8.0.1,");
        assertThat(rejected(writeRaw(t))).startsWith("not valid JSON near sessions[0].energyKWh: ").contains("(line 29, ");
    }

    /**
     * A number a double holds as 0 though it is not was read as 0 until 2026-12-06 (a base load of 0 kW, a session
     * wanting nothing); now refused as the gateway's readers refuse it (the {@code text} module's TooSmallNumber).
     */
    @Test
    void aNumberTooSmallToHoldIsRefusedNotReadAsZero() throws Exception {
        String baseLoad = text().replace("\"kw\": [10.0, 10.4", "\"kw\": [10.0, 1e-400");
        assertThat(rejected(writeRaw(baseLoad))).isEqualTo("baseLoad.kw[1]: 1e-400 (line 13, column "
                + (baseLoad.lines().toList().get(12).indexOf("1e-400") + 1) + ") is too small a number to hold: it would be read as 0");
        String energy = text().replace("\"energyKWh\": 8.0,", "\"energyKWh\": 8E-999,");
        assertThat(rejected(writeRaw(energy))).startsWith("sessions[0].energyKWh: 8E-999 (line 29, column ")
                .endsWith(") is too small a number to hold: it would be read as 0");
        // 0 written as 0, however long, is 0
        reads(root -> ((ArrayNode) root.get("baseLoad").get("kw")).set(1, JSON.getNodeFactory().numberNode(0.0)));
        new ScenarioReader().read(writeRaw(text().replace("\"kw\": [10.0, 10.4", "\"kw\": [10.0, 0.0e-400")));
    }

    @Test
    void emptyFileAndContentAfterTheObject() throws Exception {
        assertThat(rejected(writeRaw("  \n"))).isEqualTo("empty file");
        assertThat(rejected(writeRaw(text() + "{}\n")))
                .startsWith("not valid JSON: unexpected content after the end of the top-level object (line ");
        assertThat(rejected(writeRaw("[]"))).startsWith("top level: expected an object, got a list");
    }

    @Test
    void aLineBreakInAValueDoesNotBreakTheLine() throws Exception {
        assertThat(rejected(root -> at(root, "sessions", 0).put("pile", "P\n9")))
                .isEqualTo("sessions[0].pile: unknown pile 'P\\n9'");
    }

    @Test
    void aDirectoryIsNotAScenario() {
        assertThat(rejected(dir)).isEqualTo("is a directory, not a file");
    }

    @Test
    void noSuchFile() {
        assertThat(rejected(dir.resolve("nope.json"))).isEqualTo("no such file");
    }

    // ---- found by fuzzing the reader and the command (branch fuzzsim) ----

    @Test
    void moreStepsThanTheSimulatorCanCountIsRejected() throws Exception {
        // 100 years of 1 s steps: more than Integer.MAX_VALUE steps, which wrapped to a negative count
        assertThat(rejected(root -> {
            root.put("end", "2126-01-12T12:00:00+08:00");
            root.put("stepSeconds", 1);
            ((ObjectNode) root.get("baseLoad")).put("intervalSeconds", Integer.MAX_VALUE)
                    .putArray("kw").add(5.0).add(5.0);
        })).isEqualTo("stepSeconds: start to end is 3155673600 steps of 1 s, more than 2147483647");
    }

    @Test
    void sessionsFarOutsideTheSpanAreNeverPlugged() throws Exception {
        // a typo'd year: the step index of 9999 overflowed an int and s1 drew from the first evening on
        Scenario late = reads(root -> at(root, "sessions", 0).put("arrival", "9999-01-12T12:30:00+08:00")
                .put("departure", "9999-01-12T16:00:00+08:00"));
        Scenario.SimSession s = late.sessions().get(0);
        assertThat(late.firstStep(s)).isGreaterThanOrEqualTo(late.endStep(s));
        Scenario early = reads(root -> {
            at(root, "sessions", 0).remove("declared");
            at(root, "sessions", 0).put("arrival", "-999999999-01-12T12:30:00+08:00")
                    .put("departure", "-999999999-01-12T16:00:00+08:00");
        });
        s = early.sessions().get(0);
        assertThat(early.endStep(s)).isLessThanOrEqualTo(early.firstStep(s));
    }

    @Test
    void declaredDepartureTheGatewayWouldRefuseIsRejected() throws Exception {
        // the gateway takes a departure at most 7 days ahead; year 9999 ran the planner out of memory
        assertThat(rejected(root -> ((ObjectNode) at(root, "sessions", 0).get("declared"))
                .put("departure", "9999-01-12T16:00:00+08:00")))
                .isEqualTo("sessions[0].declared.departure: 9999-01-12T16:00:00+08:00 is more than 7 days after "
                        + "arrival 2026-01-12T12:30:00+08:00 (the gateway accepts at most 7 days ahead)");
        // a week is fine, and so is a wrong one before arrival
        reads(root -> ((ObjectNode) at(root, "sessions", 0).get("declared")).put("departure", "2026-01-19T12:30:00+08:00"));
        reads(root -> ((ObjectNode) at(root, "sessions", 0).get("declared")).put("departure", "2026-01-12T11:00:00+08:00"));
    }

    @Test
    void aNumberTooLargeForADoubleIsRejected() throws Exception {
        // 1e400 reads as Infinity: it passed ">= 0" and a session wanted 9.2e16 kWh
        String t = text();
        assertThat(rejected(writeRaw(t.replace("\"energyKWh\": 8.0,", "\"energyKWh\": 1e400,"))))
                .isEqualTo("sessions[0].energyKWh: must be a finite number >= 0, got Infinity");
        assertThat(rejected(writeRaw(t.replace("\"energyKWh\": 10.0}", "\"energyKWh\": 1e400}"))))
                .isEqualTo("sessions[0].declared.energyKWh: must be a finite number >= 0, got Infinity");
        assertThat(rejected(writeRaw(t.replace("\"energyKWh\": 13.1}", "\"energyKWh\": 1e400}"))))
                .isEqualTo("history[0].energyKWh: must be a finite number >= 0, got Infinity");
        assertThat(rejected(writeRaw(t.replace("\"limitKw\": 15.0}", "\"limitKw\": 1e400}"))))
                .isEqualTo("circuits[0].limitKw: must be a finite number >= 0, got Infinity");
        assertThat(rejected(writeRaw(t.replace("\"limitKw\": 24.0}", "\"limitKw\": 1e400}"))))
                .isEqualTo("gridEvents[0].limitKw: must be a finite number >= 0, got Infinity");
    }

    @Test
    void tariffTimesAreHoursAndMinutes() throws Exception {
        // seconds were read and then dropped: a 15 s gap or overlap between periods went unnoticed
        assertThat(rejected(root -> ((ObjectNode) root.get("tariff").get("periods").get(1)).put("to", "10:00:30")))
                .isEqualTo("tariff.periods[1].to: cannot read '10:00:30' as HH:MM or H:MM");
        assertThat(rejected(root -> ((ObjectNode) root.get("tariff").get("periods").get(2)).put("from", "10:00:00.5")))
                .isEqualTo("tariff.periods[2].from: cannot read '10:00:00.5' as HH:MM or H:MM");
        assertThat(rejected(root -> ((ObjectNode) root.get("tariff").get("periods").get(2)).put("from", "7:5")))
                .isEqualTo("tariff.periods[2].from: cannot read '7:5' as HH:MM or H:MM");
    }

    /**
     * A price sheet writes 7:00; the spec asks for no two-digit hour (its example has one) and score.py reads either,
     * so simulate reads it as 07:00. Until 2026-12-04 it was refused ("cannot read '7:00' as HH:MM").
     */
    @Test
    void aTariffTimeMayHaveAOneDigitHour() throws Exception {
        Scenario s = readsTwoPeriods("0:00", "7:30", 0.3, "7:30", "24:00", 0.6);
        assertThat(s.tariff().priceAt(Instant.parse("2026-01-12T23:29:00Z"))).isEqualTo(0.3); // 07:29 local
        assertThat(s.tariff().priceAt(Instant.parse("2026-01-12T23:30:00Z"))).isEqualTo(0.6); // 07:30 local
    }

    @Test
    void historyMustHaveEndedBeforeStart() throws Exception {
        // the spec: sessions that ended before start; one inside the span told the policy the future
        assertThat(rejected(root -> at(root, "history", 0).put("arrival", "2026-01-12T13:00:00+08:00")
                .put("departure", "2026-01-12T15:00:00+08:00")))
                .isEqualTo("history[0].departure: 2026-01-12T15:00:00+08:00 is after start 2026-01-12T12:00:00+08:00; "
                        + "history holds sessions that ended before start");
        reads(root -> at(root, "history", 0).put("departure", "2026-01-12T12:00:00+08:00"));
    }

    @Test
    void jacksonsOwnNamesStayOutOfTheMessage() throws Exception {
        assertThat(rejected(writeRaw("// a comment\n" + text())))
                .isEqualTo("not valid JSON: Unexpected character ('/' (code 47)): maybe a (non-standard) comment? "
                        + "(line 1, column 1)");
        String deep = "[".repeat(1001) + "]".repeat(1001);
        assertThat(rejected(writeRaw(text().replace("\"name\": \"tiny-4\",", "\"zz\": " + deep + ","))))
                .isEqualTo("not valid JSON: Document nesting depth (1001) exceeds the maximum allowed (1000)");
        String long1001 = "1".repeat(1001);
        assertThat(rejected(writeRaw(text().replace("\"penaltyPerKWh\": 1.8", "\"penaltyPerKWh\": " + long1001))))
                .isEqualTo("not valid JSON: Number value length (1001) exceeds the maximum allowed (1000)");
    }

    // ---- loose ends of the fuzzing (branch scen2) ----

    @Test
    void utf16AndUtf32AreRejected() throws Exception {
        // RFC 8259 8.1: JSON between systems is UTF-8; Jackson guessed these from the first bytes and read them
        String t = text();
        String bom = "\uFEFF";
        assertThat(rejected(writeBytes(t.getBytes(StandardCharsets.UTF_16LE))))
                .isEqualTo("not UTF-8: the file starts like UTF-16LE text; JSON must be UTF-8 (RFC 8259, section 8.1)");
        assertThat(rejected(writeBytes((bom + t).getBytes(StandardCharsets.UTF_16BE))))
                .isEqualTo("not UTF-8: the file starts with a UTF-16BE byte order mark; JSON must be UTF-8 "
                        + "(RFC 8259, section 8.1)");
        assertThat(rejected(writeBytes((bom + t).getBytes(StandardCharsets.UTF_16LE))))
                .startsWith("not UTF-8: the file starts with a UTF-16LE byte order mark;");
        assertThat(rejected(writeBytes(t.getBytes(StandardCharsets.UTF_16BE))))
                .startsWith("not UTF-8: the file starts like UTF-16BE text;");
        assertThat(rejected(writeBytes(t.getBytes(Charset.forName("UTF-32LE")))))
                .startsWith("not UTF-8: the file starts like UTF-32LE text;");
        assertThat(rejected(writeBytes(t.getBytes(Charset.forName("UTF-32BE")))))
                .startsWith("not UTF-8: the file starts like UTF-32BE text;");
        assertThat(rejected(writeBytes((bom + t).getBytes(Charset.forName("UTF-32LE")))))
                .startsWith("not UTF-8: the file starts with a UTF-32LE byte order mark;");
        assertThat(rejected(writeBytes((bom + t).getBytes(Charset.forName("UTF-32BE")))))
                .startsWith("not UTF-8: the file starts with a UTF-32BE byte order mark;");
        // bytes that are not UTF-8 (a Latin-1 'e' with acute accent) are named where they are, as TextFile says it (until
        // 2026-12-05 Jackson's "Invalid UTF-8 middle byte 0x22 (line 3, column 19)": the quote after it, and past it)
        assertThat(rejected(writeBytes(t.replace("tiny-4", "tiny-\u00e9").getBytes(StandardCharsets.ISO_8859_1))))
                .isEqualTo("is not UTF-8 text (byte 0xE9 at line 3, column 17); save it as UTF-8");
    }

    @Test
    void aUtf8ByteOrderMarkIsSkipped() throws Exception {
        // RFC 8259 8.1 lets a parser ignore it; the file is still UTF-8
        byte[] t = text().getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[t.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(t, 0, withBom, 3, t.length);
        assertThat(new ScenarioReader().read(writeBytes(withBom)).name()).isEqualTo("tiny-4");
    }

    @Test
    void aUtf8ByteOrderMarkAloneIsAnEmptyFile() throws Exception {
        // it read as "top level: expected an object (line 1, column 0)", unlike the same blank file without it
        assertThat(rejected(writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, ' ', '\n'})))
                .isEqualTo("empty file");
    }

    @Test
    void theCompoundsNumbersArePositiveAndFinite() throws Exception {
        // ratedKva was read and never checked: a transformer of -630 kVA or of 0 kVA read
        Consumer<ObjectNode> noRating = root -> ((ObjectNode) root.get("transformer")).remove("ratedKva");
        assertThat(rejected(root -> ((ObjectNode) root.get("transformer")).put("ratedKva", -630)))
                .isEqualTo("transformer.ratedKva: must be a finite number > 0, got -630.0");
        assertThat(rejected(root -> ((ObjectNode) root.get("transformer")).put("ratedKva", 0)))
                .isEqualTo("transformer.ratedKva: must be a finite number > 0, got 0.0");
        assertThat(rejected(writeRaw(text().replace("\"ratedKva\": 40", "\"ratedKva\": 1e400"))))
                .isEqualTo("transformer.ratedKva: must be a finite number > 0, got Infinity");
        assertThat(reads(noRating).compound().transformer().limitKw()).isEqualTo(30.0); // optional, as in score.py
        // the compound's other numbers were checked already
        assertThat(rejected(writeRaw(text().replace("\"limitKw\": 30.0", "\"limitKw\": 1e400"))))
                .isEqualTo("transformer.limitKw: must be a finite number > 0, got Infinity");
        assertThat(rejected(writeRaw(text().replace("\"phaseLimitA\": 40.0", "\"phaseLimitA\": -1"))))
                .isEqualTo("transformer.phaseLimitA: must be a finite number > 0, got -1.0");
        assertThat(rejected(writeRaw(text().replace("\"phaseVoltageV\": 220", "\"phaseVoltageV\": 0"))))
                .isEqualTo("transformer.phaseVoltageV: must be a finite number > 0, got 0.0");
        assertThat(rejected(root -> at(root, "circuits", 0).put("limitKw", -1)))
                .isEqualTo("circuits[0].limitKw: must be a finite number >= 0, got -1.0");
        assertThat(rejected(root -> at(root, "piles", 1).put("minCurrentA", 0)))
                .isEqualTo("piles[1].minCurrentA: must be a finite number > 0, got 0.0");
        assertThat(rejected(writeRaw(text().replace("\"phase\": \"C\", \"minCurrentA\": 6, \"maxCurrentA\": 32",
                "\"phase\": \"C\", \"minCurrentA\": 6, \"maxCurrentA\": 1e400"))))
                .isEqualTo("piles[2].maxCurrentA: must be a finite number > 0, got Infinity");
    }

    @Test
    void aTariffPeriodMayEndAt2400ButNotStartThere() throws Exception {
        // 24:00 was read as 00:00 wherever it stood, so 24:00-12:00 read as the morning
        assertThat(rejected(root -> {
            ArrayNode periods = ((ObjectNode) root.get("tariff")).putArray("periods");
            periods.addObject().put("from", "24:00").put("to", "12:00").put("pricePerKWh", 0.3);
            periods.addObject().put("from", "12:00").put("to", "24:00").put("pricePerKWh", 0.6);
        })).isEqualTo("tariff.periods[0].from: 24:00 is the end of a day, not a start; use 00:00");
        assertThat(rejected(root -> ((ObjectNode) root.get("tariff")).putArray("periods").addObject()
                .put("from", "24:00").put("to", "24:00").put("pricePerKWh", 0.3)))
                .isEqualTo("tariff.periods[0].from: 24:00 is the end of a day, not a start; use 00:00");
        Scenario s = readsTwoPeriods("12:00", "24:00", 0.6, "00:00", "12:00", 0.3);
        assertThat(s.tariff().priceAt(Instant.parse("2026-01-12T15:59:00Z"))).isEqualTo(0.6); // 23:59 local
        assertThat(s.tariff().priceAt(Instant.parse("2026-01-12T16:00:00Z"))).isEqualTo(0.3); // 00:00 local
    }

    @Test
    void overlappingHistoryOnAPileReads() throws Exception {
        // Deliberately accepted: the spec forbids overlapping sessions, not history (what a gateway's database
        // remembers, as recorded), and make-scenario.py writes such history from its source data: compound-150 and
        // dense-300 hold some. Refusing them would refuse the shared scenarios.
        Scenario s = reads(root -> ((ArrayNode) root.get("history")).addObject().put("pile", "P1")
                .put("arrival", "2026-01-06T06:00:00+08:00").put("departure", "2026-01-06T09:00:00+08:00")
                .put("energyKWh", 2.0));
        assertThat(s.history()).hasSize(4);
    }

    @Test
    void everyIdIsGivenOnce() throws Exception {
        // a second grid event 'dr-1' read; the policy re-plans when the ids of the caps issued change, so it went
        // unplanned for until the next periodic re-plan
        assertThat(rejected(root -> ((ArrayNode) root.get("gridEvents")).addObject().put("id", "dr-1")
                .put("issuedAt", "2026-01-13T08:00:00+08:00").put("from", "2026-01-13T09:00:00+08:00")
                .put("to", "2026-01-13T10:00:00+08:00").put("limitKw", 20.0)))
                .isEqualTo("gridEvents[1].id: duplicate grid event id 'dr-1' (gridEvents[0])");
        // sessions, piles and circuits were checked already
        assertThat(rejected(root -> at(root, "sessions", 4).put("id", "s2")))
                .isEqualTo("sessions[4].id: duplicate session id 's2'");
        assertThat(rejected(root -> ((ArrayNode) root.get("circuits")).addObject().put("id", "garage").put("limitKw", 5)))
                .isEqualTo("circuits[1].id: duplicate circuit id 'garage'");
    }

    @Test
    void aCircuitCycleIsNamedWhereItIs() throws Exception {
        // the message named no index, and blamed 'a', which only hangs below the cycle of b and c
        assertThat(rejected(root -> {
            ArrayNode circuits = (ArrayNode) root.get("circuits");
            circuits.insertObject(0).put("id", "a").put("limitKw", 10.0).put("parent", "b");
            circuits.insertObject(1).put("id", "b").put("limitKw", 10.0).put("parent", "c");
            circuits.insertObject(2).put("id", "c").put("limitKw", 10.0).put("parent", "b");
        })).isEqualTo("circuits[1].parent: circuit 'b' is its own ancestor: b -> c -> b");
        assertThat(rejected(root -> at(root, "circuits", 0).put("parent", "garage")))
                .isEqualTo("circuits[0].parent: circuit 'garage' is its own ancestor: garage -> garage");
    }

    // ---- null (branch scen3) ----

    /**
     * The spec gives null no meaning, and neither make-scenario.py nor the shared scenarios write one. It read as
     * the key left out, so a typo'd null silently became a default (phaseLimitA: null lifted the phase limits, name:
     * null named the run after its file). Every optional key given null is refused, saying where; a required one
     * too, rather than as 'missing'.
     */
    @Test
    void nullIsRefusedRatherThanReadAsTheKeyLeftOut() throws Exception {
        Map<String, Consumer<ObjectNode>> keys = new LinkedHashMap<>();
        keys.put("name", root -> root.putNull("name"));
        keys.put("transformer.ratedKva", root -> ((ObjectNode) root.get("transformer")).putNull("ratedKva"));
        keys.put("transformer.phaseLimitA", root -> ((ObjectNode) root.get("transformer")).putNull("phaseLimitA"));
        keys.put("transformer.phaseVoltageV", root -> ((ObjectNode) root.get("transformer")).putNull("phaseVoltageV"));
        keys.put("circuits", root -> {
            root.putNull("circuits");
            for (JsonNode pile : root.get("piles")) {
                ((ObjectNode) pile).remove("circuit");
            }
        });
        keys.put("circuits[0].parent", root -> at(root, "circuits", 0).putNull("parent"));
        keys.put("tariff.currency", root -> ((ObjectNode) root.get("tariff")).putNull("currency"));
        keys.put("tariff.name", root -> ((ObjectNode) root.get("tariff")).putNull("name"));
        keys.put("piles[2].circuit", root -> at(root, "piles", 2).putNull("circuit"));
        keys.put("sessions[4].declared", root -> at(root, "sessions", 4).putNull("declared"));
        keys.put("sessions[2].declared.energyKWh",
                root -> ((ObjectNode) at(root, "sessions", 2).get("declared")).putNull("energyKWh"));
        keys.put("sessions[3].declared.departure",
                root -> ((ObjectNode) at(root, "sessions", 3).get("declared")).putNull("departure"));
        keys.put("gridEvents", root -> root.putNull("gridEvents"));
        keys.put("history", root -> root.putNull("history"));
        keys.put("stepSeconds", root -> root.putNull("stepSeconds"));
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, Consumer<ObjectNode>> e : keys.entrySet()) {
            ObjectNode root = tree();
            e.getValue().accept(root);
            ScenarioException thrown = catchThrowableOfType(ScenarioException.class,
                    () -> new ScenarioReader().read(write(root)));
            soft.assertThat(thrown).as("%s: refused", e.getKey()).isNotNull();
            if (thrown != null) {
                soft.assertThat(thrown.getMessage()).as(e.getKey())
                        .contains(": " + e.getKey() + ": null (line ")
                        .endsWith("); an optional key is left out, not set to null");
            }
        }
        soft.assertAll();
        // an unknown key is named as such, whatever its value; a list's null entry is not a key left out
        assertThat(rejected(root -> root.putNull("colour"))).startsWith("unknown top-level key 'colour' (line ");
        assertThat(rejected(root -> ((ArrayNode) root.get("baseLoad").get("kw")).setNull(3)))
                .isEqualTo("baseLoad.kw[3]: must be a number >= 0, got null");
    }

    /**
     * The spec bounds neither; the gateway's tariff takes no negative price and its planner no penalty of 0 or less
     * (with 0 a resident left without costs nothing, and the bound of score.py is 0). A free hour is a price of 0.
     * An infinite price was refused as 'must be >= 0, got Infinity', which it is.
     */
    @Test
    void aPriceIsFiniteAndNotNegativeAndThePenaltyFiniteAndPositive() throws Exception {
        assertThat(rejected(writeRaw(text().replace("\"pricePerKWh\": 0.3946", "\"pricePerKWh\": 1e400"))))
                .isEqualTo("tariff.periods[0].pricePerKWh: must be a finite number >= 0, got Infinity");
        assertThat(rejected(root -> ((ObjectNode) root.get("tariff").get("periods").get(0)).put("pricePerKWh", -0.1)))
                .isEqualTo("tariff.periods[0].pricePerKWh: must be a finite number >= 0, got -0.1");
        Scenario free = reads(root -> ((ObjectNode) root.get("tariff").get("periods").get(0)).put("pricePerKWh", 0));
        assertThat(free.tariff().priceAt(Instant.parse("2026-01-12T16:00:00Z"))).isZero(); // 00:00 local
        assertThat(rejected(root -> root.put("penaltyPerKWh", 0)))
                .isEqualTo("penaltyPerKWh: must be a finite number > 0, got 0.0");
        assertThat(rejected(root -> root.put("penaltyPerKWh", -1.8)))
                .isEqualTo("penaltyPerKWh: must be a finite number > 0, got -1.8");
        assertThat(rejected(writeRaw(text().replace("\"penaltyPerKWh\": 1.8", "\"penaltyPerKWh\": 1e400"))))
                .isEqualTo("penaltyPerKWh: must be a finite number > 0, got Infinity");
    }
}
