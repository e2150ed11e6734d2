package org.orderly.gateway.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.CompoundFixtures.compound;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompoundTest {
    private static final double THIRD = 1.0 / 3.0;

    @Nested
    class NodesAndPaths {

        @Test
        void withoutPhaseLimitTheCircuitsFollowTheTransformer() {
            Compound c = compound().circuit("g1", 40).circuit("g2", 20)
                    .pile("P1", Phase.A, null).pile("P2", Phase.ABC, "g2").build();

            assertThat(c.nodeCount()).isEqualTo(3);
            assertThat(c.nodeName(0)).isEqualTo("transformer");
            assertThat(c.nodeName(1)).isEqualTo("circuit g1");
            assertThat(c.nodeName(2)).isEqualTo("circuit g2");
            assertThat(c.pileNodes(0)).containsExactly(0);
            assertThat(c.pileWeights(0)).containsExactly(1.0);
            assertThat(c.pileNodes(1)).containsExactly(0, 2);
            assertThat(c.pileWeights(1)).containsExactly(1.0, 1.0);
        }

        @Test
        void withPhaseLimitLinesAreNodesOneToThree() {
            Compound c = compound().phaseLimitA(150).circuit("g1", 40).pile("P1", Phase.A, null).build();

            assertThat(c.nodeCount()).isEqualTo(5);
            assertThat(List.of(c.nodeName(0), c.nodeName(1), c.nodeName(2), c.nodeName(3), c.nodeName(4)))
                    .containsExactly("transformer", "line A", "line B", "line C", "circuit g1");
        }

        @Test
        void singlePhasePileLoadsOnlyItsOwnLineWithFullWeight() {
            Compound c = compound().phaseLimitA(150)
                    .pile("PA", Phase.A, null).pile("PB", Phase.B, null).pile("PC", Phase.C, null).build();

            assertThat(c.pileNodes(0)).containsExactly(0, 1);
            assertThat(c.pileNodes(1)).containsExactly(0, 2);
            assertThat(c.pileNodes(2)).containsExactly(0, 3);
            for (int i = 0; i < 3; i++) {
                assertThat(c.pileWeights(i)).containsExactly(1.0, 1.0);
            }
        }

        @Test
        void threePhasePileLoadsEveryLineWithAThird() {
            Compound c = compound().phaseLimitA(150).pile("P3", Phase.ABC, null).build();

            assertThat(c.pileNodes(0)).containsExactly(0, 1, 2, 3);
            assertThat(c.pileWeights(0)).containsExactly(new double[] {1.0, THIRD, THIRD, THIRD}, within(1e-12));
            // a third of its kW on a line is exactly its per-conductor current on that line
            double kwOnLineA = c.kw(0, 16) * c.pileWeights(0)[1];
            assertThat(kwOnLineA / (c.transformer().phaseVoltageV() / 1000)).isCloseTo(16, within(1e-9));
        }

        @Test
        void nestedCircuitsAreAllOnThePathInnermostFirst() {
            Compound c = compound().phaseLimitA(150)
                    .circuit("feeder", 60).circuit("garage", 30, "feeder").circuit("row", 10, "garage")
                    .pile("P1", Phase.B, "row").pile("P2", Phase.ABC, "garage").build();

            // nodes: 0 transformer, 1..3 lines, 4 feeder, 5 garage, 6 row
            assertThat(c.pileNodes(0)).containsExactly(0, 2, 6, 5, 4);
            assertThat(c.pileWeights(0)).containsExactly(1.0, 1.0, 1.0, 1.0, 1.0);
            assertThat(c.pileNodes(1)).containsExactly(0, 1, 2, 3, 5, 4);
            assertThat(c.pileWeights(1))
                    .containsExactly(new double[] {1.0, THIRD, THIRD, THIRD, 1.0, 1.0}, within(1e-12));
        }

        @Test
        void circuitsMayBeDeclaredAfterTheirChildren() {
            Compound c = compound().circuit("row", 10, "garage").circuit("garage", 30)
                    .pile("P1", Phase.A, "row").build();

            assertThat(c.pileNodes(0)).containsExactly(0, 1, 2);
            assertThat(c.nodeName(1)).isEqualTo("circuit row");
        }

        @Test
        void kwDependsOnPhaseAndVoltage() {
            Compound c = compound().voltageV(230).pile("P1", Phase.C, null).pile("P3", Phase.ABC, null).build();

            assertThat(c.kw(0, 10)).isCloseTo(2.3, within(1e-12));
            assertThat(c.kw(1, 10)).isCloseTo(6.9, within(1e-12));
            assertThat(c.kwPerAmp(1)).isCloseTo(0.69, within(1e-12));
        }

        @Test
        void indexOfFindsPilesInDeclarationOrder() {
            Compound c = compound().pile("P1", Phase.A, null).pile("P2", Phase.B, null).build();

            assertThat(c.indexOf("P1")).isEqualTo(0);
            assertThat(c.indexOf("P2")).isEqualTo(1);
            assertThat(c.indexOf("nope")).isEqualTo(-1);
        }
    }

    @Nested
    class Validation {

        @Test
        void duplicatePileIdIsRejected() {
            assertThatThrownBy(() -> compound().pile("P1", Phase.A, null).pile("P1", Phase.B, null).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("duplicate pile id P1");
        }

        @Test
        void duplicateCircuitIdIsRejected() {
            assertThatThrownBy(() -> compound().circuit("g1", 10).circuit("g1", 20).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("duplicate circuit id g1");
        }

        @Test
        void pileOnUnknownCircuitIsRejected() {
            assertThatThrownBy(() -> compound().circuit("g1", 10).pile("P1", Phase.A, "g2").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pile P1")
                    .hasMessageContaining("unknown circuit g2");
        }

        @Test
        void circuitWithUnknownParentIsRejected() {
            assertThatThrownBy(() -> compound().circuit("g1", 10, "ghost").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown parent circuit ghost");
        }

        @Test
        void unknownParentOfAnAncestorIsRejectedWithAClearMessage() {
            // g1 is checked first: its parent g2 exists, but walking up from g1 reaches "ghost"
            assertThatThrownBy(() -> compound().circuit("g1", 10, "g2").circuit("g2", 20, "ghost").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown parent circuit ghost");
        }

        @Test
        void circuitThatIsItsOwnParentIsRejected() {
            assertThatThrownBy(() -> compound().circuit("g1", 10, "g1").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("own ancestor");
        }

        @Test
        void twoCircuitCycleIsRejected() {
            assertThatThrownBy(() -> compound().circuit("g1", 10, "g2").circuit("g2", 10, "g1").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("own ancestor");
        }

        @Test
        void longerCycleIsRejected() {
            assertThatThrownBy(() -> compound()
                    .circuit("a", 10, "b").circuit("b", 10, "c").circuit("c", 10, "a").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("own ancestor");
        }

        @Test
        void circuitHangingBelowACycleIsRejected() {
            // "leaf" is not on the cycle itself, but its chain of parents never reaches the transformer
            assertThatThrownBy(() -> compound()
                    .circuit("leaf", 10, "b").circuit("b", 10, "c").circuit("c", 10, "b").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("circuit b is its own ancestor: b -> c -> b"); // not leaf, which is not on it
        }

        @Test
        void pileWithInvalidCurrentRangeIsRejected() {
            assertThatThrownBy(() -> compound().pile("P1", Phase.A, 16, 6, null).build())
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> compound().pile("P1", Phase.A, 0, 6, null).build())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Room {

        @Test
        void transformerRoomIsTheLimitInForceLessTheBase() {
            Compound c = compound().limitKw(100).pile("P1", Phase.A, null).build();

            assertThat(c.room(30, 100)).containsExactly(new double[] {70}, within(1e-12));
            assertThat(c.room(30, 45)).containsExactly(new double[] {15}, within(1e-12));
        }

        @Test
        void lineRoomIsThePhaseLimitLessAThirdOfTheBase() {
            // 150 A at 220 V = 33 kW per line; 30 kW base puts 10 kW on each line
            Compound c = compound().limitKw(100).phaseLimitA(150).circuit("g1", 40).build();

            assertThat(c.room(30, 100)).containsExactly(new double[] {70, 23, 23, 23, 40}, within(1e-9));
        }

        @Test
        void lineRoomIsThePhaseLimitLessThatLinesHouseholdLoadWhereItIsKnown() {
            // 33 kW per line; households 20 kW on A, 8 on B, 2 on C, and one line over its limit stays at room 0
            Compound c = compound().limitKw(100).phaseLimitA(150).circuit("g1", 40).build();

            assertThat(c.room(HouseholdLoad.byLine(30, new LineLoads(20, 8, 2)), 100))
                    .containsExactly(new double[] {70, 13, 25, 31, 40}, within(1e-9));
            assertThat(c.room(HouseholdLoad.byLine(40, new LineLoads(36, 2, 2)), 100))
                    .containsExactly(new double[] {60, 0, 31, 31, 40}, within(1e-9));
            assertThat(c.room(HouseholdLoad.evenly(30), 100)).containsExactly(c.room(30, 100));
        }

        @Test
        void circuitRoomIsItsLimitWhateverTheBase() {
            Compound c = compound().limitKw(100).circuit("g1", 12).circuit("g2", 7, "g1").build();

            assertThat(c.room(95, 100)).containsExactly(new double[] {5, 12, 7}, within(1e-12));
        }

        @ParameterizedTest(name = "base {0} kW, limit {1} kW")
        @CsvSource({
            "120, 100", // base above the transformer limit
            "100, 100", // exactly at the limit
            "60, 40", // above a grid cap
            "200, 0", // grid cap of zero
            "150, 150", // a third of the base is above the 33 kW phase limit
        })
        void roomIsZeroRatherThanNegativeWhenBaseIsOverALimit(double baseKw, double limitKw) {
            Compound c = compound().limitKw(150).phaseLimitA(150).circuit("g1", 5).build();

            double[] room = c.room(baseKw, limitKw);

            assertThat(room[0]).isEqualTo(0.0);
            assertThat(room[4]).isEqualTo(5.0);
            if (baseKw / 3 >= 33) {
                assertThat(room[1]).isEqualTo(0.0);
                assertThat(room[2]).isEqualTo(0.0);
                assertThat(room[3]).isEqualTo(0.0);
            }
        }

        @Test
        void roomIsNeverNegativeForManyRandomBasesAndLimits() {
            Random random = new Random(20240611);
            for (int k = 0; k < 5_000; k++) {
                double transformerKw = 1 + random.nextDouble() * 500;
                double phaseLimitA = 1 + random.nextDouble() * 800;
                Compound c = compound().limitKw(transformerKw).phaseLimitA(phaseLimitA)
                        .circuit("g1", random.nextDouble() * 50).circuit("g2", 0, "g1").build();
                double base = -10 + random.nextDouble() * 1_000;
                double limit = random.nextDouble() * transformerKw;

                double[] room = c.room(base, limit);

                assertThat(room).hasSize(6);
                for (int n = 0; n < room.length; n++) {
                    assertThat(room[n]).as("room of node %d for base %s, limit %s", n, base, limit)
                            .isGreaterThanOrEqualTo(0.0);
                }
                assertThat(room[0]).isCloseTo(Math.max(0, limit - base), within(1e-9));
            }
        }
    }
}
