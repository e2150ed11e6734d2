package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.pilot.ControlPilot;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.pilot.PilotSignal;
import org.orderly.testkit.Await;

/**
 * A bridge whose control pilot cannot be driven has opened its relay: the gateway's CoAP driver sees the pile in F
 * saying why (what the page's PILE_FAULT alarm says), not the last offer, until the pilot is driven again. The real
 * bridge and driver on 127.0.0.1; only the PWM that breaks is a stand-in. Until 2026-12-03 the driver went on seeing
 * state C and the last offer.
 */
class UndrivenPilotAlarmTest {
    /** A bound for a failure, not a time the driver promises. */
    private static final Duration GIVE_UP = Duration.ofSeconds(20);

    /** A pilot whose PWM refuses every change while broken, as Pi4J's does when its output fails. */
    private static final class BreakablePilot implements ControlPilot {
        private final InMemoryControlPilot pilot = new InMemoryControlPilot();
        private volatile boolean broken;

        @Override
        public void signal(PilotSignal signal) {
            if (broken && !signal.equals(pilot.currentSignal())) {
                throw new IllegalStateException("cannot drive control pilot PWM 18 to " + signal);
            }
            pilot.signal(signal);
        }

        @Override
        public void relay(boolean closed) {
            pilot.relay(closed);
        }

        @Override
        public PilotSignal currentSignal() {
            return pilot.currentSignal();
        }

        @Override
        public boolean relayClosed() {
            return pilot.relayClosed();
        }

        @Override
        public void close() {
            pilot.close();
        }
    }

    @Test
    void aPileWhosePilotCannotBeDrivenIsSeenInFaultSayingWhyUntilItIsDrivenAgain() throws Exception {
        BreakablePilot pilot = new BreakablePilot();
        RecordingListener listener = new RecordingListener();
        try (InProcessBridge bridge = InProcessBridge.withPilot("P1", pilot);
             CoapPileDriver driver = CoapPileDriver.start(CoapPileConfig.plain("P1", "127.0.0.1", bridge.plainPort()),
                     listener, Clock.systemUTC())) {
            driver.offer(16.0);
            Await.untilSeeing("the pile charging at 16 A", GIVE_UP, () -> driver.latest()
                    .map(s -> s.state() == ChargeState.C && s.ampsOffered() == 16.0).orElse(false), driver::latest);

            pilot.broken = true;
            driver.offer(6.0);
            Await.untilSeeing("the pile seen in F", GIVE_UP, () -> driver.latest()
                    .map(s -> s.state() == ChargeState.F).orElse(false), driver::latest);
            PileState seen = driver.latest().orElseThrow();
            assertThat(seen.fault()).contains("control pilot cannot be driven");
            assertThat(seen.ampsOffered()).isEqualTo(0.0);
            assertThat(pilot.relayClosed()).isFalse();

            pilot.broken = false;
            Await.untilSeeing("the pile charging at 6 A, no fault", GIVE_UP, () -> driver.latest()
                    .map(s -> s.state() == ChargeState.C && s.ampsOffered() == 6.0 && s.fault().isEmpty())
                    .orElse(false), driver::latest);
        }
    }
}
