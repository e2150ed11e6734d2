package org.orderly.tools.simulate;

import static org.orderly.tools.simulate.Checks.oneLine;
import static org.orderly.tools.simulate.Checks.quote;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.tariff.Tariff;
import org.orderly.text.TextFile;
import org.orderly.text.json.Utf8Only;
import org.orderly.text.TextFileException;

/**
 * Reads and checks an {@code orderly-scenario/1} file. Every problem becomes a
 * {@link ScenarioException} whose one-line message names the file, the path of the offending key
 * ({@code sessions[3].arrival}) and what is wrong, before anything is simulated. The file is read as JSON here
 * ({@link StrictMapper}, {@link JsonProblems}, {@link NullKeys}) and its span and step checked; each part of it
 * has a reader of its own (the compound, the base load, the tariff, the sessions, the grid events, the history). The
 * file is read as text first ({@link TextFile}): bytes that are not UTF-8, a zero byte, a directory or a link that
 * loops are one line naming the file and what is wrong, as for every file Orderly reads as text.
 */
public final class ScenarioReader {
    public static final String FORMAT = "orderly-scenario/1";

    private final ObjectMapper mapper = StrictMapper.create();

    public Scenario read(Path path) throws ScenarioException {
        Checks checks = new Checks(path.toString());
        String text;
        try {
            text = TextFile.read(path);
        } catch (TextFileException e) {
            throw checks.fail(otherEncoding(path).orElseGet(e::fault));
        }
        if (text.replaceFirst("^\uFEFF", "").isBlank()) {
            throw checks.fail("empty file");
        }
        // Valid UTF-8 decodes and encodes again to the same bytes, a byte order mark included (Jackson skips it).
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ScenarioJson json;
        try (JsonParser parser = mapper.createParser(bytes)) {
            try {
                json = mapper.readValue(parser, ScenarioJson.class);
            } catch (JsonProcessingException e) {
                // Described while the parser is still open: it knows where it stands and what it saw.
                throw checks.fail(JsonProblems.describe(e));
            }
        } catch (IOException e) {
            throw checks.fail("cannot read: " + oneLine(e.getMessage()));
        }
        if (json == null) {
            throw checks.fail("expected a JSON object, got null");
        }
        String nullKey;
        try {
            nullKey = NullKeys.first(mapper, bytes);
        } catch (IOException e) {
            throw checks.fail("cannot read: " + oneLine(e.getMessage()));
        }
        if (nullKey != null) {
            throw checks.fail(nullKey);
        }
        return check(json, bytes, checks, path.toString());
    }

    /**
     * What a file TextFile refused starts as, when that is UTF-16 or UTF-32 (which it would call a zero byte): said by
     * {@link Utf8Only} as such. Empty for anything else, or when the file cannot be read again.
     */
    private static Optional<String> otherEncoding(Path path) {
        try {
            return Optional.ofNullable(Utf8Only.otherEncoding(Files.readAllBytes(path)))
                    .map(other -> "not UTF-8: the file starts " + other + "; JSON must be UTF-8 (RFC 8259, section 8.1)");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Scenario check(ScenarioJson j, byte[] bytes, Checks checks, String file) throws ScenarioException {
        if (!FORMAT.equals(checks.require(j.format(), "format"))) {
            throw checks.fail("format: expected '" + FORMAT + "', got " + quote(j.format()));
        }
        ZoneId zone = zone(checks.require(j.timezone(), "timezone"), checks);
        Instant start = checks.time(j.start(), "start");
        Instant end = checks.time(j.end(), "end");
        wholeSecond(start, j.start(), "start", bytes, checks);
        wholeSecond(end, j.end(), "end", bytes, checks);
        if (!end.isAfter(start)) {
            throw checks.fail("end: " + j.end() + " is not after start " + j.start());
        }
        int step = checks.require(j.stepSeconds(), "stepSeconds");
        if (step <= 0 || (end.getEpochSecond() - start.getEpochSecond()) % step != 0) {
            throw checks.fail("stepSeconds: must be > 0 and divide the span from start to end, got " + step);
        }
        long steps = (end.getEpochSecond() - start.getEpochSecond()) / step;
        if (steps > Integer.MAX_VALUE) {
            throw checks.fail("stepSeconds: start to end is " + steps + " steps of " + step + " s, more than "
                    + Integer.MAX_VALUE);
        }
        // with 0 a resident left without costs nothing: the planner refuses it, and score.py's bound would be 0
        double penalty = checks.positive(checks.require(j.penaltyPerKWh(), "penaltyPerKWh"), "penaltyPerKWh");

        Compound compound = new CompoundReader(checks).read(j);
        BaseLoadReader.Series base = new BaseLoadReader(checks)
                .read(checks.require(j.baseLoad(), "baseLoad"), step, start, end);
        Tariff tariff = new TariffReader(checks).read(checks.require(j.tariff(), "tariff"), zone);
        List<Scenario.SimSession> sessions = new SessionsReader(checks)
                .read(checks.require(j.sessions(), "sessions"), compound);
        List<Scenario.GridEvent> events = new GridEventsReader(checks).read(j.gridEvents());
        List<PastSession> history = new HistoryReader(checks).read(j.history(), compound, start, j.start());
        String name = j.name() == null ? file : j.name();
        ZoneOffset offset = OffsetDateTime.parse(j.start()).getOffset();
        return new Scenario(name, zone, offset, start, end, step, penalty, compound, tariff, base.intervalSeconds(),
                base.kw(), sessions, events, history);
    }

    /**
     * The steps run from start in whole seconds, and every time simulate writes is to the second (OutputTime): a
     * fraction would be dropped from delivered.csv, whose rows score.py would then take for no step of the scenario.
     */
    private void wholeSecond(Instant t, String text, String key, byte[] bytes, Checks checks)
            throws ScenarioException {
        if (t.getNano() == 0) {
            return;
        }
        String place;
        try {
            place = TopLevelPlace.of(mapper, bytes, key);
        } catch (IOException e) {
            throw checks.fail("cannot read: " + oneLine(e.getMessage()));
        }
        throw checks.fail(key + ": " + quote(text) + " has a fraction of a second" + place
                + "; the steps run in whole seconds from start, so start and end are whole seconds");
    }

    private static ZoneId zone(String id, Checks checks) throws ScenarioException {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw checks.fail("timezone: unknown time zone " + quote(id));
        }
    }
}
