package org.orderly.bridge.pilot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PilotMappingTest {

    @ParameterizedTest(name = "{0} A <-> {1} %")
    @CsvSource({
            "6,    10",
            "10,   16.666666",
            "16,   26.666666",
            "32,   53.333333",
            "51,   85",
            "52.5, 85",
            "60,   88",
            "63,   89.2",
            "80,   96",
    })
    void ampsToDutyAtAndBetweenTheBoundaries(double amps, double duty) {
        assertThat(PilotMapping.dutyForAmps(amps)).isEqualTo(duty);
    }

    @ParameterizedTest(name = "{0} % -> {1} A")
    @CsvSource({
            "10,   6",
            "25,   15",
            "50,   30",
            "85,   51",
            "85.2, 53",
            "88,   60",
            "96,   80",
    })
    void dutyToAmpsAtAndBetweenTheBoundaries(double duty, double amps) {
        assertThat(PilotMapping.ampsForDuty(duty)).isEqualTo(amps);
    }

    @Test
    void theGapBetweenTheRangesRoundsDownToWhatEightyFivePercentSignals() {
        // 85 % decodes as 51 A; the second range starts at 52.5 A: never signal more than allowed
        assertThat(PilotMapping.dutyForAmps(51.0001)).isEqualTo(85.0);
        assertThat(PilotMapping.dutyForAmps(52.4)).isEqualTo(85.0);
        assertThat(PilotMapping.signalFor(52.0).amps()).isEqualTo(51.0);
    }

    /**
     * A limit is taken to the microampere (docs/firmware-bridge.md, {@code PilotMapping.AMPS_DECIMALS}); its duty decodes
     * no more than it, nor does the offer say more. Rounded to the nearest 1e-6 %, 52.500004 A was offered as 52.500005 A
     * (9097196 of the 74000001 microampere limits from 6 to 80 A, all above the knee).
     */
    @Test
    void noMicroampereLimitIsSignalledAboveItself() {
        for (long start : new long[] {6_000_000, 15_995_000, 50_995_000, 52_500_000, 79_990_000}) {
            for (long micro = start; micro <= start + 10_000; micro++) {
                BigDecimal limit = BigDecimal.valueOf(micro, 6);
                PilotSignal offer = PilotMapping.signalFor(limit.doubleValue());
                BigDecimal duty = BigDecimal.valueOf(offer.dutyPercent()); // the step of 1e-6 % the duty is
                BigDecimal decoded = duty.compareTo(BigDecimal.valueOf(85)) <= 0 ? duty.multiply(new BigDecimal("0.6"))
                        : duty.subtract(BigDecimal.valueOf(64)).multiply(new BigDecimal("2.5"));
                assertThat(decoded).as("what the duty of a %s A limit decodes", limit).isLessThanOrEqualTo(limit);
                assertThat(BigDecimal.valueOf(offer.amps())).as("the offer of a %s A limit", limit)
                        .isLessThanOrEqualTo(limit);
            }
        }
    }

    @Test
    void everyWholeAmpereRoundTripsExceptTheGap() {
        for (int amps = 6; amps <= 80; amps++) {
            double back = PilotMapping.ampsForDuty(PilotMapping.dutyForAmps(amps));
            if (amps == 52) {
                assertThat(back).isEqualTo(51.0);
            } else {
                assertThat(back).as("%d A", amps).isCloseTo(amps, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    /** Said as given, not as Java's double: {@code 100}, not {@code 100.0}; {@code 5.99}, not rounded up to 6. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            -1        | -1
            0.5       | 0.5
            5.99      | 5.99
            80.01     | 80.01
            100       | 100
            NaN       | NaN
            Infinity  | Infinity
            """)
    void currentsOutsideSixToEightyAreRejected(double amps, String said) {
        assertThatThrownBy(() -> PilotMapping.dutyForAmps(amps))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot signal " + said + " A on the control pilot: IEC 61851-1 PWM covers 6..80 A "
                        + "(use 0 A for standby)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 5, 9.99, 96.01, 100, -3, Double.NaN})
    void dutiesOutsideTenToNinetySixAreRejected(double duty) {
        assertThatThrownBy(() -> PilotMapping.ampsForDuty(duty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not encode a current");
    }

    @Test
    void zeroAmperesIsStandbyAtOneHundredPercent() {
        PilotSignal signal = PilotMapping.signalFor(0.0);
        assertThat(signal).isEqualTo(new PilotSignal.Standby());
        assertThat(signal.dutyPercent()).isEqualTo(100.0);
        assertThat(signal.amps()).isZero();
    }

    @Test
    void faultIsSteadyMinusTwelveVoltsAtZeroPercent() {
        assertThat(new PilotSignal.Fault("test").dutyPercent()).isZero();
    }

    @Test
    void anOfferCarriesTheDecodedCurrent() {
        assertThat(PilotMapping.signalFor(16.0)).isEqualTo(new PilotSignal.Offer(16.0, 26.666666));
        assertThatThrownBy(() -> new PilotSignal.Offer(6, 9.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
