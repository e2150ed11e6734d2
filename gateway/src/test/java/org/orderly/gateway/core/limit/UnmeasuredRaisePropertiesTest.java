package org.orderly.gateway.core.limit;

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
import org.orderly.gateway.core.limit.LimiterPropertiesTest.Amps;
import org.orderly.gateway.core.limit.LimiterPropertiesTest.Level;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Pile;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the Limiter where piles do not say their car's draw ({@link SilentOffers}: what such a pile is given
 * above its offer in force counts twice in the room), checked with QuickTheories on {@code LimiterPropertiesTest}'s
 * scenarios: compounds of 0-4 circuits (some nested, some with no room), with and without a phase limit, 1-60 piles on
 * A, B, C or all three with their own least and most current and requests; household loads (also above the limit),
 * split over the lines or not, and now and then a node whose room is not a number; per pile its offer in force (0,
 * below its least current, in its range, at its most, above it), about half of them silent.
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
                    assertThat(result[i]).as("pile %d %s, in force %s A, silent %s", i, p, s.inForceA[i], s.silent[i])
                            .isBetween(p.minCurrentA() - AMP_TOL, p.maxCurrentA() + AMP_TOL);
                }
            }
        });
    }

    /** The safety invariant, as for any allocation: what the piles through a node are given is within its room. */
    @Test
    void everyNodeStaysWithinItsRoom() {
        theory().forAll(scenarios()).checkAssert(s -> {
            double[] used = s.usedKw(s.result());
            for (int n = 0; n < used.length; n++) {
                assertThat(used[n]).as("kW at %s", s.compound.nodeName(n)).isLessThanOrEqualTo(s.roomOf(n) + KW_TOL);
            }
        });
    }

    /**
     * What the rule is for: the silent cars drawing their new offers are the households' at the next reading, whose
     * room on a node is then R + O - S (O what they were offered, S what they are now); what the piles through it are
     * given still fits in that, everywhere: no offer is given that cannot stay.
     */
    @Test
    void whatThePilesAreGivenStillFitsTheRoomTheSilentDrawsLeaveAtTheNextReading() {
        theory().forAll(scenarios()).checkAssert(s -> {
            double[] result = s.result();
            double[] given = s.usedKw(result);
            double[] silentGiven = s.usedKw(s.silentOnly(result));
            double[] silentInForce = s.usedKw(s.silentOnly(s.inForceA));
            for (int n = 0; n < given.length; n++) {
                double room = Math.max(0, s.roomOf(n));
                double next = room + silentInForce[n] - silentGiven[n];
                assertThat(given[n]).as("kW given at %s (%s kW to silent piles, %s in force), room %s kW, at the next"
                                + " reading %s kW", s.compound.nodeName(n), silentGiven[n], silentInForce[n], room, next)
                        .isLessThanOrEqualTo(Math.max(next, 0) + KW_TOL);
            }
        });
    }

    /** Only a raise counts twice: silent piles offered their most already are shared the room as any pile. */
    @Test
    void silentPilesAtTheirMostAreSharedTheRoomAsAnyPile() {
        theory().forAll(scenarios()).checkAssert(s -> {
            double[] atMost = new double[s.compound.pileCount()];
            for (int i = 0; i < atMost.length; i++) {
                atMost[i] = s.compound.pile(i).maxCurrentA();
            }
            assertThat(s.cycle.run(s.roomKw, SilentOffers.of(atMost, s.drawA)).amps()).as("given, silent piles at their most")
                    .containsExactly(s.cycle.run(s.roomKw).amps());
        });
    }

    // ------------------------------------------------------------------ generators

    /** A pile's offer in force, and whether it says its draw. */
    record PileState(Amps inForce, boolean silent) {
    }

    /** The Limiter's scenarios, with each pile's state (as many as it may have piles) and a node whose room is NaN. */
    static Gen<Scenario> scenarios() {
        Gen<Level> level = Generate.frequency(List.of(
                Pair.of(4, Generate.constant(Level.ZERO)), Pair.of(1, Generate.constant(Level.BELOW_MIN)),
                Pair.of(2, Generate.constant(Level.MIN)), Pair.of(4, Generate.constant(Level.IN_RANGE)),
                Pair.of(2, Generate.constant(Level.MAX)), Pair.of(1, Generate.constant(Level.ABOVE_MAX))));
        Gen<PileState> state = level.zip(doubles().fromZeroToOne(), Amps::new)
                .zip(integers().between(0, 1), (a, silent) -> new PileState(a, silent == 1));
        return LimiterPropertiesTest.scenarios().zip(lists().of(state).ofSize(60),
                integers().between(0, 63).toOptionals(90), Scenario::new);
    }

    // ------------------------------------------------------------------ scenario

    /** One cycle: a Limiter scenario, the offers in force, which piles do not say their draw. */
    static final class Scenario {
        final LimiterPropertiesTest.Scenario cycle;
        final Compound compound;
        final double[] roomKw;
        final double[] inForceA;
        final boolean[] silent;
        /** Per pile, NaN where it does not say its car's draw, as the cycle gives {@link SilentOffers#of}. */
        final double[] drawA;
        final SilentOffers offers;

        Scenario(LimiterPropertiesTest.Scenario cycle, List<PileState> states, Optional<Integer> notANumber) {
            this.cycle = cycle;
            this.compound = cycle.compound;
            this.roomKw = cycle.room.clone();
            notANumber.ifPresent(n -> roomKw[n % roomKw.length] = Double.NaN);
            int piles = compound.pileCount();
            this.inForceA = new double[piles];
            this.silent = new boolean[piles];
            this.drawA = new double[piles];
            for (int i = 0; i < piles; i++) {
                PileState st = states.get(i);
                inForceA[i] = Math.round(st.inForce().of(compound.pile(i)) * 10) / 10.0;
                silent[i] = st.silent();
                // What the silent ones' cars draw is not said (NaN); the others' is not read here.
                drawA[i] = silent[i] ? Double.NaN : 0;
            }
            this.offers = SilentOffers.of(inForceA, drawA);
        }

        /** The Limiter's allocation with the silent piles' offers. */
        double[] result() {
            return cycle.run(roomKw, offers).amps();
        }

        /** The room of node {@code n}, one that is not a number being none, as the Limiter takes it. */
        double roomOf(int n) {
            return Double.isNaN(roomKw[n]) ? 0 : roomKw[n];
        }

        double[] usedKw(double[] amps) {
            return cycle.usedKw(amps);
        }

        double[] silentOnly(double[] amps) {
            double[] out = new double[amps.length];
            for (int i = 0; i < amps.length; i++) {
                out[i] = silent[i] ? amps[i] : 0;
            }
            return out;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(cycle.toString());
            b.append(String.format(Locale.ROOT, "  room as the Limiter is given it %s%n", Arrays.toString(roomKw)));
            for (int i = 0; i < compound.pileCount(); i++) {
                b.append(String.format(Locale.ROOT, "  %d: in force %s A, %s%n", i, inForceA[i],
                        silent[i] ? "does not say its draw" : "says its draw"));
            }
            return b.toString();
        }
    }
}
