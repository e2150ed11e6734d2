package org.orderly.tools.simulate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.orderly.gateway.core.model.Circuit;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.tariff.Tariff;
import org.orderly.gateway.core.tariff.TariffPeriod;

/**
 * Reads and checks an {@code orderly-scenario/1} file. Every problem becomes a
 * {@link ScenarioException} whose one-line message names the file, the path of the offending key
 * ({@code sessions[3].arrival}) and what is wrong, before anything is simulated.
 */
public final class ScenarioReader {
    public static final String FORMAT = "orderly-scenario/1";
    /** How far ahead of plug-in the gateway takes a declared departure (its web form refuses more). */
    static final Duration MAX_DECLARED_AHEAD = Duration.ofDays(7);

    /**
     * Strict: unknown keys, a key given twice, content after the object, a string where a number
     * belongs ({@code "30"}), a number where a string belongs, and a fraction where a whole number
     * belongs ({@code stepSeconds: 60.5}) are all errors rather than silently coerced.
     */
    private final ObjectMapper mapper = strictMapper();

    private static ObjectMapper strictMapper() {
        JsonMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new SimpleModule("strict-whole-numbers").addDeserializer(Integer.class, new WholeNumber()))
                .build();
        for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float)) {
            m.coercionConfigFor(t)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return m;
    }

    private String file;

    /** An int that may be written {@code 60} or {@code 60.0}, but not {@code 60.5}, {@code "60"} or 3e9. */
    private static final class WholeNumber extends StdScalarDeserializer<Integer> {
        WholeNumber() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                return p.getIntValue();
            }
            if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = p.getDoubleValue();
                if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                    return (int) d;
                }
            }
            return (Integer) ctxt.handleUnexpectedToken(Integer.class, p);
        }
    }

    public Scenario read(Path path) throws ScenarioException {
        file = path.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw fail("no such file");
        } catch (IOException e) {
            throw fail("cannot read: " + oneLine(e.getMessage()));
        }
        String otherEncoding = Utf8Only.otherEncoding(bytes);
        if (otherEncoding != null) {
            throw fail("not UTF-8: the file starts " + otherEncoding + "; JSON must be UTF-8 (RFC 8259, section 8.1)");
        }
        if (new String(bytes, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "").isBlank()) {
            throw fail("empty file");
        }
        ScenarioJson json;
        try (JsonParser parser = mapper.createParser(bytes)) {
            try {
                json = mapper.readValue(parser, ScenarioJson.class);
            } catch (JsonProcessingException e) {
                // Described while the parser is still open: it knows where it stands and what it saw.
                throw fail(describe(e));
            }
        } catch (IOException e) {
            throw fail("cannot read: " + oneLine(e.getMessage()));
        }
        if (json == null) {
            throw fail("expected a JSON object, got null");
        }
        String nullKey;
        try {
            nullKey = NullKeys.first(mapper, bytes);
        } catch (IOException e) {
            throw fail("cannot read: " + oneLine(e.getMessage()));
        }
        if (nullKey != null) {
            throw fail(nullKey);
        }
        return check(json);
    }

    private Scenario check(ScenarioJson j) throws ScenarioException {
        if (!FORMAT.equals(require(j.format(), "format"))) {
            throw fail("format: expected '" + FORMAT + "', got " + quote(j.format()));
        }
        ZoneId zone = zone(require(j.timezone(), "timezone"));
        Instant start = time(j.start(), "start");
        Instant end = time(j.end(), "end");
        if (!end.isAfter(start)) {
            throw fail("end: " + j.end() + " is not after start " + j.start());
        }
        int step = require(j.stepSeconds(), "stepSeconds");
        if (step <= 0 || (end.getEpochSecond() - start.getEpochSecond()) % step != 0) {
            throw fail("stepSeconds: must be > 0 and divide the span from start to end, got " + step);
        }
        long steps = (end.getEpochSecond() - start.getEpochSecond()) / step;
        if (steps > Integer.MAX_VALUE) {
            throw fail("stepSeconds: start to end is " + steps + " steps of " + step + " s, more than "
                    + Integer.MAX_VALUE);
        }
        // with 0 a resident left without costs nothing: the planner refuses it, and score.py's bound would be 0
        double penalty = positive(require(j.penaltyPerKWh(), "penaltyPerKWh"), "penaltyPerKWh");

        ScenarioJson.Transformer tj = require(j.transformer(), "transformer");
        if (tj.ratedKva() != null) {
            positive(tj.ratedKva(), "transformer.ratedKva"); // optional and not simulated, but not nonsense
        }
        double limit = positive(require(tj.limitKw(), "transformer.limitKw"), "transformer.limitKw");
        double volts = tj.phaseVoltageV() == null ? 220 : positive(tj.phaseVoltageV(), "transformer.phaseVoltageV");
        double phaseLimit = tj.phaseLimitA() == null ? Double.NaN : positive(tj.phaseLimitA(), "transformer.phaseLimitA");
        Transformer transformer = new Transformer(limit, phaseLimit, volts);

        List<Circuit> circuits = circuits(j.circuits());
        Set<String> circuitIds = new HashSet<>();
        circuits.forEach(c -> circuitIds.add(c.id()));
        for (int i = 0; i < circuits.size(); i++) {
            String parent = circuits.get(i).parentId();
            if (parent != null && !circuitIds.contains(parent)) {
                throw fail("circuits[" + i + "].parent: unknown circuit " + quote(parent));
            }
        }
        List<String> cycle = Compound.firstCycle(circuits);
        for (int i = 0; i < circuits.size() && !cycle.isEmpty(); i++) {
            if (circuits.get(i).id().equals(cycle.get(0))) {
                throw fail("circuits[" + i + "].parent: circuit " + quote(cycle.get(0)) + " is its own ancestor: "
                        + String.join(" -> ", cycle));
            }
        }
        List<Pile> piles = piles(require(j.piles(), "piles"), circuitIds);
        Compound compound;
        try {
            compound = new Compound(transformer, circuits, piles);
        } catch (IllegalArgumentException e) {
            throw fail("circuits: " + e.getMessage());
        }

        ScenarioJson.BaseLoad bl = require(j.baseLoad(), "baseLoad");
        int interval = require(bl.intervalSeconds(), "baseLoad.intervalSeconds");
        if (interval <= 0 || interval % step != 0) {
            throw fail("baseLoad.intervalSeconds: must be a whole multiple of stepSeconds (" + step + "), got " + interval);
        }
        List<Double> kw = require(bl.kw(), "baseLoad.kw");
        long needed = (end.getEpochSecond() - start.getEpochSecond() + interval - 1) / interval;
        if (kw.size() < needed) {
            throw fail("baseLoad.kw: too short: " + kw.size() + " values of " + interval + " s cover "
                    + hours((long) kw.size() * interval) + " h, but start to end is "
                    + hours(end.getEpochSecond() - start.getEpochSecond()) + " h and needs " + needed + " values");
        }
        double[] base = new double[kw.size()];
        for (int i = 0; i < base.length; i++) {
            Double v = kw.get(i);
            if (v == null || !(v >= 0) || v.isInfinite()) {
                throw fail("baseLoad.kw[" + i + "]: must be a number >= 0, got " + v);
            }
            base[i] = v;
        }

        Tariff tariff = tariff(require(j.tariff(), "tariff"), zone);
        List<Scenario.SimSession> sessions = sessions(require(j.sessions(), "sessions"), compound);
        List<Scenario.GridEvent> events = gridEvents(j.gridEvents());
        List<PastSession> history = history(j.history(), compound, start, j.start());
        String name = j.name() == null ? file : j.name();
        ZoneOffset offset = OffsetDateTime.parse(j.start()).getOffset();
        return new Scenario(name, zone, offset, start, end, step, penalty, compound, tariff, interval, base, sessions, events,
                history);
    }

    private List<Circuit> circuits(List<ScenarioJson.Circuit> list) throws ScenarioException {
        List<Circuit> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        if (list == null) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String where = "circuits[" + i + "]";
            ScenarioJson.Circuit c = require(list.get(i), where);
            String id = require(c.id(), where + ".id");
            if (!ids.add(id)) {
                throw fail(where + ".id: duplicate circuit id " + quote(id));
            }
            double lim = nonNegative(require(c.limitKw(), where + ".limitKw"), where + ".limitKw");
            out.add(new Circuit(id, lim, c.parent()));
        }
        return out;
    }

    private List<Pile> piles(List<ScenarioJson.Pile> list, Set<String> circuits) throws ScenarioException {
        List<Pile> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "piles[" + i + "]";
            ScenarioJson.Pile p = require(list.get(i), where);
            String id = require(p.id(), where + ".id");
            if (!ids.add(id)) {
                throw fail(where + ".id: duplicate pile id " + quote(id));
            }
            Phase phase;
            try {
                phase = Phase.valueOf(require(p.phase(), where + ".phase"));
            } catch (IllegalArgumentException e) {
                throw fail(where + ".phase: expected A, B, C or ABC, got " + quote(p.phase()));
            }
            double min = positive(require(p.minCurrentA(), where + ".minCurrentA"), where + ".minCurrentA");
            double max = positive(require(p.maxCurrentA(), where + ".maxCurrentA"), where + ".maxCurrentA");
            if (max < min) {
                throw fail(where + ".maxCurrentA: " + max + " is below minCurrentA " + min);
            }
            if (p.circuit() != null && !circuits.contains(p.circuit())) {
                throw fail(where + ".circuit: unknown circuit " + quote(p.circuit()));
            }
            out.add(new Pile(id, phase, min, max, p.circuit()));
        }
        return out;
    }

    private Tariff tariff(ScenarioJson.Tariff t, ZoneId zone) throws ScenarioException {
        List<ScenarioJson.Period> list = require(t.periods(), "tariff.periods");
        if (list.isEmpty()) {
            throw fail("tariff.periods: empty; the periods must cover all 24 h");
        }
        List<TariffPeriod> periods = new ArrayList<>();
        int[] owner = new int[MINUTES_PER_DAY];
        Arrays.fill(owner, -1);
        for (int i = 0; i < list.size(); i++) {
            String where = "tariff.periods[" + i + "]";
            ScenarioJson.Period p = require(list.get(i), where);
            LocalTime from = clock(require(p.from(), where + ".from"), where + ".from", false);
            LocalTime to = clock(require(p.to(), where + ".to"), where + ".to", true);
            // 0 is a free hour; the gateway's tariff takes no negative price
            double price = nonNegative(require(p.pricePerKWh(), where + ".pricePerKWh"), where + ".pricePerKWh");
            int a = minuteOfDay(from);
            int b = minuteOfDay(to);
            boolean wholeDay = a == 0 && "24:00".equals(p.to());
            if (a == b && !wholeDay) {
                throw fail(where + ": 'from' and 'to' are both " + p.from() + "; use 00:00 to 24:00 for the whole day");
            }
            int len = wholeDay ? MINUTES_PER_DAY : Math.floorMod(b - a, MINUTES_PER_DAY);
            for (int m = 0; m < len; m++) {
                int minute = (a + m) % MINUTES_PER_DAY;
                if (owner[minute] >= 0) {
                    int other = owner[minute];
                    int until = minute;
                    int n = m;
                    while (n < len && owner[until] == other) {
                        n++;
                        until = (a + n) % MINUTES_PER_DAY;
                    }
                    throw fail(where + ": " + span(list.get(i)) + " overlaps tariff.periods[" + other + "] ("
                            + span(list.get(other)) + ") from " + hhmm(minute) + " to " + hhmm(until));
                }
                owner[minute] = i;
            }
            if (wholeDay) {
                // A period may not start and end at the same clock time; split the day in two halves.
                periods.add(new TariffPeriod(LocalTime.MIDNIGHT, LocalTime.NOON, price));
                periods.add(new TariffPeriod(LocalTime.NOON, LocalTime.MIDNIGHT, price));
            } else {
                periods.add(new TariffPeriod(from, to, price));
            }
        }
        for (int m = 0; m < MINUTES_PER_DAY; m++) {
            int before = Math.floorMod(m - 1, MINUTES_PER_DAY);
            if (owner[m] < 0 && owner[before] >= 0) {
                int end = m;
                do {
                    end = (end + 1) % MINUTES_PER_DAY;
                } while (end != m && owner[end] < 0);
                throw fail("tariff.periods: must cover all 24 h, but no period covers " + hhmm(m) + " to " + hhmm(end));
            }
        }
        try {
            return new Tariff(zone, periods);
        } catch (IllegalArgumentException e) {
            throw fail("tariff.periods: " + e.getMessage());
        }
    }

    private static final int MINUTES_PER_DAY = 24 * 60;

    private static int minuteOfDay(LocalTime t) {
        return t.getHour() * 60 + t.getMinute();
    }

    private static String hhmm(int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }

    private static String span(ScenarioJson.Period p) {
        return p.from() + "-" + p.to();
    }

    private static String hours(long seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds / 3600.0).replaceAll("\\.?0+$", "");
    }

    private List<Scenario.SimSession> sessions(List<ScenarioJson.Session> list, Compound compound)
            throws ScenarioException {
        List<Scenario.SimSession> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<Integer, List<Integer>> byPile = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "sessions[" + i + "]";
            ScenarioJson.Session s = require(list.get(i), where);
            String id = require(s.id(), where + ".id");
            if (!ids.add(id)) {
                throw fail(where + ".id: duplicate session id " + quote(id));
            }
            int pile = pileIndex(compound, require(s.pile(), where + ".pile"), where + ".pile");
            Instant arrival = time(s.arrival(), where + ".arrival");
            Instant departure = time(s.departure(), where + ".departure");
            if (!departure.isAfter(arrival)) {
                throw fail(where + ".departure: " + s.departure() + " is not after arrival " + s.arrival());
            }
            double energy = nonNegative(require(s.energyKWh(), where + ".energyKWh"), where + ".energyKWh");
            double maxPower = positive(require(s.maxPowerKw(), where + ".maxPowerKw"), where + ".maxPowerKw");
            Declaration declared = Declaration.NONE;
            if (s.declared() != null) {
                Instant dd = s.declared().departure() == null ? null
                        : time(s.declared().departure(), where + ".declared.departure");
                if (dd != null && dd.isAfter(arrival.plus(MAX_DECLARED_AHEAD))) {
                    throw fail(where + ".declared.departure: " + s.declared().departure() + " is more than "
                            + MAX_DECLARED_AHEAD.toDays() + " days after arrival " + s.arrival()
                            + " (the gateway accepts at most " + MAX_DECLARED_AHEAD.toDays() + " days ahead)");
                }
                double de = s.declared().energyKWh() == null ? Double.NaN
                        : nonNegative(s.declared().energyKWh(), where + ".declared.energyKWh");
                declared = new Declaration(dd, de);
            }
            out.add(new Scenario.SimSession(id, pile, arrival, departure, energy, maxPower, declared));
            byPile.computeIfAbsent(pile, k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> onPile : byPile.values()) {
            onPile.sort(Comparator.comparing(i -> out.get(i).arrival()));
            for (int k = 1; k < onPile.size(); k++) {
                Scenario.SimSession a = out.get(onPile.get(k - 1));
                Scenario.SimSession b = out.get(onPile.get(k));
                if (b.arrival().isBefore(a.departure())) {
                    throw fail("sessions[" + onPile.get(k) + "]: session " + b.id() + " overlaps session " + a.id()
                            + " (sessions[" + onPile.get(k - 1) + "]) on pile " + compound.pile(a.pileIndex()).id()
                            + ": it arrives " + list.get(onPile.get(k)).arrival() + ", before " + a.id()
                            + " departs " + list.get(onPile.get(k - 1)).departure());
                }
            }
        }
        return out;
    }

    private List<Scenario.GridEvent> gridEvents(List<ScenarioJson.GridEvent> list) throws ScenarioException {
        List<Scenario.GridEvent> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "gridEvents[" + i + "]";
            ScenarioJson.GridEvent e = require(list.get(i), where);
            String id = require(e.id(), where + ".id");
            Integer first = ids.putIfAbsent(id, i);
            if (first != null) {
                throw fail(where + ".id: duplicate grid event id " + quote(id) + " (gridEvents[" + first + "])");
            }
            Instant issued = time(e.issuedAt(), where + ".issuedAt");
            Instant from = time(e.from(), where + ".from");
            Instant to = time(e.to(), where + ".to");
            if (!to.isAfter(from)) {
                throw fail(where + ".to: " + e.to() + " is not after from " + e.from());
            }
            double lim = nonNegative(require(e.limitKw(), where + ".limitKw"), where + ".limitKw");
            out.add(new Scenario.GridEvent(issued, new GridCap(id, from, to, lim)));
        }
        return out;
    }

    private List<PastSession> history(List<ScenarioJson.History> list, Compound compound, Instant start,
                                      String startText) throws ScenarioException {
        List<PastSession> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String where = "history[" + i + "]";
            ScenarioJson.History h = require(list.get(i), where);
            int pile = pileIndex(compound, require(h.pile(), where + ".pile"), where + ".pile");
            Instant a = time(h.arrival(), where + ".arrival");
            Instant d = time(h.departure(), where + ".departure");
            if (!d.isAfter(a)) {
                throw fail(where + ".departure: " + h.departure() + " is not after arrival " + h.arrival());
            }
            if (d.isAfter(start)) {
                throw fail(where + ".departure: " + h.departure() + " is after start " + startText
                        + "; history holds sessions that ended before start");
            }
            double energy = nonNegative(require(h.energyKWh(), where + ".energyKWh"), where + ".energyKWh");
            out.add(new PastSession(pile, a, d, energy, Declaration.NONE, true));
        }
        return out;
    }

    private int pileIndex(Compound compound, String id, String where) throws ScenarioException {
        int i = compound.indexOf(id);
        if (i < 0) {
            throw fail(where + ": unknown pile " + quote(id));
        }
        return i;
    }

    private ZoneId zone(String id) throws ScenarioException {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw fail("timezone: unknown time zone " + quote(id));
        }
    }

    private Instant time(String text, String where) throws ScenarioException {
        require(text, where);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw fail(where + ": cannot read " + quote(text) + " as an ISO-8601 time with offset");
        }
    }

    /** HH:MM; 24:00, the end of a day, only {@code asEnd} (it reads as 00:00, the caller tells the whole day). */
    private LocalTime clock(String text, String where, boolean asEnd) throws ScenarioException {
        if ("24:00".equals(text)) {
            if (!asEnd) {
                throw fail(where + ": 24:00 is the end of a day, not a start; use 00:00");
            }
            return LocalTime.MIDNIGHT;
        }
        if (!text.matches("\\d\\d:\\d\\d")) {
            // LocalTime would take seconds too, which the tariff (by the minute) would silently drop
            throw fail(where + ": cannot read " + quote(text) + " as HH:MM");
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw fail(where + ": cannot read " + quote(text) + " as HH:MM");
        }
    }

    private double nonNegative(double v, String where) throws ScenarioException {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw fail(where + ": must be a finite number >= 0, got " + v);
        }
        return v;
    }

    private double positive(double v, String where) throws ScenarioException {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw fail(where + ": must be a finite number > 0, got " + v);
        }
        return v;
    }

    private <T> T require(T value, String where) throws ScenarioException {
        if (value == null) {
            throw fail(where + ": missing");
        }
        return value;
    }

    private ScenarioException fail(String what) {
        return new ScenarioException(escapeControls(file + ": " + what));
    }

    private static String pathOf(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            }
        }
        return b.toString();
    }

    /** One line (without the file name) for anything Jackson rejected. */
    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            // Jackson's path ends with the unknown key itself; name the object that holds it instead.
            String holder = pathOf(u.getPath().subList(0, Math.max(0, u.getPath().size() - 1)));
            String where = holder.isEmpty() ? "unknown top-level key" : holder + ": unknown key";
            return where + " " + quote(u.getPropertyName()) + at(u.getLocation()) + known(u);
        }
        if (e instanceof MismatchedInputException m) {
            return mismatch(m);
        }
        if (e instanceof JsonMappingException && e.getCause() instanceof JsonProcessingException inner) {
            return describe(inner); // a parse error that databind wrapped on its way out
        }
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof JsonEOFException || msg.startsWith("Unexpected end-of-input")) {
            String inside = contextPath(e.getProcessor(), false);
            return "not valid JSON: the file ends unexpectedly" + (inside.isEmpty() ? "" : " inside " + inside)
                    + "; is it truncated?" + at(e.getLocation());
        }
        String where = contextPath(e.getProcessor(), true);
        if (msg.startsWith("Duplicate field")) {
            return where + ": key appears more than once" + at(e.getLocation());
        }
        return "not valid JSON" + (where.isEmpty() ? "" : " near " + where) + ": " + cleanJackson(msg) + at(e.getLocation());
    }

    /** "sessions[3].arrival: expected a number, got "soon"", or the like, for a value of the wrong type. */
    private static String mismatch(MismatchedInputException e) {
        String path = pathOf(e.getPath());
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (msg.startsWith("Trailing token")) {
            return "not valid JSON: unexpected content after the end of the top-level object" + at(e.getLocation());
        }
        String got = found(e);
        return (path.isEmpty() ? "top level" : path) + ": expected " + simpleType(e.getTargetType())
                + (got == null ? "" : ", got " + got) + at(e.getLocation());
    }

    /** What the parser was looking at when a value had the wrong type, or null when unknown. */
    private static String found(MismatchedInputException e) {
        if (!(e.getProcessor() instanceof JsonParser p) || p.currentToken() == null) {
            return null;
        }
        try {
            return switch (p.currentToken()) {
                case VALUE_STRING -> "\"" + shorten(p.getText(), 40) + "\"";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> shorten(p.getText(), 40);
                case VALUE_TRUE -> "true";
                case VALUE_FALSE -> "false";
                case VALUE_NULL -> "null";
                case START_OBJECT -> "an object";
                case START_ARRAY -> "a list";
                default -> null;
            };
        } catch (IOException ex) {
            return null;
        }
    }

    /** The JSON path of where the parser stands, e.g. {@code sessions[1].arrival}; without the last step if asked. */
    static String contextPath(Object processor, boolean includeLast) {
        if (!(processor instanceof JsonParser p)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, c.getCurrentName());
            } else {
                parts.add(0, "");
            }
        }
        if (!includeLast && !parts.isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        StringBuilder b = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (b.length() > 0 && !part.startsWith("[")) {
                b.append('.');
            }
            b.append(part);
        }
        return b.toString();
    }

    private static String known(UnrecognizedPropertyException e) {
        if (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        e.getKnownPropertyIds().forEach(o -> names.add(String.valueOf(o)));
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return "; known keys there: " + String.join(", ", names);
    }

    /** Jackson's own wording, minus its source descriptions and advice about Jackson features. */
    private static String cleanJackson(String msg) {
        String m = oneLine(msg);
        m = m.replaceAll("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
        m = m.replaceAll(":? *\\(?(?:enable|disable) `[^`]*`(?: to (?:allow|accept))?\\)?", "");
        m = m.replaceAll(" *\\(not recognized as one since Feature '[^']*' not enabled for parser\\)", "");
        m = m.replaceAll(", from `[^`]*`\\)", ")");
        return m.strip();
    }

    /** A value from the file, in single quotes, shortened when long. */
    static String quote(String s) {
        return s == null ? "null" : "'" + shorten(s, 60) + "'";
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /** Control and line-break characters escaped, so that a message is always exactly one line. */
    static String escapeControls(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    int type = Character.getType(c);
                    if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR
                            || type == Character.PARAGRAPH_SEPARATOR) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    static String at(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }
}
