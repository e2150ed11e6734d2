package org.orderly.bridge.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.pile.PileStatus;
import org.orderly.bridge.pilot.PilotSignal;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * The relay's output refuses to close (its GPIO line cannot be written) when a car starts charging: nothing flows, but
 * the car must not stay in C under an offer the relay does not follow. The pile drives its pilot to F, its {@code
 * /status} says F with {@code relay cannot be closed} (the part to check, not the pilot), each step drives the relay
 * again, and the car charges once the output can be written. On Pi4J's mock board with a relay output that breaks.
 * Until 2026-12-04 the refused close was taken for the pilot's failure: the status said {@code control pilot cannot be
 * driven} while the pilot went on offering 16 A to the car in C.
 */
class RelayThatCannotCloseTest {
    private final PileOnMockBoard board = new PileOnMockBoard();
    private final List<PileStatus> published = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        board.relays.mendOutputs(); // the stop's open relay, as a stop with a broken relay is not this test's
        board.close();
    }

    private void assertRefusedAndReported(String fault) {
        PileStatus status = board.pile.status();
        assertThat(status.fault()).as("fault").hasValue(fault);
        assertThat(status.state()).as("state").isEqualTo(VehicleState.F);
        assertThat(board.pilot.currentSignal()).as("pilot, for the car to stop on")
                .isInstanceOf(PilotSignal.Fault.class);
        assertThat(board.pilot.outputDutyPercent()).as("pilot steady -12 V").isZero();
        assertThat(status.ampsOffered()).as("offered").isZero();
        assertThat(published).as("published").isNotEmpty().last().isEqualTo(status);
    }

    @Test
    void aRelayThatCannotCloseWhenTheCarStartsChargingIsReportedThePilotGoesToFAndTheCarChargesOnceItCan() {
        board.pile.grant(0.0, Duration.ofMinutes(10)); // nothing offered yet: the car plugged in waits in B
        board.plug(true);
        board.sense(3);
        board.pile.grant(16.0, Duration.ofMinutes(10));
        assertThat(board.pilot.relayClosed()).as("relay with the car in B").isFalse();
        board.pile.onStatus(published::add);
        board.relays.breakOutputs();

        Throwable refused = catchThrowable(() -> board.sense(3)); // the car goes to C under the offer: the step closes

        assertThat(board.pilot.relayClosed()).as("relay, its output refusing").isFalse();
        assertRefusedAndReported("relay cannot be closed");
        assertThat(refused).as("the step the car's C ran").isNotNull()
                .hasMessageContaining("pile P1: relay cannot be closed: cannot close relay on pin 17");

        assertThatThrownBy(board.pile::step).as("a step while the relay still refuses")
                .hasMessageContaining("pile P1: relay cannot be closed");
        assertRefusedAndReported("relay cannot be closed");
        assertThatThrownBy(() -> board.sense(3)).as("the car seen in F, the relay still refusing to open as it is")
                .hasMessageContaining("pile P1: relay cannot be closed: cannot open relay on pin 17");
        assertThat(board.car.step(board.clock.instant(), 0, 1, 230).state()).as("car").isEqualTo(VehicleState.F);
        assertRefusedAndReported("relay cannot be closed");

        board.relays.mendOutputs();
        board.pile.step();
        board.sense(3);
        assertThat(board.pile.status().state()).as("state once the relay's output mends").isEqualTo(VehicleState.C);
        assertThat(board.pile.status().fault()).as("fault once the relay's output mends").isEmpty();
        assertThat(board.pilot.relayClosed()).as("relay once the output mends").isTrue();
    }

    /**
     * A trip with the relay open and its output refusing: nothing flows, so it is the fault and that the relay cannot
     * be closed, not the worst case of a relay that may carry current.
     */
    @Test
    void aTripWithTheRelayOpenAndItsOutputRefusingSaysTheRelayCannotBeClosed() {
        new ResidualCurrentMonitor("P1", board.pi4j, PileOnMockBoard.RCM_PIN, DigitalState.HIGH, board.pile);
        board.pile.grant(0.0, Duration.ofMinutes(10));
        board.plug(true);
        board.sense(3);
        board.pile.onStatus(published::add);
        board.relays.breakOutputs();

        assertThatCode(() -> board.input(PileOnMockBoard.RCM_PIN).mockState(DigitalState.HIGH))
                .as("the pin's change, told to the monitor's listener").doesNotThrowAnyException();

        assertThat(board.pilot.relayClosed()).as("relay").isFalse();
        assertRefusedAndReported("residual current; relay cannot be closed");
    }

    @Test
    void aRelayWhoseOutputRefusesWhileItCarriesACarIsReportedAsNotOpenedAndThePilotGoesToF() {
        board.charge();
        board.pile.onStatus(published::add);
        board.relays.breakOutputs();

        assertThatThrownBy(board.pile::step).as("a tick while the car charges, the relay refusing")
                .hasMessageContaining("pile P1: relay cannot be opened: cannot close relay on pin 17");

        assertThat(board.pilot.relayClosed()).as("relay, its output refusing").isTrue();
        assertRefusedAndReported("relay cannot be opened");
    }
}
