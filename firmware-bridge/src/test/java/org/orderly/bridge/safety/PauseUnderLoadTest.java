package org.orderly.bridge.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.pwm.Pwm;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.coap.BridgeServer;
import org.orderly.bridge.coap.EndpointConfig;
import org.orderly.bridge.coap.PayloadCodec;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileFault;
import org.orderly.bridge.testing.PilotLine;
import org.orderly.bridge.testing.TestClients;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * A pause (PUT {@code /limit} 0 A over CoAP) while the car charges: the pilot goes to +12 V first and the relay opens
 * when the car, read on the pilot, leaves C, or once {@link Pile#CAR_STOPS_WITHIN} has passed if it does not; not at
 * once under the car's load. On Pi4J's mock board, the pile stepped by hand and by the step it schedules.
 */
class PauseUnderLoadTest {

    private final PileOnMockBoard board = new PileOnMockBoard();
    private BridgeServer server;

    @BeforeEach
    void chargingAt16Amps() throws Exception {
        server = new BridgeServer(board.pile, new EndpointConfig(InetAddress.getByName("127.0.0.1"), Optional.of(0),
                Optional.empty(), Optional.empty()));
        server.start();
        board.plug(true);
        putLimit(16.0);
        board.sense(3);
        assertThat(board.pile.status().state()).isEqualTo(VehicleState.C);
        assertThat(relayClosed()).as("charging at 16 A").isTrue();
    }

    @AfterEach
    void stop() {
        server.close();
        board.close();
    }

    private void putLimit(double amps) throws Exception {
        CoapClient client = TestClients.plain("coap://127.0.0.1:" + server.plainPort().orElseThrow() + "/limit");
        try {
            assertThat(client.put(("{\"amps\":" + amps + ",\"ttlSeconds\":60}").getBytes(StandardCharsets.UTF_8),
                    PayloadCodec.JSON).getCode()).isEqualTo(ResponseCode.CHANGED);
        } finally {
            TestClients.close(client);
        }
    }

    private boolean relayClosed() {
        return board.pi4j.registry().get("contactor-relay", DigitalOutput.class).isHigh();
    }

    private float duty() {
        return board.pi4j.registry().get("control-pilot", Pwm.class).getDutyCycle();
    }

    @Test
    void thePilotStopsOfferingFirstAndTheRelayOpensWhenTheCarLeavesC() throws Exception {
        putLimit(0.0);
        assertThat(duty()).as("pilot duty after the pause, %").isEqualTo(100.0f);
        assertThat(relayClosed()).as("relay while the car, still in C, stops").isTrue();

        board.sense(1); // the car has seen +12 V and opened S2: B at the first burst
        assertThat(board.pile.status().state()).isEqualTo(VehicleState.B);
        assertThat(relayClosed()).as("relay once the car left C").isFalse();
    }

    @Test
    void aCarThatStaysInCHasTheRelayOpenedWhenItsTimeToStopIsUp() throws Exception {
        board.adc.line(PilotLine.steady(6.0)); // S2 stays closed under the steady +12 V
        putLimit(0.0);
        board.sense(3);
        board.clock.advance(Pile.CAR_STOPS_WITHIN.minusMillis(1));
        board.pile.step();
        assertThat(board.pile.status().state()).isEqualTo(VehicleState.C);
        assertThat(relayClosed()).as("relay 1 ms before the car's time is up").isTrue();

        board.clock.advance(Duration.ofMillis(1));
        board.pile.step();
        assertThat(relayClosed()).as("relay when the car's time is up").isFalse();
    }

    @Test
    void aStartedPileStepsWhenTheCarsTimeIsUp() throws Exception {
        List<Long> delaysMillis = new ArrayList<>();
        List<Runnable> steps = new ArrayList<>();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1) {
            @Override
            public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                delaysMillis.add(unit.toMillis(delay));
                steps.add(command);
                return super.schedule(() -> { }, 1, TimeUnit.DAYS); // run by the test, on the board's clock
            }
        };
        try {
            board.pile.start(executor, Duration.ofDays(1));
            board.adc.line(PilotLine.steady(6.0));
            putLimit(0.0);
            assertThat(delaysMillis).as("steps scheduled, ms").containsExactly(3000L);

            board.clock.advance(Pile.CAR_STOPS_WITHIN);
            steps.get(0).run();
            assertThat(relayClosed()).as("relay after the scheduled step").isFalse();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aFaultDuringTheCarsTimeToStopOpensTheRelayAtOnce() throws Exception {
        board.adc.line(PilotLine.steady(6.0));
        putLimit(0.0);
        assertThat(relayClosed()).as("relay while the car stops").isTrue();
        board.pile.trip(PileFault.contactorDidNotClose());
        assertThat(relayClosed()).as("relay after a trip").isFalse();
    }

    @Test
    void aStopDuringTheCarsTimeToStopOpensTheRelayAtOnce() throws Exception {
        board.adc.line(PilotLine.steady(6.0));
        putLimit(0.0);
        assertThat(relayClosed()).as("relay while the car stops").isTrue();
        board.pile.close();
        assertThat(relayClosed()).as("relay after the pile's stop").isFalse();
    }
}
