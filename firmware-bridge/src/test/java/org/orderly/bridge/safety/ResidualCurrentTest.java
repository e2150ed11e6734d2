package org.orderly.bridge.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pi4j.io.gpio.digital.DigitalState;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.coap.BridgeServer;
import org.orderly.bridge.coap.EndpointConfig;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.pilot.PilotSignal;
import org.orderly.bridge.testing.ScriptedInputs;
import org.orderly.bridge.testing.TestClients;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * A residual current monitor's fault output on a board input ({@link ResidualCurrentMonitor}): its trip opens the
 * relay at once, on the thread that saw the pin change, not at a later step; the pilot goes to F (-12 V) and /status
 * says F with the fault. The fault holds until the monitor is back to normal and the car is seen unplugged on the
 * pilot; a pile that cannot see an unplug holds it until it is restarted.
 */
class ResidualCurrentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PileOnMockBoard board = new PileOnMockBoard();
    private BridgeServer server;
    private CoapClient client;

    @AfterEach
    void close() {
        if (client != null) {
            TestClients.close(client);
        }
        if (server != null) {
            server.close();
        }
        board.close();
    }

    private ResidualCurrentMonitor monitor() {
        return new ResidualCurrentMonitor("P1", board.pi4j, PileOnMockBoard.RCM_PIN, DigitalState.HIGH, board.pile);
    }

    @Test
    void aTripWhileChargingOpensTheRelayAtOnceAndStatusSaysFWithTheFault() throws Exception {
        ResidualCurrentMonitor rcm = monitor();
        board.charge();
        server = new BridgeServer(board.pile, EndpointConfig.plain(InetAddress.getByName("127.0.0.1"), 0));
        server.start();
        client = TestClients.plain("coap://127.0.0.1:" + server.plainPort().orElseThrow() + "/status");

        board.input(PileOnMockBoard.RCM_PIN).mockState(DigitalState.HIGH);

        assertThat(board.pilot.relayClosed()).as("relay opened by the pin's change, no step since").isFalse();
        assertThat(board.pilot.currentSignal()).as("pilot").isInstanceOf(PilotSignal.Fault.class);
        assertThat(board.pilot.outputDutyPercent()).as("pilot steady -12 V").isZero();
        assertThat(rcm.tripped()).isTrue();
        CoapResponse answer = client.get();
        assertThat(answer.getCode()).isEqualTo(ResponseCode.CONTENT);
        JsonNode status = JSON.readTree(answer.getPayload());
        assertThat(status.get("state").asText()).isEqualTo("F");
        assertThat(status.get("fault").asText()).isEqualTo("residual current");
        assertThat(status.get("ampsOffered").asDouble()).isZero();
    }

    @Test
    void theFaultHoldsUntilTheMonitorIsNormalAndTheCarIsUnplugged() {
        monitor();
        board.charge();
        board.input(PileOnMockBoard.RCM_PIN).mockState(DigitalState.HIGH);

        board.plug(false);
        board.sense(5);
        assertThat(board.pile.status().fault()).as("unplugged while the monitor still trips").contains("residual current");
        assertThat(board.pilot.outputDutyPercent()).as("pilot still -12 V").isZero();

        board.plug(true);
        board.input(PileOnMockBoard.RCM_PIN).mockState(DigitalState.LOW);
        assertThat(board.pilot.currentSignal()).as("monitor normal, car plugged: standby, so an unplug can be seen")
                .isEqualTo(new PilotSignal.Standby());
        board.sense(5);
        assertThat(board.pile.status().state()).as("car still plugged in").isEqualTo(VehicleState.F);
        assertThat(board.pile.status().fault()).contains("residual current");
        assertThat(board.pilot.relayClosed()).isFalse();

        board.plug(false);
        board.sense(3);
        assertThat(board.pile.status().state()).as("released once unplugged").isEqualTo(VehicleState.A);
        assertThat(board.pile.status().fault()).isEmpty();
        assertThat(board.pilot.currentSignal().amps()).as("offering the lease again").isEqualTo(16.0);

        board.plug(true);
        board.sense(6);
        assertThat(board.pile.status().state()).as("charging again").isEqualTo(VehicleState.C);
        assertThat(board.pilot.relayClosed()).isTrue();
    }

    /** The mock board's inputs read low when made: a monitor that trips low is tripped from the start. */
    @Test
    void aMonitorTrippedAtStartPutsThePileInFAtOnce() {
        board.charge();

        ResidualCurrentMonitor rcm = new ResidualCurrentMonitor("P1", board.pi4j, PileOnMockBoard.RCM_PIN,
                DigitalState.LOW, board.pile);

        assertThat(rcm.tripped()).isTrue();
        assertThat(board.pile.status().state()).isEqualTo(VehicleState.F);
        assertThat(board.pile.status().fault()).contains("residual current");
        assertThat(board.pilot.relayClosed()).isFalse();
        board.input(PileOnMockBoard.RCM_PIN).mockState(DigitalState.HIGH);
        assertThat(board.pilot.currentSignal()).as("normal again: standby until unplugged")
                .isEqualTo(new PilotSignal.Standby());
    }

    /** As BridgeMain starts it: the pile awaits its protections, so a monitor tripped at start never lets it close. */
    @Test
    void aPileAwaitingItsProtectionsNeverClosesItsRelayBeforeAMonitorTrippedAtStartTripsIt() {
        SimulatedVehicle simulated = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
        simulated.plugIn();
        RecordingPilot pilot = new RecordingPilot();
        Pile pile = Pile.awaitingProtections(PileConfig.homePile("P2"), pilot, simulated, Clock.systemUTC());
        try {
            assertThat(pile.status().ampsOffered()).as("nothing offered before the protections").isZero();
            new ResidualCurrentMonitor("P2", board.pi4j, PileOnMockBoard.RCM_PIN, DigitalState.LOW, pile);
            pile.arm();
            pile.grant(16.0, Duration.ofMinutes(10));

            assertThat(pilot.relayHistory()).as("relay history").isNotEmpty().doesNotContain(true);
            assertThat(pile.status().fault()).contains("residual current");
        } finally {
            pile.close();
        }
    }

    @Test
    void aPileThatCannotSeeAnUnplugHoldsTheFaultUntilRestarted() {
        SimulatedVehicle simulated = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
        simulated.plugIn();
        InMemoryControlPilot pilot = new InMemoryControlPilot();
        Pile pile = new Pile(PileConfig.homePile("P2"), pilot, simulated, Clock.systemUTC());
        try {
            new ResidualCurrentMonitor("P2", board.pi4j, PileOnMockBoard.RCM_PIN, DigitalState.HIGH, pile);
            pile.grant(16.0, Duration.ofMinutes(10));
            assertThat(pilot.relayClosed()).isTrue();

            board.input(PileOnMockBoard.RCM_PIN).mockState(DigitalState.HIGH);
            board.input(PileOnMockBoard.RCM_PIN).mockState(DigitalState.LOW);
            simulated.unplug();
            pile.step();

            assertThat(pile.status().state()).isEqualTo(VehicleState.F);
            assertThat(pile.status().fault()).contains("residual current");
            assertThat(pilot.currentSignal()).isInstanceOf(PilotSignal.Fault.class);
            assertThat(pilot.relayClosed()).isFalse();
        } finally {
            pile.close();
        }
    }

    /**
     * A protection that cannot be read trips the pile: a monitor input that throws when read (a GPIO line gone) is
     * {@code residual current monitor unreadable}, released as the residual current is, once it reads normal again and
     * the car has been seen unplugged.
     */
    @Test
    void aMonitorThatCannotBeReadTripsThePileUntilItReadsNormalAndTheCarIsUnplugged() {
        ResidualCurrentMonitor rcm = monitor();
        board.charge();
        ScriptedInputs.Input input = board.input(PileOnMockBoard.RCM_PIN);
        input.breakPin();

        rcm.check();

        assertThat(board.pile.status().state()).isEqualTo(VehicleState.F);
        assertThat(board.pile.status().fault()).contains("residual current monitor unreadable");
        assertThat(board.pilot.relayClosed()).as("relay opened").isFalse();
        assertThat(board.pilot.currentSignal()).as("pilot -12 V while unreadable").isInstanceOf(PilotSignal.Fault.class);
        board.plug(false);
        board.sense(5);
        rcm.check();
        assertThat(board.pile.status().fault()).as("unplugged while still unreadable")
                .contains("residual current monitor unreadable");

        board.plug(true);
        board.sense(5);
        input.mend();
        rcm.check();
        board.sense(3);
        assertThat(board.pilot.currentSignal()).as("reads normal, car plugged: standby, so an unplug can be seen")
                .isEqualTo(new PilotSignal.Standby());
        assertThat(board.pile.status().fault()).as("car still plugged in").contains("residual current monitor unreadable");

        board.plug(false);
        board.sense(3);
        assertThat(board.pile.status().fault()).as("released once unplugged").isEmpty();
        assertThat(board.pile.status().state()).isEqualTo(VehicleState.A);
    }

    /** Before, every step asked the broken input whether the residual current was still there, and failed. */
    @Test
    void aTrippedMonitorWhoseInputBreaksHoldsTheFaultAndTheStepsGoOn() {
        ResidualCurrentMonitor rcm = monitor();
        board.charge();
        ScriptedInputs.Input input = board.input(PileOnMockBoard.RCM_PIN);
        input.mockState(DigitalState.HIGH);
        input.breakPin();

        board.plug(false);
        board.sense(5);
        rcm.check();
        board.pile.step();

        assertThat(board.pile.status().fault()).as("held: its cause cannot be seen gone")
                .contains("residual current; residual current monitor unreadable");
        assertThat(board.pilot.relayClosed()).isFalse();

        input.mend();
        input.mockState(DigitalState.LOW);
        board.sense(3);
        assertThat(board.pile.status().fault()).as("normal again, unplugged").isEmpty();
        assertThat(board.pile.status().state()).isEqualTo(VehicleState.A);
    }
}
