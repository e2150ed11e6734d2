package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.limit.LimiterPropertiesTest;
import org.orderly.gateway.core.limit.LimiterPropertiesTest.Amps;
import org.orderly.gateway.core.limit.LimiterPropertiesTest.Level;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Pile;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of {@link UnmeasuredRaise#withinTheRoomThatStays}, checked with QuickTheories on {@code LimiterPropertiesTest}'s
 * scenarios: compounds of 0-4 circuits (some nested, some with no room), with and without a phase limit, 1-60 piles on
 * A, B, C or all three with their own least and most current; household loads (also above the limit), split over the
 * lines or not, and now and then a node whose room is not a number; what the cycle allows, from the real Limiter on the
 * scenario's requests (so it is what a cycle could allow); per pile its offer in force (0, below its least current, in
 * its range, above it) and its car's draw, not said (NaN) for about half of them.
 *
 * <p>Deterministic, with {@code LimiterPropertiesTest}'s seed and examples; {@code -DQT_SEED=<n>} and
 * {@code -DQT_EXAMPLES=<n>} explore others, and a failure is reported shrunk, with its seed and whole scenario.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UnmeasuredRaisePropertiesTest {
    private static final double KW_TOL = LimiterPropertiesTest.KW_TOL;
    private static final double AMP_TOL = LimiterPropertiesTest.AMP_TOL;

    /** As {@code LimiterPropertiesTest}'s: its seed, examples and shrinks ({@code -DQT_SEED}, {@code -DQT_EXAMPLES}). */
    private static QuickTheory theory() {
        return LimiterPropertiesTest.theory();
    }

    // ------------------------------------------------------------------ properties

    @Test
    void everyPileIsGivenZeroOrACurrentWithinItsRange() {
        theory().forAll(scenarios()).checkAssert(s -> {
            double[] result = s.result();
            for (int i = 0; i < result.length; i++) {
                Pile p = s.compound.pile(i);
                if (result[i] != 0) {
                    assertThat(result[i]).as("pile %d %s, allowed %s A, in force %s A", i, p, s.allowedA[i], s.inForceA[i])
                            .isBetween(p.minCurrentA() - AMP_TOL, p.maxCurrentA() + AMP_TOL);
                }
            }
        });
    }

    @Test
    void noPileIsGivenMoreThanTheCycleAllowed() {
        theory().forAll(scenarios()).checkAssert(s -> {
            double[] result = s.result();
            for (int i = 0; i < result.length; i++) {
                assertThat(result[i]).as("pile %d, in force %s A, draw %s A", i, s.inForceA[i], s.drawA[i])
                        .isLessThanOrEqualTo(s.allowedA[i] + AMP_TOL);
            }
        });
    }

    @Test
    void aPileThatSaysItsDrawIsGivenWhatTheCycleAllowed() {
        theory().forAll(scenarios()).checkAssert(s -> {
            double[] result = s.result();
            for (int i = 0; i < result.length; i++) {
                if (!Double.isNaN(s.drawA[i])) {
                    assertThat(result[i]).as("pile %d, drawing %s A, in force %s A", i, s.drawA[i], s.inForceA[i])
                            .isEqualTo(s.allowedA[i]);
                }
            }
        });
    }

    @Test
    void aCutOrAnOfferKeptPassesWhole() {
        theory().forAll(scenarios()).checkAssert(s -> {
            double[] result = s.result();
            for (int i = 0; i < result.length; i++) {
                if (s.allowedA[i] <= s.inForceA[i]) {
                    assertThat(result[i]).as("pile %d, in force %s A, draw %s A", i, s.inForceA[i], s.drawA[i])
                            .isEqualTo(s.allowedA[i]);
                }
            }
        });
    }

    @Test
    void everyNodeStaysWithinTheRoomTheCycleRespected() {
        theory().forAll(scenarios()).checkAssert(s -> {
            double[] used = s.usedKw(s.result());
            double[] allowed = s.usedKw(s.allowedA);
            for (int n = 0; n < used.length; n++) {
                double room = s.roomOf(n);
                String node = s.compound.nodeName(n);
                assertThat(used[n]).as("kW at %s, the cycle allowing %s kW", node, allowed[n])
                        .isLessThanOrEqualTo(allowed[n] + KW_TOL);
                if (allowed[n] <= room + KW_TOL) {
                    assertThat(used[n]).as("kW at %s, its room %s kW", node, room).isLessThanOrEqualTo(room + KW_TOL);
                }
            }
        });
    }

    /**
     * What the rule is for: the silent cars drawing their new offers are the households' at the next reading, whose room
     * on a node is then R + O - S (O what they were offered, S what they are now); what the piles through it are given
     * still fits in that, but where a raised silent pile is held at its offer in force or its least current (no offer
     * stays there) and where the room was already less than the cycle allowed.
     */
    @Test
    void whatTheSilentPilesAreGivenStillFitsTheRoomTheirDrawLeavesAtTheNextReading() {
        theory().forAll(scenarios()).checkAssert(s -> {
            double[] result = s.result();
            double[] allowed = s.usedKw(s.allowedA);
            double[] given = s.usedKw(result);
            double[] silentGiven = s.usedKw(s.silentOnly(result));
            double[] silentInForce = s.usedKw(s.silentOnly(s.inForceA));
            boolean[] held = s.nodesWithARaiseHeldAtItsFloor(result);
            for (int n = 0; n < given.length; n++) {
                double room = s.roomOf(n);
                if (held[n] || allowed[n] > room + KW_TOL) {
                    continue;
                }
                double next = room + silentInForce[n] - silentGiven[n];
                assertThat(given[n]).as("kW given at %s (%s kW to silent piles, %s in force), room %s kW, at the next"
                                + " reading %s kW", s.compound.nodeName(n), silentGiven[n], silentInForce[n], room, next)
                        .isLessThanOrEqualTo(next + KW_TOL);
            }
        });
    }

    // ------------------------------------------------------------------ generators

    /** A pile's offer in force, and its draw as a share of it; empty: the pile does not say its draw. */
    record PileState(Amps inForce, Optional<Double> drawShare) {
    }

    /** The Limiter's scenarios, with each pile's state (as many as it may have piles) and a node whose room is NaN. */
    static Gen<Scenario> scenarios() {
        Gen<Level> level = Generate.frequency(List.of(
                Pair.of(4, Generate.constant(Level.ZERO)), Pair.of(1, Generate.constant(Level.BELOW_MIN)),
                Pair.of(2, Generate.constant(Level.MIN)), Pair.of(4, Generate.constant(Level.IN_RANGE)),
                Pair.of(2, Generate.constant(Level.MAX)), Pair.of(1, Generate.constant(Level.ABOVE_MAX))));
        Gen<Optional<Double>> drawShare = Generate.frequency(List.of(
                Pair.of(4, doubles().between(0, 1)), Pair.of(1, Generate.constant(1.0)))).toOptionals(50);
        Gen<PileState> state = level.zip(doubles().fromZeroToOne(), Amps::new).zip(drawShare, PileState::new);
        return LimiterPropertiesTest.scenarios().zip(lists().of(state).ofSize(60),
                integers().between(0, 63).toOptionals(90), Scenario::new);
    }

    // ------------------------------------------------------------------ scenario

    /** One cycle's raise to check: a Limiter scenario, what it allowed, the offers in force and the draws. */
    static final class Scenario {
        final LimiterPropertiesTest.Scenario cycle;
        final Compound compound;
        final double[] roomKw;
        final double[] inForceA;
        final double[] drawA;
        final double[] allowedA;
        private final Allocation allowed;

        Scenario(LimiterPropertiesTest.Scenario cycle, List<PileState> states, Optional<Integer> notANumber) {
            this.cycle = cycle;
            this.compound = cycle.compound;
            this.roomKw = cycle.room.clone();
            notANumber.ifPresent(n -> roomKw[n % roomKw.length] = Double.NaN);
            int piles = compound.pileCount();
            this.inForceA = new double[piles];
            this.drawA = new double[piles];
            for (int i = 0; i < piles; i++) {
                PileState st = states.get(i);
                double inForce = Math.round(st.inForce().of(compound.pile(i)) * 10) / 10.0;
                inForceA[i] = inForce;
                drawA[i] = st.drawShare().map(f -> Math.round(inForce * f * 10) / 10.0).orElse(Double.NaN);
            }
            this.allowed = cycle.run(roomKw);
            this.allowedA = allowed.amps().clone();
        }

        /** The rule's result, its inputs checked untouched. */
        double[] result() {
            double[] room = roomKw.clone();
            double[] inForce = inForceA.clone();
            double[] draw = drawA.clone();
            Allocation kept = UnmeasuredRaise.withinTheRoomThatStays(compound, room, allowed, inForce, draw);
            assertThat(room).as("room passed to the rule").containsExactly(roomKw);
            assertThat(inForce).as("offers in force passed to the rule").containsExactly(inForceA);
            assertThat(draw).as("draws passed to the rule").containsExactly(drawA);
            assertThat(allowed.amps()).as("allowed passed to the rule").containsExactly(allowedA);
            assertThat(kept.limitedBy()).as("limitedBy").containsExactly(allowed.limitedBy());
            return kept.amps();
        }

        /** The room of node {@code n}, one that is not a number being none, as the Limiter and the rule take it. */
        double roomOf(int n) {
            return Double.isNaN(roomKw[n]) ? 0 : roomKw[n];
        }

        double[] usedKw(double[] amps) {
            return cycle.usedKw(amps);
        }

        double[] silentOnly(double[] amps) {
            double[] silent = new double[amps.length];
            for (int i = 0; i < amps.length; i++) {
                silent[i] = Double.isNaN(drawA[i]) ? amps[i] : 0;
            }
            return silent;
        }

        /** Nodes on the path of a silent pile raised and held at its offer in force or its least current. */
        boolean[] nodesWithARaiseHeldAtItsFloor(double[] result) {
            boolean[] held = new boolean[compound.nodeCount()];
            for (int i = 0; i < result.length; i++) {
                double floor = Math.max(inForceA[i], Math.min(allowedA[i], compound.pile(i).minCurrentA()));
                if (Double.isNaN(drawA[i]) && allowedA[i] > inForceA[i] && result[i] <= floor + AMP_TOL) {
                    for (int n : compound.pileNodes(i)) {
                        held[n] = true;
                    }
                }
            }
            return held;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(cycle.toString());
            b.append(String.format(Locale.ROOT, "  room as the rule is given it %s%n", Arrays.toString(roomKw)));
            for (int i = 0; i < compound.pileCount(); i++) {
                b.append(String.format(Locale.ROOT, "  %d: in force %s A, draw %s A, allowed %s A%n", i, inForceA[i], drawA[i],
                        allowedA[i]));
            }
            return b.toString();
        }
    }
}
