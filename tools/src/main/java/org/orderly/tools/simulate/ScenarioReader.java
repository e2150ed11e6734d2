package org.orderly.tools.simulate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private String file;

    public Scenario read(Path path) throws ScenarioException {
        file = path.toString();
        ScenarioJson json;
        try {
            json = mapper.readValue(Files.readAllBytes(path), ScenarioJson.class);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such file");
        } catch (UnrecognizedPropertyException e) {
            throw fail(pathOf(e) + ": unknown key '" + e.getPropertyName() + "'" + at(e.getLocation()));
        } catch (MismatchedInputException e) {
            throw fail(pathOf(e) + ": expected " + simpleType(e.getTargetType()) + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw fail("not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()));
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage());
        }
        if (json == null) {
            throw fail("empty file");
        }
        return check(json);
    }

    private Scenario check(ScenarioJson j) throws ScenarioException {
        if (!FORMAT.equals(require(j.format(), "format"))) {
            throw fail("format: expected '" + FORMAT + "', got '" + j.format() + "'");
        }
        ZoneId zone = zone(require(j.timezone(), "timezone"));
        Instant start = time(j.start(), "start");
        Instant end = time(j.end(), "end");
        if (!end.isAfter(start)) {
            throw fail("end: must be after start");
        }
        int step = require(j.stepSeconds(), "stepSeconds");
        if (step <= 0 || (end.getEpochSecond() - start.getEpochSecond()) % step != 0) {
            throw fail("stepSeconds: must be > 0 and divide the span from start to end, got " + step);
        }
        double penalty = positive(require(j.penaltyPerKWh(), "penaltyPerKWh"), "penaltyPerKWh");

        ScenarioJson.Transformer tj = require(j.transformer(), "transformer");
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
                throw fail("circuits[" + i + "].parent: unknown circuit '" + parent + "'");
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
            throw fail("baseLoad.kw: " + kw.size() + " values cover " + (long) kw.size() * interval / 3600.0
                    + " h but start to end needs " + needed);
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
        List<PastSession> history = history(j.history(), compound);
        String name = j.name() == null ? file : j.name();
        return new Scenario(name, zone, start, end, step, penalty, compound, tariff, interval, base, sessions, events,
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
                throw fail(where + ".id: duplicate circuit id '" + id + "'");
            }
            double lim = require(c.limitKw(), where + ".limitKw");
            if (!(lim >= 0)) {
                throw fail(where + ".limitKw: must be >= 0, got " + lim);
            }
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
                throw fail(where + ".id: duplicate pile id '" + id + "'");
            }
            Phase phase;
            try {
                phase = Phase.valueOf(require(p.phase(), where + ".phase"));
            } catch (IllegalArgumentException e) {
                throw fail(where + ".phase: expected A, B, C or ABC, got '" + p.phase() + "'");
            }
            double min = positive(require(p.minCurrentA(), where + ".minCurrentA"), where + ".minCurrentA");
            double max = positive(require(p.maxCurrentA(), where + ".maxCurrentA"), where + ".maxCurrentA");
            if (max < min) {
                throw fail(where + ".maxCurrentA: " + max + " is below minCurrentA " + min);
            }
            if (p.circuit() != null && !circuits.contains(p.circuit())) {
                throw fail(where + ".circuit: unknown circuit '" + p.circuit() + "'");
            }
            out.add(new Pile(id, phase, min, max, p.circuit()));
        }
        return out;
    }

    private Tariff tariff(ScenarioJson.Tariff t, ZoneId zone) throws ScenarioException {
        List<ScenarioJson.Period> list = require(t.periods(), "tariff.periods");
        List<TariffPeriod> periods = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "tariff.periods[" + i + "]";
            ScenarioJson.Period p = require(list.get(i), where);
            LocalTime from = clock(require(p.from(), where + ".from"), where + ".from");
            LocalTime to = clock(require(p.to(), where + ".to"), where + ".to");
            double price = require(p.pricePerKWh(), where + ".pricePerKWh");
            if (!(price >= 0)) {
                throw fail(where + ".pricePerKWh: must be >= 0, got " + price);
            }
            if (from.equals(to)) {
                throw fail(where + ": 'from' and 'to' are both " + from);
            }
            periods.add(new TariffPeriod(from, to, price));
        }
        try {
            return new Tariff(zone, periods);
        } catch (IllegalArgumentException e) {
            throw fail("tariff.periods: " + e.getMessage());
        }
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
                throw fail(where + ".id: duplicate session id '" + id + "'");
            }
            int pile = pileIndex(compound, require(s.pile(), where + ".pile"), where + ".pile");
            Instant arrival = time(s.arrival(), where + ".arrival");
            Instant departure = time(s.departure(), where + ".departure");
            if (!departure.isAfter(arrival)) {
                throw fail(where + ".departure: must be after arrival");
            }
            double energy = require(s.energyKWh(), where + ".energyKWh");
            if (!(energy >= 0)) {
                throw fail(where + ".energyKWh: must be >= 0, got " + energy);
            }
            double maxPower = positive(require(s.maxPowerKw(), where + ".maxPowerKw"), where + ".maxPowerKw");
            Declaration declared = Declaration.NONE;
            if (s.declared() != null) {
                Instant dd = s.declared().departure() == null ? null
                        : time(s.declared().departure(), where + ".declared.departure");
                double de = s.declared().energyKWh() == null ? Double.NaN : s.declared().energyKWh();
                if (!Double.isNaN(de) && !(de >= 0)) {
                    throw fail(where + ".declared.energyKWh: must be >= 0, got " + de);
                }
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
                            + " (sessions[" + onPile.get(k - 1) + "]) on pile " + compound.pile(a.pileIndex()).id());
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
        for (int i = 0; i < list.size(); i++) {
            String where = "gridEvents[" + i + "]";
            ScenarioJson.GridEvent e = require(list.get(i), where);
            String id = require(e.id(), where + ".id");
            Instant issued = time(e.issuedAt(), where + ".issuedAt");
            Instant from = time(e.from(), where + ".from");
            Instant to = time(e.to(), where + ".to");
            if (!to.isAfter(from)) {
                throw fail(where + ".to: must be after from");
            }
            double lim = require(e.limitKw(), where + ".limitKw");
            if (!(lim >= 0)) {
                throw fail(where + ".limitKw: must be >= 0, got " + lim);
            }
            out.add(new Scenario.GridEvent(issued, new GridCap(id, from, to, lim)));
        }
        return out;
    }

    private List<PastSession> history(List<ScenarioJson.History> list, Compound compound) throws ScenarioException {
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
                throw fail(where + ".departure: must be after arrival");
            }
            double energy = require(h.energyKWh(), where + ".energyKWh");
            if (!(energy >= 0)) {
                throw fail(where + ".energyKWh: must be >= 0, got " + energy);
            }
            out.add(new PastSession(pile, a, d, energy, Declaration.NONE, true));
        }
        return out;
    }

    private int pileIndex(Compound compound, String id, String where) throws ScenarioException {
        int i = compound.indexOf(id);
        if (i < 0) {
            throw fail(where + ": unknown pile '" + id + "'");
        }
        return i;
    }

    private ZoneId zone(String id) throws ScenarioException {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw fail("timezone: unknown time zone '" + id + "'");
        }
    }

    private Instant time(String text, String where) throws ScenarioException {
        require(text, where);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw fail(where + ": cannot read '" + text + "' as an ISO-8601 time with offset");
        }
    }

    private LocalTime clock(String text, String where) throws ScenarioException {
        if ("24:00".equals(text)) {
            return LocalTime.MIDNIGHT;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw fail(where + ": cannot read '" + text + "' as HH:MM");
        }
    }

    private double positive(double v, String where) throws ScenarioException {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw fail(where + ": must be > 0, got " + v);
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
        return new ScenarioException(file + ": " + what);
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            }
        }
        return b.length() == 0 ? "(top level)" : b.toString();
    }

    private static String at(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }
}
