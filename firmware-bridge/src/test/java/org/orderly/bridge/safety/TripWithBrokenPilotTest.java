package org.orderly.bridge.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.pile.PileStatus;
import org.orderly.bridge.pilot.PilotSignal;
import org.orderly.bridge.testing.ScriptedInputs;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * A protection trips the pile while its control pilot's PWM cannot be driven (it refuses every change): the trip still
 * leaves the relay open and the fault latched, and the status says F with the fault and that the pilot cannot be
 * driven, published at once; the protection that tripped it (a pin's listener, a check) is not thrown at, and the
 * pile's ticks keep the status. Until 2026-12-04 the trip threw the pilot's failure at the protection, and the status
 * went on saying C and the offer, as every step failed on the pilot before it published.
 */
class TripWithBrokenPilotTest {
    private static final Duration SETTLE = Duration.ofMillis(200);
    private static final String NOT_DRIVEN = "control pilot cannot be driven";

    private final PileOnMockBoard board = new PileOnMockBoard();
    private final List<PileStatus> published = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        board.pwms.mendOutputs(); // the stop's standby, as a stop with a broken PWM is not this test's
        board.close();
    }

    private void chargeThenBreakThePwm() {
        board.charge();
        board.pile.onStatus(published::add);
        board.pwms.breakOutputs();
    }

    private void assertTrippedAndReported(String reason) {
        assertThat(board.pilot.relayClosed()).as("relay").isFalse();
        PileStatus status = board.pile.status();
        assertThat(status.state()).as("state").isEqualTo(VehicleState.F);
        assertThat(status.fault()).as("fault").hasValue(reason + "; " + NOT_DRIVEN);
        assertThat(status.ampsOffered()).as("offered").isZero();
        assertThat(status.powerKw()).as("power with the relay open").isZero();
        assertThat(published).as("published").isNotEmpty().last().isEqualTo(status);
    }

    @Test
    void aResidualCurrentSeenByThePinsListenerTripsThePileAndIsReported() {
        new ResidualCurrentMonitor("P1", board.pi4j, PileOnMockBoard.RCM_PIN, DigitalState.HIGH, board.pile);
        chargeThenBreakThePwm();

        assertThatCode(() -> board.input(PileOnMockBoard.RCM_PIN).mockState(DigitalState.HIGH))
                .as("the pin's change, told to the monitor's listener").doesNotThrowAnyException();

        assertTrippedAndReported("residual current");
        assertThatThrownBy(board.pile::step).as("a tick while the PWM still refuses")
                .hasMessageContaining("cannot drive control pilot PWM 18");
        assertTrippedAndReported("residual current");

        board.pwms.mendOutputs();
        board.pile.step();
        assertThat(board.pilot.currentSignal()).as("pilot once it can be driven").isInstanceOf(PilotSignal.Fault.class);
        assertThat(board.pilot.outputDutyPercent()).as("pilot steady -12 V").isZero();
        assertThat(board.pile.status().fault()).as("fault once the pilot is driven").hasValue("residual current");
    }

    @Test
    void aContactorThatDidNotCloseTripsThePileAndTheCheckGoesOn() {
        ContactorFeedback contactor = new ContactorFeedback("P1", board.pi4j, PileOnMockBoard.FEEDBACK_PIN,
                DigitalState.HIGH, board.pilot, board.pile, SETTLE, board.clock);
        chargeThenBreakThePwm();

        contactor.check();
        board.clock.advance(SETTLE);
        assertThatCode(contactor::check).as("the check that trips").doesNotThrowAnyException();

        assertTrippedAndReported("contactor did not close");
    }

    @Test
    void aFeedbackThatCannotBeReadTripsThePileAndTheCheckThrowsTheReadsFailure() {
        ContactorFeedback contactor = new ContactorFeedback("P1", board.pi4j, PileOnMockBoard.FEEDBACK_PIN,
                DigitalState.HIGH, board.pilot, board.pile, SETTLE, board.clock);
        chargeThenBreakThePwm();
        ScriptedInputs.Input feedback = board.input(PileOnMockBoard.FEEDBACK_PIN);
        feedback.breakPin();

        assertThatThrownBy(contactor::check).as("the check, its input broken")
                .hasMessageContaining("scripted failure reading input");

        assertTrippedAndReported("contactor feedback unreadable");
    }
}
