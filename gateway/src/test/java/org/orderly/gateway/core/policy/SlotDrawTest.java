package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SlotDrawTest {
    private static final double MIN_KW = 1.32;
    private static final double MAX_KW = 7.04;
    private static final double CYCLE_H = 1 / 60.0;

    @Test
    void theSlotsEnergyIsSpreadOverWhatIsLeftOfIt() {
        assertThat(SlotDraw.kw(1.0, 0.25, MIN_KW, MAX_KW, CYCLE_H, false, false, false)).isCloseTo(4.0, within(1e-9));
        assertThat(SlotDraw.kw(3.0, 0.25, MIN_KW, MAX_KW, CYCLE_H, true, false, false)).as("at most the car's")
                .isEqualTo(MAX_KW);
    }

    @Test
    void nothingIsLeftNothingIsDrawn() {
        assertThat(SlotDraw.kw(0, 0.25, MIN_KW, MAX_KW, CYCLE_H, true, true, true)).isZero();
        assertThat(SlotDraw.kw(1.0, 0, MIN_KW, MAX_KW, CYCLE_H, true, true, true)).isZero();
    }

    @Test
    void belowTheMinimumItPulsesAtTheMinimumFromTheSlotsStart() {
        assertThat(SlotDraw.kw(0.2, 0.25, MIN_KW, MAX_KW, CYCLE_H, false, false, false)).isEqualTo(MIN_KW);
        assertThat(SlotDraw.kw(0.2, 0.25, MIN_KW, MAX_KW, CYCLE_H, true, true, true)).as("drawing already: it runs on")
                .isEqualTo(MIN_KW);
    }

    @Test
    void lessThanHalfACyclesWorthAtTheMinimumIsNotStartedFor() {
        double rest = 0.4 * MIN_KW * CYCLE_H;
        assertThat(SlotDraw.kw(rest, 0.25, MIN_KW, MAX_KW, CYCLE_H, true, false, true)).as("more planned later").isZero();
        assertThat(SlotDraw.kw(rest, 0.25, MIN_KW, MAX_KW, CYCLE_H, false, false, false)).as("not drawing").isZero();
    }

    @Test
    void theLastOfADrawingSessionsEnergyIsDrawnAtTheMinimum() {
        double rest = 0.4 * MIN_KW * CYCLE_H;
        assertThat(SlotDraw.kw(rest, 0.25, MIN_KW, MAX_KW, CYCLE_H, true, false, false)).as("nothing planned after this slot")
                .isEqualTo(MIN_KW);
    }

    @Test
    void aPulseWhoseSessionGoesOnInTheNextSlotWaitsForTheSlotsEndToRunOnIntoIt() {
        double left = 0.2;  // 9 minutes at the minimum
        assertThat(SlotDraw.kw(left, 0.25, MIN_KW, MAX_KW, CYCLE_H, false, true, true)).as("15 minutes left").isZero();
        assertThat(SlotDraw.kw(left, 11 / 60.0, MIN_KW, MAX_KW, CYCLE_H, false, true, true)).as("11 minutes left").isZero();
        assertThat(SlotDraw.kw(left, 10 / 60.0, MIN_KW, MAX_KW, CYCLE_H, false, true, true)).as("10 minutes left")
                .isEqualTo(MIN_KW);
    }
}
