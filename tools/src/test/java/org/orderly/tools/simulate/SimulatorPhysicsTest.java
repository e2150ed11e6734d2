package org.orderly.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Re-checks what {@code simulate} wrote against the physics of ../shared/spec/scenario.md,
 * recomputing everything from the scenario JSON and delivered.csv alone (none of the simulator's
 * or the gateway's classes are used for the checks, only to produce the run).
 */
class SimulatorPhysicsTest {
    private static final double TOL = 1e-3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> POLICIES = List.of("orderly", "uncontrolled", "equal-share");

    @TempDir
    static Path outRoot;

    private static Physics physics;
    private static final Map<String, List<Row>> rows = new HashMap<>();
    private static final Map<String, JsonNode> metrics = new HashMap<>();

    static Path fixture() {
        try {
            return Path.of(SimulatorPhysicsTest.class.getResource("/scenarios/tiny-valid.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void runEveryPolicyOnce() throws Exception {
        physics = new Physics(JSON.readTree(fixture().toFile()));
        Scenario scenario = new ScenarioReader().read(fixture());
        for (String policy : POLICIES) {
            Path out = outRoot.resolve(policy);
            SimulationRun.run(scenario, policy, UnaryOperator.identity(), out, false);
            rows.put(policy, readCsv(out.resolve("delivered.csv")));
            metrics.put(policy, JSON.readTree(out.resolve("metrics.json").toFile()));
        }
    }

    // ---- every row obeys the physics, for every policy ----

    @ParameterizedTest
    @ValueSource(strings = {"orderly", "uncontrolled", "equal-share"})
    void everyRowObeysThePhysics(String policy) {
        List<Row> r = rows.get(policy);
        assertThat(r).as("%s delivered something", policy).hasSizeGreaterThan(100);
        assertThat(physics.rowViolations(r)).as("%s: rows that break the physics", policy).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orderly", "equal-share"})
    void controlledPoliciesRespectEveryLimit(String policy) {
        Overloads o = physics.overloads(rows.get(policy));
        assertThat(o.transformer).as("%s: steps over the transformer or grid-event limit", policy).isEmpty();
        assertThat(o.circuit).as("%s: steps over a circuit limit", policy).isEmpty();
        assertThat(o.phase).as("%s: steps over a phase limit", policy).isEmpty();
        assertThat(metrics.get(policy).get("overloadSteps").asInt()).isZero();
        assertThat(metrics.get(policy).get("overloadKWh").asDouble()).isZero();
    }

    @Test
    void uncontrolledOverloadsEveryKindOfLimit() {
        // The fixture is tight on purpose: charging at full power from arrival breaks each kind of limit,
        // which shows that the checks above can fail.
        Overloads o = physics.overloads(rows.get("uncontrolled"));
        assertThat(o.transformer).isNotEmpty();
        assertThat(o.circuit).isNotEmpty();
        assertThat(o.phase).isNotEmpty();
        assertThat(o.duringGridEvent).isNotEmpty();
        // and the simulator's own count agrees with the independent one
        assertThat(metrics.get("uncontrolled").get("overloadSteps").asInt()).isEqualTo(o.anySteps.size());
    }

    @Test
    void fixtureBaseLoadAloneIsWithinEveryLimit() {
        // otherwise "no step exceeds a limit" would be impossible for any policy
        for (int k = 0; k < physics.steps; k++) {
            assertThat(physics.baseAt(k)).isLessThanOrEqualTo(physics.limitAt(physics.stepStart(k)));
            assertThat(physics.baseAt(k) / 3).isLessThanOrEqualTo(physics.phaseLimitKw);
        }
    }

    @Test
    void gridEventBindsEqualShare() {
        // During the event (19:00-20:30, 24 kW) equal-share fills the room it has: up to the cap, not beyond.
        double peakDuringEvent = 0;
        Map<Integer, Double> total = physics.totalByStep(rows.get("equal-share"));
        for (Map.Entry<Integer, Double> e : total.entrySet()) {
            if (physics.inGridEvent(physics.stepStart(e.getKey()))) {
                peakDuringEvent = Math.max(peakDuringEvent, e.getValue());
            }
        }
        assertThat(peakDuringEvent).isBetween(23.0, 24.0 + TOL);
    }

    // ---- what the product is for ----

    @Test
    void orderlyCostsLessThanUncontrolledAndDeliversAlmostEverything() {
        double orderlyCost = physics.cost(rows.get("orderly"));
        double uncontrolledCost = physics.cost(rows.get("uncontrolled"));
        assertThat(orderlyCost).isLessThan(uncontrolledCost);
        double delivered = physics.delivered(rows.get("orderly")).values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(delivered).isGreaterThanOrEqualTo(0.95 * physics.requested());
    }

    @ParameterizedTest
    @ValueSource(strings = {"orderly", "uncontrolled", "equal-share"})
    void metricsAgreeWithTheRows(String policy) {
        JsonNode m = metrics.get(policy);
        Map<String, Double> got = physics.delivered(rows.get(policy));
        double delivered = got.values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(m.get("energyRequestedKWh").asDouble()).isCloseTo(physics.requested(), within(0.01));
        assertThat(m.get("energyDeliveredKWh").asDouble()).isCloseTo(delivered, within(0.01));
        assertThat(m.get("cost").asDouble()).isCloseTo(physics.cost(rows.get(policy)), within(0.01));
        assertThat(m.get("peakKw").asDouble()).isCloseTo(physics.peak(rows.get(policy)), within(0.06));
        long full = physics.sessions.values().stream()
                .filter(s -> got.getOrDefault(s.id, 0.0) >= s.energyKWh - 0.01).count();
        assertThat(m.get("sessionsFullyServed").asLong()).isEqualTo(full);
    }

    // ---- the checker itself catches broken rows ----

    @Test
    void checkerCatchesBrokenRows() {
        Instant t = physics.start.plusSeconds(7 * 3600); // 19:00 local: s2 on P1 is plugged
        List<Row> broken = List.of(
                new Row(t.plusSeconds(30), "+08:00", "s2", "P1", 2.0),              // not a step start
                new Row(physics.end, "+08:00", "s2", "P1", 2.0),                    // outside the scenario
                new Row(t, "+08:00", "s2", "P2", 2.0),                              // wrong pile
                new Row(t, "+08:00", "s1", "P3", 2.0),                              // s1 left at 16:00
                new Row(t.plusSeconds(60), "+08:00", "s2", "P1", 7.5),              // above pile and car max
                new Row(t.plusSeconds(120), "+08:00", "s2", "P1", 1.0),             // below 6 A (1.32 kW)
                new Row(t.plusSeconds(180), "+08:00", "s9", "P1", 2.0),             // unknown session
                new Row(t.plusSeconds(240), "+00:00", "s2", "P1", 2.0),             // not the scenario's offset
                new Row(t.plusSeconds(300), "+08:00", "s2", "P1", 2.0),
                new Row(t.plusSeconds(300), "+08:00", "s2", "P1", 2.0));            // duplicate
        assertThat(physics.rowViolations(broken)).hasSize(broken.size() - 1);

        // more energy than the car wanted: s6 wants 6 kWh; 3.7 kW for 98 min is 6.04 kWh
        List<Row> tooMuch = new ArrayList<>();
        Instant a = Instant.parse("2026-01-12T23:00:00Z"); // 07:00 local, s6 arrives
        for (int i = 0; i < 98; i++) {
            tooMuch.add(new Row(a.plusSeconds(60L * i), "+08:00", "s6", "P3", 3.7));
        }
        assertThat(physics.rowViolations(tooMuch)).singleElement().asString().contains("more than the 6.0 kWh");

        // a final step below the minimum is fine when it finishes the session: 6 kWh = 97 x 3.7/60 + 0.017
        List<Row> finishing = new ArrayList<>(tooMuch.subList(0, 97));
        finishing.add(new Row(a.plusSeconds(60L * 97), "+08:00", "s6", "P3", (6.0 - 97 * 3.7 / 60) * 60));
        assertThat(physics.rowViolations(finishing)).isEmpty();

        // two cars at full power on the garage circuit during the grid event break it, per step
        Instant ev = physics.start.plusSeconds(7 * 3600 + 10 * 60); // 19:10 local
        Overloads o = physics.overloads(List.of(new Row(ev, "+08:00", "s2", "P1", 7.0),
                new Row(ev, "+08:00", "s4", "P4", 11.0)));
        assertThat(o.transformer).containsExactly(430);
        assertThat(o.circuit).containsExactly(430);
        assertThat(o.phase).containsExactly(430);
        assertThat(o.duringGridEvent).containsExactly(430);
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }

    // ---- the independent model ----

    record Row(Instant stepStart, String offset, String session, String pile, double kw) {
    }

    static List<Row> readCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("stepStart,session,pile,kw");
        List<Row> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).as("row %s", line).hasSize(4);
            OffsetDateTime t = OffsetDateTime.parse(f[0]);
            out.add(new Row(t.toInstant(), t.getOffset().getId().replace("Z", "+00:00"), f[1], f[2],
                    Double.parseDouble(f[3])));
        }
        return out;
    }

    static final class Overloads {
        final Set<Integer> transformer = new java.util.TreeSet<>();
        final Set<Integer> circuit = new java.util.TreeSet<>();
        final Set<Integer> phase = new java.util.TreeSet<>();
        final Set<Integer> duringGridEvent = new java.util.TreeSet<>();
        final Set<Integer> anySteps = new java.util.TreeSet<>();
    }

    record PileSpec(String id, String phase, double minA, double maxA, String circuit) {
    }

    record SessionSpec(String id, String pile, Instant arrival, Instant departure, double energyKWh, double maxPowerKw) {
    }

    record Cap(Instant from, Instant to, double limitKw) {
    }

    record Period(int from, int to, double price) {
    }

    /** The scenario as plain numbers, read straight from the JSON. */
    static final class Physics {
        final Instant start;
        final Instant end;
        final String offset;
        final int step;
        final int steps;
        final ZoneId zone;
        final double limitKw;
        final double phaseLimitKw;
        final double volts;
        final int baseInterval;
        final double[] base;
        final Map<String, Double> circuitLimit = new LinkedHashMap<>();
        final Map<String, String> circuitParent = new HashMap<>();
        final Map<String, PileSpec> piles = new LinkedHashMap<>();
        final Map<String, SessionSpec> sessions = new LinkedHashMap<>();
        final List<Cap> caps = new ArrayList<>();
        final List<Period> periods = new ArrayList<>();

        Physics(JsonNode d) {
            OffsetDateTime s = OffsetDateTime.parse(d.get("start").asText());
            start = s.toInstant();
            offset = s.getOffset().getId();
            end = OffsetDateTime.parse(d.get("end").asText()).toInstant();
            step = d.get("stepSeconds").asInt();
            steps = (int) ((end.getEpochSecond() - start.getEpochSecond()) / step);
            zone = ZoneId.of(d.get("timezone").asText());
            JsonNode tr = d.get("transformer");
            limitKw = tr.get("limitKw").asDouble();
            volts = tr.has("phaseVoltageV") ? tr.get("phaseVoltageV").asDouble() : 220;
            phaseLimitKw = tr.has("phaseLimitA") ? tr.get("phaseLimitA").asDouble() * volts / 1000 : Double.POSITIVE_INFINITY;
            baseInterval = d.get("baseLoad").get("intervalSeconds").asInt();
            JsonNode kw = d.get("baseLoad").get("kw");
            base = new double[kw.size()];
            for (int i = 0; i < base.length; i++) {
                base[i] = kw.get(i).asDouble();
            }
            for (JsonNode c : d.path("circuits")) {
                circuitLimit.put(c.get("id").asText(), c.get("limitKw").asDouble());
                if (c.hasNonNull("parent")) {
                    circuitParent.put(c.get("id").asText(), c.get("parent").asText());
                }
            }
            for (JsonNode p : d.get("piles")) {
                piles.put(p.get("id").asText(), new PileSpec(p.get("id").asText(), p.get("phase").asText(),
                        p.get("minCurrentA").asDouble(), p.get("maxCurrentA").asDouble(),
                        p.hasNonNull("circuit") ? p.get("circuit").asText() : null));
            }
            for (JsonNode x : d.get("sessions")) {
                sessions.put(x.get("id").asText(), new SessionSpec(x.get("id").asText(), x.get("pile").asText(),
                        OffsetDateTime.parse(x.get("arrival").asText()).toInstant(),
                        OffsetDateTime.parse(x.get("departure").asText()).toInstant(),
                        x.get("energyKWh").asDouble(), x.get("maxPowerKw").asDouble()));
            }
            for (JsonNode e : d.path("gridEvents")) {
                caps.add(new Cap(OffsetDateTime.parse(e.get("from").asText()).toInstant(),
                        OffsetDateTime.parse(e.get("to").asText()).toInstant(), e.get("limitKw").asDouble()));
            }
            for (JsonNode p : d.get("tariff").get("periods")) {
                periods.add(new Period(minute(p.get("from").asText()), minute(p.get("to").asText()),
                        p.get("pricePerKWh").asDouble()));
            }
        }

        private static int minute(String hhmm) {
            String[] f = hhmm.split(":");
            return Integer.parseInt(f[0]) * 60 + Integer.parseInt(f[1]);
        }

        Instant stepStart(int k) {
            return start.plusSeconds((long) k * step);
        }

        double hours() {
            return step / 3600.0;
        }

        double baseAt(int k) {
            return base[(int) ((long) k * step / baseInterval)];
        }

        boolean inGridEvent(Instant t) {
            return caps.stream().anyMatch(c -> !t.isBefore(c.from) && t.isBefore(c.to));
        }

        double limitAt(Instant t) {
            double l = limitKw;
            for (Cap c : caps) {
                if (!t.isBefore(c.from) && t.isBefore(c.to)) {
                    l = Math.min(l, c.limitKw);
                }
            }
            return l;
        }

        double priceAt(Instant t) {
            ZonedDateTime local = t.atZone(zone);
            int m = local.getHour() * 60 + local.getMinute();
            for (Period p : periods) {
                boolean in = p.from < p.to ? p.from <= m && m < p.to : m >= p.from || m < p.to;
                if (in) {
                    return p.price;
                }
            }
            throw new AssertionError("tariff does not cover " + local);
        }

        double pileKw(PileSpec p, double amps) {
            return amps * volts / 1000 * ("ABC".equals(p.phase) ? 3 : 1);
        }

        double requested() {
            return sessions.values().stream().mapToDouble(SessionSpec::energyKWh).sum();
        }

        /** Step index of a row, or -1 when its time is not a step start inside the scenario. */
        int stepOf(Instant t) {
            long dt = t.getEpochSecond() - start.getEpochSecond();
            if (t.getNano() != 0 || dt < 0 || dt % step != 0 || dt / step >= steps) {
                return -1;
            }
            return (int) (dt / step);
        }

        /** Every row that breaks the physics, described. Rows are taken in time order per session. */
        List<String> rowViolations(List<Row> rows) {
            List<String> bad = new ArrayList<>();
            Map<String, Double> got = new HashMap<>();
            Set<String> seen = new HashSet<>();
            List<Row> sorted = new ArrayList<>(rows);
            sorted.sort(java.util.Comparator.comparing(Row::stepStart));
            for (Row r : sorted) {
                String where = r.stepStart + " " + r.session + " " + r.pile + " " + r.kw + ": ";
                int k = stepOf(r.stepStart);
                if (k < 0) {
                    bad.add(where + "not a step start inside the scenario");
                    continue;
                }
                if (!r.offset.equals(offset)) {
                    bad.add(where + "offset " + r.offset + " is not the scenario's " + offset);
                    continue;
                }
                SessionSpec s = sessions.get(r.session);
                if (s == null || !s.pile.equals(r.pile)) {
                    bad.add(where + "unknown session or wrong pile");
                    continue;
                }
                if (!seen.add(r.session + "@" + k)) {
                    bad.add(where + "second row for the same step");
                    continue;
                }
                if (!(r.kw > 0)) {
                    bad.add(where + "rows are only for draws above 0");
                    continue;
                }
                Instant t = r.stepStart;
                if (t.isBefore(s.arrival) || t.plusSeconds(step).isAfter(s.departure)) {
                    bad.add(where + "draws while not plugged in for the whole step");
                    continue;
                }
                PileSpec p = piles.get(s.pile);
                double hi = Math.min(pileKw(p, p.maxA), s.maxPowerKw);
                if (r.kw > hi + TOL) {
                    bad.add(where + "above the " + hi + " kW the pile and car allow");
                    continue;
                }
                double before = got.getOrDefault(r.session, 0.0);
                double after = before + r.kw * hours();
                got.put(r.session, after);
                if (after > s.energyKWh + TOL) {
                    bad.add(where + "total " + after + " kWh is more than the " + s.energyKWh + " kWh the car wanted");
                    continue;
                }
                // The car may take less than offered only when it is full (this step finishes it) or when
                // its own charger is below the pile's minimum.
                double lo = Math.min(pileKw(p, p.minA), s.maxPowerKw);
                boolean finishes = after >= s.energyKWh - TOL;
                if (r.kw < lo - TOL && !finishes) {
                    bad.add(where + "below the pile's minimum " + lo + " kW without finishing the session");
                }
            }
            return bad;
        }

        Map<String, Double> delivered(List<Row> rows) {
            Map<String, Double> got = new HashMap<>();
            rows.forEach(r -> got.merge(r.session, r.kw * hours(), Double::sum));
            return got;
        }

        double cost(List<Row> rows) {
            return rows.stream().mapToDouble(r -> r.kw * hours() * priceAt(r.stepStart)).sum();
        }

        Map<Integer, Double> totalByStep(List<Row> rows) {
            Map<Integer, Double> total = new HashMap<>();
            for (int k = 0; k < steps; k++) {
                total.put(k, baseAt(k));
            }
            rows.forEach(r -> total.merge(stepOf(r.stepStart), r.kw, Double::sum));
            return total;
        }

        double peak(List<Row> rows) {
            return totalByStep(rows).values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        /** Steps over the transformer (or grid-event) limit, a circuit limit or a phase limit. */
        Overloads overloads(List<Row> rows) {
            Map<Integer, Double> ev = new HashMap<>();
            Map<Integer, Map<String, Double>> circuits = new HashMap<>();
            Map<Integer, double[]> lines = new HashMap<>();
            for (Row r : rows) {
                int k = stepOf(r.stepStart);
                PileSpec p = piles.get(r.pile);
                ev.merge(k, r.kw, Double::sum);
                for (String c = p.circuit; c != null; c = circuitParent.get(c)) {
                    circuits.computeIfAbsent(k, x -> new HashMap<>()).merge(c, r.kw, Double::sum);
                }
                double[] line = lines.computeIfAbsent(k, x -> new double[3]);
                if ("ABC".equals(p.phase)) {
                    for (int q = 0; q < 3; q++) {
                        line[q] += r.kw / 3;
                    }
                } else {
                    line["ABC".indexOf(p.phase)] += r.kw;
                }
            }
            Overloads o = new Overloads();
            for (Map.Entry<Integer, Double> e : ev.entrySet()) {
                int k = e.getKey();
                Instant t = stepStart(k);
                if (baseAt(k) + e.getValue() > limitAt(t) + TOL) {
                    o.transformer.add(k);
                    if (inGridEvent(t) && baseAt(k) + e.getValue() > limitAt(t) + TOL) {
                        o.duringGridEvent.add(k);
                    }
                }
                for (Map.Entry<String, Double> c : circuits.getOrDefault(k, Map.of()).entrySet()) {
                    if (c.getValue() > circuitLimit.get(c.getKey()) + TOL) {
                        o.circuit.add(k);
                    }
                }
                for (double line : lines.get(k)) {
                    if (baseAt(k) / 3 + line > phaseLimitKw + TOL) {
                        o.phase.add(k);
                    }
                }
            }
            o.anySteps.addAll(o.transformer);
            o.anySteps.addAll(o.circuit);
            o.anySteps.addAll(o.phase);
            return o;
        }
    }
}
