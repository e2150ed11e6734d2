package org.orderly.bridge.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orderly.bridge.pilot.ControlPilot;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.pilot.PilotSignal;
import org.orderly.bridge.testing.MutableClock;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * A trip sets the state F and its reason as one value: whoever reads the pile's status during a trip (a GET, an
 * Observe notification, on any thread) sees the status before it, or F with the fault, never F without it. The pile's
 * outputs are the hook: each command a trip gives the pilot or the relay is a moment between two of its writes, and
 * there the status is read on the tripping thread and on a thread of its own, which reads once the trip lets it.
 */
class PileTripStatusTest {

    private final MutableClock clock = MutableClock.at("2026-06-01T19:00:00Z");
    private final ReadingPilot pilot = new ReadingPilot();
    private final SimulatedVehicle car = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
    private final Pile pile = new Pile(PileConfig.homePile("P1"), pilot, car, clock, clock, clock);

    @Test
    @Timeout(30)
    void atEveryOutputCommandOfATripTheStatusIsTheOneBeforeOrFWithTheFault() throws Exception {
        car.plugIn();
        pile.grant(16.0, Duration.ofMinutes(10));
        PileStatus charging = pile.status();
        assertThat(charging.state()).isEqualTo(VehicleState.C);
        List<PileStatus> published = new CopyOnWriteArrayList<>();
        pile.onStatus(published::add);
        pilot.readAtEachCommand(pile);

        pile.trip(PileFault.residualCurrent(() -> true));

        List<PileStatus> seen = pilot.stopReading();
        assertThat(pilot.commands()).as("the trip commanded the outputs").isGreaterThanOrEqualTo(2);
        assertThat(seen).as("read on the tripping thread and on others at each command").hasSize(2 * pilot.commands());
        List<PileStatus> all = new ArrayList<>(seen);
        all.addAll(published);
        all.add(pile.status());
        assertThat(all).as("every status read or published during the trip").allSatisfy(status -> {
            if (status.state() == VehicleState.F) {
                assertThat(status.fault()).as("F carries its reason: %s", status).contains("residual current");
                assertThat(status.ampsOffered()).as("F offers nothing: %s", status).isZero();
            } else {
                assertThat(status).as("not yet F: the status before the trip").isEqualTo(charging);
            }
        });
        assertThat(pile.status().state()).isEqualTo(VehicleState.F);
        assertThat(pile.status().fault()).contains("residual current");
        assertThat(published).as("published once, F with the fault").singleElement()
                .extracting(PileStatus::fault).isEqualTo(Optional.of("residual current"));
    }

    /** The in-memory outputs; while reading, each command reads the pile's status on this thread and on another. */
    private static final class ReadingPilot implements ControlPilot {
        private final InMemoryControlPilot outputs = new InMemoryControlPilot();
        private final List<PileStatus> seen = new CopyOnWriteArrayList<>();
        private final List<Thread> readers = new CopyOnWriteArrayList<>();
        private volatile Pile reading;
        private volatile int commands;

        void readAtEachCommand(Pile pile) {
            reading = pile;
        }

        int commands() {
            return commands;
        }

        /** Stops reading and waits for the other threads' reads: every status seen. */
        List<PileStatus> stopReading() throws InterruptedException {
            reading = null;
            for (Thread reader : readers) {
                reader.join(TimeUnit.SECONDS.toMillis(10));
                assertThat(reader.isAlive()).as("%s read the status", reader.getName()).isFalse();
            }
            return List.copyOf(seen);
        }

        private void read() {
            Pile pile = reading;
            if (pile == null) {
                return;
            }
            commands++;
            seen.add(pile.status()); // between the trip's writes, on its own thread
            // Another thread, as a GET is: it cannot be waited for here, as the trip may hold the pile.
            Thread reader = new Thread(() -> seen.add(pile.status()), "status-reader-" + commands);
            readers.add(reader);
            reader.start();
        }

        @Override
        public void signal(PilotSignal signal) {
            read();
            outputs.signal(signal);
        }

        @Override
        public void relay(boolean closed) {
            read();
            outputs.relay(closed);
        }

        @Override
        public PilotSignal currentSignal() {
            return outputs.currentSignal();
        }

        @Override
        public boolean relayClosed() {
            return outputs.relayClosed();
        }

        @Override
        public void close() {
            outputs.close();
        }
    }
}
