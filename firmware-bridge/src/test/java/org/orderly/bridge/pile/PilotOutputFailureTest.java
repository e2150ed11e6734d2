package org.orderly.bridge.pile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.net.InetAddress;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.coap.BridgeServer;
import org.orderly.bridge.coap.EndpointConfig;
import org.orderly.bridge.coap.PayloadCodec;
import org.orderly.bridge.pilot.Pi4jControlPilot;
import org.orderly.bridge.pilot.Pi4jPilotPins;
import org.orderly.bridge.testing.BreakablePwms;
import org.orderly.bridge.testing.MutableClock;
import org.orderly.bridge.testing.TestClients;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * A control pilot that can no longer be driven (its PWM refuses a change) may still offer the car the current it
 * offered last, however much lower the gateway has since asked for: the pile opens its relay, as it does for any
 * protection that cannot run. On Pi4J's mock board with a PWM that breaks, a PUT {@code /limit} over CoAP.
 */
class PilotOutputFailureTest {

    private final BreakablePwms pwms = new BreakablePwms();
    private final Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
            .add(pwms, MockDigitalOutputProvider.newInstance()).build();
    private final MutableClock clock = MutableClock.at("2026-06-01T19:00:00Z");
    private final SimulatedVehicle car = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
    private final Pile pile;
    private final BridgeServer server;

    PilotOutputFailureTest() throws Exception {
        car.plugIn();
        pile = new Pile(PileConfig.homePile("P1"), new Pi4jControlPilot(pi4j, Pi4jPilotPins.iec(18, 17)), car,
                clock, clock, clock);
        server = new BridgeServer(pile, new EndpointConfig(InetAddress.getByName("127.0.0.1"), Optional.of(0),
                Optional.empty(), Optional.empty()));
        server.start();
    }

    @AfterEach
    void stop() {
        pwms.mendOutputs(); // the stop's standby, as a stop with a broken PWM is not these tests'
        server.close();
        pile.close();
        pi4j.shutdown();
    }

    private CoapResponse putLimit(double amps) throws Exception {
        CoapClient client = TestClients.plain("coap://127.0.0.1:" + server.plainPort().orElseThrow() + "/limit");
        try {
            return client.put(("{\"amps\":" + amps + ",\"ttlSeconds\":30}").getBytes(StandardCharsets.UTF_8),
                    PayloadCodec.JSON);
        } finally {
            TestClients.close(client);
        }
    }

    private String status() throws Exception {
        CoapClient client = TestClients.plain("coap://127.0.0.1:" + server.plainPort().orElseThrow() + "/status");
        try {
            return client.get().getResponseText();
        } finally {
            TestClients.close(client);
        }
    }

    private boolean relayClosed() {
        return pi4j.registry().get("contactor-relay", DigitalOutput.class).isHigh();
    }

    @Test
    void aPilotThatCannotBeLoweredOpensTheRelayAndThePutIsAnswered500() throws Exception {
        assertThat(putLimit(32.0).getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(pile.status().state()).isEqualTo(VehicleState.C);
        assertThat(relayClosed()).as("charging at 32 A").isTrue();

        pwms.breakOutputs();
        CoapResponse lowered = putLimit(6.0);

        assertThat(relayClosed()).as("relay once the pilot could not be lowered to 6 A").isFalse();
        assertThat(lowered).as("an answer to the PUT").isNotNull();
        assertThat(lowered.getCode()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
        assertThat(lowered.getResponseText()).isEqualTo("pile P1: limit taken but not driven: cannot drive control "
                + "pilot PWM 18 to offer 6 A (duty 10 %)");

        assertThatThrownBy(pile::step).as("a tick while the PWM still refuses").isInstanceOf(IllegalStateException.class);
        assertThat(relayClosed()).as("relay while the PWM still refuses").isFalse();

        pwms.mendOutputs();
        pile.step();
        assertThat(pile.status().ampsOffered()).isEqualTo(6.0);
        assertThat(relayClosed()).as("relay once the pilot offers 6 A").isTrue();
    }

    /**
     * While the pilot cannot be driven the pile charges nothing and its car is told nothing sure: its {@code /status}
     * says F with why, so the gateway raises its PILE_FAULT alarm, until a step drives the pilot again. Until
     * 2026-12-03 it went on saying the last offer and state C.
     */
    @Test
    void aPilotThatCannotBeDrivenIsAFaultInTheStatusUntilItIsDrivenAgain() throws Exception {
        assertThat(putLimit(32.0).getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(status()).contains("\"state\":\"C\"", "\"ampsOffered\":32.0").doesNotContain("fault");

        pwms.breakOutputs();
        assertThat(putLimit(6.0).getCode()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
        assertThat(status()).as("/status while the PWM refuses").contains("\"state\":\"F\"", "\"ampsOffered\":0.0",
                "\"fault\":\"control pilot cannot be driven\"").doesNotContain("pluggedSeconds");
        assertThatThrownBy(pile::step).as("a tick while the PWM still refuses").isInstanceOf(IllegalStateException.class);
        assertThat(status()).as("/status after a tick that failed too").contains("\"state\":\"F\"",
                "\"fault\":\"control pilot cannot be driven\"");

        pwms.mendOutputs();
        pile.step();
        assertThat(status()).as("/status once the pilot offers 6 A").contains("\"state\":\"C\"",
                "\"ampsOffered\":6.0", "pluggedSeconds").doesNotContain("fault");
    }

    /**
     * With the relay open nothing flows: the simulated car, told nothing sure while the pilot cannot be driven, draws
     * nothing and its battery does not fill, whatever the pilot still shows. Until 2026-12-04 it drew the lowered offer
     * in F (1.32 kW at 6 A) and was charged for it.
     */
    @Test
    void aCarDrawsNothingInFWhileThePilotCannotBeDriven() throws Exception {
        assertThat(putLimit(32.0).getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(pile.status().powerKw()).as("charging").isPositive();

        pwms.breakOutputs();
        assertThat(putLimit(6.0).getCode()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
        assertThat(pile.status().state()).isEqualTo(VehicleState.F);
        assertThat(pile.status().powerKw()).as("power in F, the relay open").isZero();
        double soc = car.stateOfCharge();
        double energy = pile.status().sessionEnergyKwh();

        clock.advance(Duration.ofMinutes(10));
        assertThatThrownBy(pile::step).as("a tick while the PWM still refuses")
                .isInstanceOf(IllegalStateException.class);

        assertThat(pile.status().powerKw()).as("power after a tick in F").isZero();
        assertThat(car.stateOfCharge()).as("the car's battery after 10 minutes in F").isEqualTo(soc);
        assertThat(pile.status().sessionEnergyKwh()).as("the session's energy after 10 minutes in F").isEqualTo(energy);
    }
}
