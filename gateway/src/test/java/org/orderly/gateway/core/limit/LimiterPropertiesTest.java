package org.orderly.gateway.core.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Circuit;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.HouseholdLoad;
import org.orderly.gateway.core.model.LineLoads;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.model.Transformer;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of one Limiter cycle, checked with QuickTheories on random scenarios: compounds of 0-4
 * circuits (some nested, some with no room at all), with and without a phase limit, and 1-60 piles of
 * mixed phases and current ranges; base loads (also above the limit, or exporting), split evenly over the lines or
 * not (as a meter reading each line finds them); grid caps;
 * requests (none, desired 0, below the minimum, exactly min or max, in range, above the maximum;
 * with or without extra); previous amps; laxities (with ties); ramps and resolutions.
 *
 * <p>Runs are deterministic: a fixed seed and {@value #DEFAULT_EXAMPLES} examples per property. To
 * explore other cases run with {@code -DQT_SEED=<n>} and/or {@code -DQT_EXAMPLES=<n>}; QuickTheories
 * shrinks a failing scenario and reports it with its seed. Rooms that are not a number are covered by
 * an example in {@link LimiterTest}; the generators here never produce NaN. Its scenarios are public for the checks of
 * what runs after the Limiter ({@code UnmeasuredRaisePropertiesTest}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public class LimiterPropertiesTest {
    private static final long DEFAULT_SEED = 20_240_611L;
    private static final int DEFAULT_EXAMPLES = 1000;
    private static final long SEED = Long.getLong("QT_SEED", DEFAULT_SEED);
    private static final int EXAMPLES = Integer.getInteger("QT_EXAMPLES", DEFAULT_EXAMPLES);
    /** Bounds the time spent shrinking a failure (QuickTheories defaults to 100 per example). */
    private static final int SHRINK_CYCLES = Integer.getInteger("QT_SHRINKS", 20_000);
    /** Slack for floating-point sums of kW. */
    public static final double KW_TOL = 1e-6;
    /** Slack for floating-point amperes. */
    public static final double AMP_TOL = 1e-9;

    /** The seed, examples and shrinks every property here runs with, for the checks that take its scenarios too. */
    public static QuickTheory theory() {
        return qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES);
    }

    // ------------------------------------------------------------------ properties

    @Test
    void noNodesLiveRoomIsExceeded() {
        theory().forAll(scenarios()).checkAssert(s -> {
            Allocation a = s.run();

            double[] used = s.usedKw(a.amps());
            for (int n = 0; n < used.length; n++) {
                assertThat(used[n]).as("kW at %s (room %s)", s.compound.nodeName(n), s.room[n])
                        .isLessThanOrEqualTo(s.room[n] + KW_TOL);
            }
        });
    }

    @Test
    void ampsAreZeroOrInRangeAndNeverAboveTheAskPlusExtraOrTheRamp() {
        theory().forAll(scenarios()).checkAssert(s -> {
            Allocation a = s.run();

            for (int i = 0; i < s.compound.pileCount(); i++) {
                double amps = a.amps()[i];
                Pile p = s.compound.pile(i);
                String pile = "amps of pile " + i + " " + p;
                if (amps != 0) {
                    assertThat(amps).as(pile).isBetween(p.minCurrentA() - AMP_TOL, p.maxCurrentA() + AMP_TOL);
                }
                Request r = s.requestOf(i);
                if (r == null) {
                    assertThat(amps).as(pile + " without a request").isZero();
                    continue;
                }
                // above what it should draw only by its extra, if any (a negative extra is none)
                assertThat(amps).as(pile + " for " + r).isLessThanOrEqualTo(r.desiredA() + Math.max(0, r.extraA()) + AMP_TOL);
                if (Double.isFinite(s.ramp) && r.previousA() >= p.minCurrentA()) {
                    assertThat(amps).as(pile + " ramping from " + r)
                            .isLessThanOrEqualTo(r.previousA() + s.ramp + AMP_TOL);
                }
                if (Double.isFinite(s.ramp) && r.previousA() < p.minCurrentA()) {
                    // a pile that starts (or restarts) may jump to its minimum, then ramps above it
                    assertThat(amps).as(pile + " starting from " + r)
                            .isLessThanOrEqualTo(p.minCurrentA() + s.ramp + AMP_TOL);
                }
            }
        });
    }

    @Test
    void pilesThatDidNotAskGetZero() {
        theory().forAll(scenarios()).checkAssert(s -> {
            Allocation a = s.run();

            for (int i = 0; i < s.compound.pileCount(); i++) {
                Request r = s.requestOf(i);
                // no request, or below the minimum even with its extra
                if (r == null || r.wantedA() < s.compound.pile(i).minCurrentA()) {
                    assertThat(a.amps()[i]).as("pile %d, request %s", i, r).isZero();
                }
            }
        });
    }

    @Test
    void aPileGivenLessThanItAskedNamesANodeOnItsPathOrIsRampLimited() {
        theory().forAll(scenarios()).checkAssert(s -> {
            Allocation a = s.run();

            for (int i = 0; i < s.compound.pileCount(); i++) {
                int by = a.limitedBy()[i];
                if (by >= 0) {
                    assertThat(s.compound.pileNodes(i)).as("path of pile %d limited by %d", i, by).contains(by);
                } else {
                    assertThat(by).as("limitedBy of pile %d", i).isEqualTo(-1);
                }
                Request r = s.requestOf(i);
                Pile p = s.compound.pile(i);
                if (r == null || r.wantedA() < p.minCurrentA()) {
                    continue;
                }
                double asked = Math.min(r.wantedA(), p.maxCurrentA());
                double rampCap = s.rampCap(r, p);
                double target = Math.min(asked, rampCap);
                double amps = a.amps()[i];
                // rounding down to the resolution may cost up to one step without any node being full
                if (amps < asked - s.resolution - AMP_TOL) {
                    assertThat(by >= 0 || rampCap < asked)
                            .as("pile %d got %s A for %s (ramp cap %s) but limitedBy is %d", i, amps, r, rampCap, by)
                            .isTrue();
                }
                if (amps < target - s.resolution - AMP_TOL) {
                    assertThat(by).as("pile %d got %s A, below its ramped target %s, for %s", i, amps, target, r)
                            .isNotNegative();
                }
            }
        });
    }

    @Test
    void theNodeNamedInLimitedByIsReallyFull() {
        theory().forAll(scenarios()).checkAssert(s -> {
            Allocation a = s.run();

            double[] used = s.usedKw(a.amps());
            double[] roundingLoss = new double[used.length];
            for (int i = 0; i < s.compound.pileCount(); i++) {
                if (a.amps()[i] > 0) {
                    int[] nodes = s.compound.pileNodes(i);
                    for (int k = 0; k < nodes.length; k++) {
                        roundingLoss[nodes[k]] += s.compound.kwPerAmp(i) * s.compound.pileWeights(i)[k] * s.resolution;
                    }
                }
            }
            for (int i = 0; i < s.compound.pileCount(); i++) {
                int n = a.limitedBy()[i];
                if (n < 0) {
                    continue;
                }
                double slack = s.room[n] - used[n];
                double allowed = roundingLoss[n] + KW_TOL;
                if (a.amps()[i] == 0) {
                    // paused: its minimum did not fit in what was left
                    allowed += s.compound.kw(i, s.compound.pile(i).minCurrentA()) * weightOn(s.compound, i, n);
                }
                assertThat(slack).as("pile %d (%s A) limited by %s, which has %s kW of %s left",
                        i, a.amps()[i], s.compound.nodeName(n), slack, s.room[n]).isLessThanOrEqualTo(allowed);
            }
        });
    }

    @Test
    void atAFullNodeNoPileIsAboveAStoppedOneUnlessHeldThereByItsMinimum() {
        // max-min fairness in amperes of what the piles should draw: water-filling stops every pile
        // through a node when it fills up (extra, served after, is checked on its own below)
        theory().forAll(scenarios().map(Scenario::withoutExtras)).checkAssert(s -> {
            Allocation a = s.run();

            for (int i = 0; i < s.compound.pileCount(); i++) {
                int n = a.limitedBy()[i];
                if (n < 0 || a.amps()[i] == 0) {
                    continue;
                }
                for (int j = 0; j < s.compound.pileCount(); j++) {
                    double aj = a.amps()[j];
                    if (weightOn(s.compound, j, n) > 0 && aj > a.amps()[i] + AMP_TOL) {
                        assertThat(aj).as("pile %d has %s A at full %s, where pile %d was stopped at %s A",
                                        j, aj, s.compound.nodeName(n), i, a.amps()[i])
                                .isCloseTo(s.compound.pile(j).minCurrentA(), within(AMP_TOL));
                    }
                }
            }
        });
    }

    @Test
    void extraIsSharedMaxMinFairlyWithoutTakingFromWhatAnyPileShouldDraw() {
        // at a node that fills while extra is served, a pile above one stopped in its extra holds
        // no extra itself: it has exactly what it had without extras, or its minimum
        theory().forAll(scenarios()).checkAssert(s -> {
            Allocation with = s.run();
            Allocation without = s.withoutExtras().run();

            for (int i = 0; i < s.compound.pileCount(); i++) {
                int n = with.limitedBy()[i];
                double ai = with.amps()[i];
                if (n < 0 || ai <= without.amps()[i] + s.resolution + AMP_TOL) {
                    continue; // not stopped while taking extra
                }
                for (int j = 0; j < s.compound.pileCount(); j++) {
                    double aj = with.amps()[j];
                    if (weightOn(s.compound, j, n) > 0 && aj > ai + AMP_TOL) {
                        double minJ = s.compound.pile(j).minCurrentA();
                        assertThat(Math.abs(aj - without.amps()[j]) <= AMP_TOL || Math.abs(aj - minJ) <= AMP_TOL)
                                .as("pile %d has %s A (%s A without extras, min %s) at full %s, where pile %d"
                                                + " was stopped at %s A (%s A without extras)",
                                        j, aj, without.amps()[j], minJ, s.compound.nodeName(n), i, ai, without.amps()[i])
                                .isTrue();
                    }
                }
            }
        });
    }

    @Test
    void addingExtraNeverLowersWhatAPileGets() {
        // extra is served only from room left once every pile has what it should draw
        theory().forAll(scenarios()).checkAssert(s -> {
            double[] with = s.run().amps();
            double[] without = s.withoutExtras().run().amps();

            for (int i = 0; i < s.compound.pileCount(); i++) {
                assertThat(with[i]).as("amps of pile %d (%s) with extras asked, against %s A without",
                        i, s.requestOf(i), without[i]).isGreaterThanOrEqualTo(without[i] - AMP_TOL);
            }
        });
    }

    @Test
    void noExtraFlowsThroughANodeThatLeftAPileShortOfWhatItShouldDraw() {
        theory().forAll(scenarios()).checkAssert(s -> {
            Scenario plain = s.withoutExtras();
            Allocation without = plain.run();
            double[] with = s.run().amps();

            boolean[] leftShort = new boolean[s.compound.nodeCount()];
            for (int j = 0; j < s.compound.pileCount(); j++) {
                int n = without.limitedBy()[j];
                Request r = plain.requestOf(j);
                if (n >= 0 && without.amps()[j] > 0
                        && without.amps()[j] < plain.desiredTarget(r, s.compound.pile(j)) - s.resolution - AMP_TOL) {
                    leftShort[n] = true;
                }
            }
            for (int k = 0; k < s.compound.pileCount(); k++) {
                for (int n : s.compound.pileNodes(k)) {
                    if (leftShort[n]) {
                        // only what a tiny float remainder can round up to: one resolution step
                        assertThat(with[k]).as("pile %d through %s, which left a pile short without extras; %s",
                                        k, s.compound.nodeName(n), s.requestOf(k))
                                .isLessThanOrEqualTo(without.amps()[k] + s.resolution + AMP_TOL);
                    }
                }
            }
        });
    }

    @Test
    void loweringARoomNeverRaisesTheLoadAtThatNode() {
        theory().forAll(scenarios()).checkAssert(s -> {
            int n = s.probe.node() % s.compound.nodeCount();
            double[] lower = s.room.clone();
            lower[n] = s.room[n] * s.probe.factor();

            double before = s.usedKw(s.run().amps())[n];
            double after = s.usedKw(s.run(lower).amps())[n];

            assertThat(after).as("kW at %s after lowering its room from %s to %s (was %s kW)",
                    s.compound.nodeName(n), s.room[n], lower[n], before).isLessThanOrEqualTo(before + KW_TOL);
            assertThat(after).as("kW at %s within its lowered room", s.compound.nodeName(n))
                    .isLessThanOrEqualTo(lower[n] + KW_TOL);
        });
    }

    /** Our part of a failure report: the seed and the whole scenario, readable enough to replay. */
    @Test
    void aFailureNamesItsSeedAndScenario() {
        assertThatThrownBy(() -> qt().withFixedSeed(SEED).withExamples(200).withShrinkCycles(200)
                .forAll(scenarios()).checkAssert(s -> assertThat(s.compound.pileCount()).isLessThan(5)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Seed was " + SEED)
                .hasMessageContaining("transformer ")
                .hasMessageContaining("  4 Pile[id=P4");
    }

    private static double weightOn(Compound c, int pile, int node) {
        int[] nodes = c.pileNodes(pile);
        for (int k = 0; k < nodes.length; k++) {
            if (nodes[k] == node) {
                return c.pileWeights(pile)[k];
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------ generators

    /** Where an ampere value (desired or previous) falls against the pile's range. */
    public enum Level { ZERO, BELOW_MIN, MIN, IN_RANGE, MAX, ABOVE_MAX }

    public record Amps(Level level, double u) {
        public double of(Pile p) {
            double min = p.minCurrentA();
            double max = p.maxCurrentA();
            return switch (level) {
                case ZERO -> 0;
                case BELOW_MIN -> min * (0.05 + 0.9 * u);
                case MIN -> min;
                case IN_RANGE -> min + (max - min) * u;
                case MAX -> max;
                case ABOVE_MAX -> max * (1 + u);
            };
        }
    }

    record AskSpec(Amps desired, double laxityHours, Amps previous, double extraA) {
    }

    /** {@code ask} empty: the pile sends no request. {@code circuitPick} modulo (circuits + 1), 0: on the transformer. */
    record PileSpec(Phase phase, double minA, double spanA, int circuitPick, Optional<AskSpec> ask) {
    }

    /** {@code parentPick} modulo (index + 1), 0: on the transformer, else an earlier circuit. */
    record CircuitSpec(double limitKw, int parentPick) {
    }

    record CompoundSpec(double transformerKw, Optional<Double> phaseLimitA, List<CircuitSpec> circuits,
                        List<PileSpec> piles) {
    }

    /** Household load as a share of the limit in force (above 1: over it); the grid cap as a share of the transformer. */
    /** The household load, as a share of the limit; the lines' shares of it when the meter reads them. */
    record LoadSpec(double baseFraction, Optional<Double> capFraction, Optional<LineSplit> lines) {
    }

    /** Line A's share of the household load, and B's of what A leaves (C has the rest). */
    record LineSplit(double a, double bOfRest) {
    }

    record LimiterSpec(double ramp, double resolution) {
    }

    /** Which node's room {@link #loweringARoomNeverRaisesTheLoadAtThatNode} lowers, and to what share. */
    record Probe(int node, double factor) {
    }

    public static Gen<Scenario> scenarios() {
        return compounds().zip(loads(), limiters(), probes(), Scenario::of);
    }

    private static Gen<CompoundSpec> compounds() {
        Gen<Integer> pileCount = weighted(Pair.of(1, integers().between(1, 4)), Pair.of(3, integers().between(1, 60)));
        return rounded(doubles().between(5, 250), 1).zip(
                rounded(doubles().between(20, 400), 0).toOptionals(40),
                lists().of(circuits()).ofSizeBetween(0, 4),
                lists().of(piles()).ofSizes(pileCount),
                CompoundSpec::new);
    }

    private static Gen<CircuitSpec> circuits() {
        Gen<Double> limitKw = weighted(Pair.of(1, Generate.constant(0.0)), Pair.of(6, rounded(doubles().between(0, 60), 1)));
        return limitKw.zip(integers().between(0, 4), CircuitSpec::new);
    }

    private static Gen<PileSpec> piles() {
        Gen<Double> minA = weighted(Pair.of(3, Generate.constant(6.0)), Pair.of(2, rounded(doubles().between(1, 16), 1)));
        Gen<Double> spanA = weighted(Pair.of(1, Generate.constant(0.0)), Pair.of(5, rounded(doubles().between(0, 26), 1)));
        return arbitrary().enumValues(Phase.class).zip(minA, spanA, integers().between(0, 4), asks().toOptionals(5),
                PileSpec::new);
    }

    private static Gen<AskSpec> asks() {
        Gen<Level> desired = weighted(
                Pair.of(2, Generate.constant(Level.ZERO)), Pair.of(2, Generate.constant(Level.BELOW_MIN)),
                Pair.of(1, Generate.constant(Level.MIN)), Pair.of(8, Generate.constant(Level.IN_RANGE)),
                Pair.of(2, Generate.constant(Level.MAX)), Pair.of(3, Generate.constant(Level.ABOVE_MAX)));
        Gen<Level> previous = weighted(
                Pair.of(2, Generate.constant(Level.ZERO)), Pair.of(1, Generate.constant(Level.BELOW_MIN)),
                Pair.of(1, Generate.constant(Level.MIN)), Pair.of(2, Generate.constant(Level.IN_RANGE)),
                Pair.of(1, Generate.constant(Level.MAX)), Pair.of(1, Generate.constant(Level.ABOVE_MAX)));
        Gen<Double> extraA = weighted(
                Pair.of(5, Generate.constant(0.0)),
                Pair.of(2, doubles().between(0, 5)),
                Pair.of(2, doubles().between(0, 40)),
                Pair.of(1, doubles().between(-5, 0)));
        return desired.zip(doubles().fromZeroToOne(), Amps::new).zip(
                rounded(doubles().between(-5, 48), 0),
                previous.zip(doubles().fromZeroToOne(), Amps::new),
                extraA,
                AskSpec::new);
    }

    private static Gen<LoadSpec> loads() {
        Gen<Double> base = weighted(
                Pair.of(15, doubles().between(-0.05, 0.9)),
                Pair.of(2, Generate.constant(1.0)),
                Pair.of(3, doubles().between(1.0, 1.5))); // more household load than the limit
        Gen<LineSplit> split = doubles().between(0, 1).zip(doubles().between(0, 1), LineSplit::new);
        return base.zip(doubles().between(0.1, 1.0).toOptionals(60), split.toOptionals(50), LoadSpec::new);
    }

    private static Gen<LimiterSpec> limiters() {
        Gen<Double> ramp = weighted(
                Pair.of(1, Generate.constant(Double.POSITIVE_INFINITY)),
                Pair.of(1, rounded(doubles().between(0.5, 10), 1)));
        return ramp.zip(arbitrary().pick(0.01, 0.1, 0.5, 1.0), LimiterSpec::new);
    }

    private static Gen<Probe> probes() {
        Gen<Double> factor = weighted(Pair.of(1, Generate.constant(0.0)), Pair.of(4, doubles().between(0, 1)));
        return integers().between(0, 63).zip(factor, Probe::new);
    }

    @SafeVarargs
    private static <T> Gen<T> weighted(Pair<Integer, Gen<T>>... choices) {
        return Generate.frequency(Arrays.asList(choices));
    }

    private static Gen<Double> rounded(Gen<Double> gen, int decimals) {
        double f = Math.pow(10, decimals);
        return gen.map(x -> Math.round(x * f) / f);
    }

    // ------------------------------------------------------------------ scenario

    /** One Limiter cycle to check: the compound, its room, the requests and the Limiter settings. */
    public static final class Scenario {
        final CompoundSpec spec;
        final LoadSpec load;
        final LimiterSpec limiter;
        final Probe probe;
        public final Compound compound;
        final double baseKw;
        final double limitKw;
        public final double[] room;
        final List<Request> requests;
        final Request[] byPile;
        final double ramp;
        final double resolution;

        static Scenario of(CompoundSpec spec, LoadSpec load, LimiterSpec limiter, Probe probe) {
            Compound compound = build(spec);
            return new Scenario(spec, load, limiter, probe, compound, requestsFor(spec, compound));
        }

        private Scenario(CompoundSpec spec, LoadSpec load, LimiterSpec limiter, Probe probe, Compound compound,
                         List<Request> requests) {
            this.spec = spec;
            this.load = load;
            this.limiter = limiter;
            this.probe = probe;
            this.compound = compound;
            this.limitKw = load.capFraction().map(f -> spec.transformerKw() * f).orElse(spec.transformerKw());
            this.baseKw = limitKw * load.baseFraction();
            this.room = load.lines().map(l -> compound.room(HouseholdLoad.byLine(baseKw, new LineLoads(baseKw * l.a(),
                    baseKw * (1 - l.a()) * l.bOfRest(), baseKw * (1 - l.a()) * (1 - l.bOfRest()))), limitKw))
                    .orElseGet(() -> compound.room(baseKw, limitKw));
            this.requests = List.copyOf(requests);
            this.byPile = new Request[compound.pileCount()];
            requests.forEach(r -> byPile[r.pileIndex()] = r);
            this.ramp = limiter.ramp();
            this.resolution = limiter.resolution();
        }

        private static Compound build(CompoundSpec spec) {
            CompoundFixtures.Builder b = CompoundFixtures.compound().limitKw(spec.transformerKw());
            spec.phaseLimitA().ifPresent(b::phaseLimitA);
            for (int c = 0; c < spec.circuits().size(); c++) {
                CircuitSpec cs = spec.circuits().get(c);
                int parent = cs.parentPick() % (c + 1) - 1;
                b.circuit("g" + c, cs.limitKw(), parent < 0 ? null : "g" + parent);
            }
            for (int i = 0; i < spec.piles().size(); i++) {
                PileSpec ps = spec.piles().get(i);
                int circuit = ps.circuitPick() % (spec.circuits().size() + 1) - 1;
                b.pile("P" + i, ps.phase(), ps.minA(), ps.minA() + ps.spanA(), circuit < 0 ? null : "g" + circuit);
            }
            return b.build();
        }

        private static List<Request> requestsFor(CompoundSpec spec, Compound compound) {
            List<Request> requests = new ArrayList<>();
            for (int i = 0; i < spec.piles().size(); i++) {
                Pile p = compound.pile(i);
                int index = i;
                spec.piles().get(i).ask().ifPresent(ask -> requests.add(new Request(index, ask.desired().of(p),
                        ask.laxityHours(), ask.previous().of(p), ask.extraA())));
            }
            return requests;
        }

        /** The same cycle with every request's extra dropped. */
        Scenario withoutExtras() {
            List<Request> plain = requests.stream()
                    .map(r -> new Request(r.pileIndex(), r.desiredA(), r.laxityHours(), r.previousA()))
                    .toList();
            return new Scenario(spec, load, limiter, probe, compound, plain);
        }

        Allocation run() {
            return run(room);
        }

        public Allocation run(double[] roomKw) {
            return run(roomKw, SilentOffers.NONE);
        }

        /** As {@link #run(double[])}, the piles in {@code silent} not saying their draw. */
        public Allocation run(double[] roomKw, SilentOffers silent) {
            double[] copy = roomKw.clone();
            Allocation a = new Limiter(compound, ramp, resolution).limit(copy, requests, silent);
            assertThat(copy).as("room passed to the Limiter").containsExactly(roomKw);
            assertThat(a.amps()).hasSize(compound.pileCount());
            assertThat(a.limitedBy()).hasSize(compound.pileCount());
            return a;
        }

        Request requestOf(int pile) {
            return byPile[pile];
        }

        /** The most the ramp allows this cycle: above the previous amps, or above the minimum when starting. */
        double rampCap(Request r, Pile p) {
            if (!Double.isFinite(ramp)) {
                return Double.POSITIVE_INFINITY;
            }
            return Math.max(r.previousA(), p.minCurrentA()) + ramp;
        }

        /** What the pile should draw, within its range and ramp (0 when it sent no request). */
        double desiredTarget(Request r, Pile p) {
            return r == null ? 0 : Math.min(Math.min(r.desiredA(), p.maxCurrentA()), rampCap(r, p));
        }

        public double[] usedKw(double[] amps) {
            double[] used = new double[compound.nodeCount()];
            for (int i = 0; i < amps.length; i++) {
                double kw = compound.kw(i, amps[i]);
                int[] nodes = compound.pileNodes(i);
                for (int k = 0; k < nodes.length; k++) {
                    used[nodes[k]] += kw * compound.pileWeights(i)[k];
                }
            }
            return used;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            Transformer t = compound.transformer();
            b.append(String.format(Locale.ROOT, "%ntransformer %s kW, phase limit %s A; base %.3f kW, limit in force %.3f kW;"
                            + " ramp %s A, resolution %s A; probe node %d x %s%n  room %s%n", t.limitKw(), t.phaseLimitA(),
                    baseKw, limitKw, ramp, resolution, probe.node() % compound.nodeCount(), probe.factor(),
                    Arrays.toString(room)));
            for (Circuit c : compound.circuits()) {
                b.append("  ").append(c).append('\n');
            }
            for (int i = 0; i < compound.pileCount(); i++) {
                b.append("  ").append(i).append(' ').append(compound.pile(i)).append(" <- ").append(byPile[i]).append('\n');
            }
            return b.toString();
        }
    }
}
