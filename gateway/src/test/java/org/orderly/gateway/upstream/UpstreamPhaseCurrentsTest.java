package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.app.live.ReadingBuilder.meterReading;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleResultBuilder;
import org.orderly.gateway.app.live.MeterLines;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.testkit.Mosquitto;

/**
 * One telemetry message carries one reading's values (against a real Mosquitto on 127.0.0.1): the phase currents are
 * those of the reading the cycle took the transformer's total from, not of a newer one read since. Until 2026-12-02 the
 * telemetry thread took the currents from the newest reading, so a load change between the cycle and the sample sent
 * {@code transformerKw} 197.1 beside 227 A on each phase (about 150 kW at 220 V).
 */
class UpstreamPhaseCurrentsTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void thePhaseCurrentsAreThoseOfTheCyclesReading() throws Exception {
        LatestReadings readings = new LatestReadings();
        Ticker ticker = Ticker.SYSTEM;
        Instant now = Instant.now();
        // Read after the cycle's: the load fell to about 150 kW.
        readings.publish(new Reading("transformer", Map.of("power.total.kw", 150.0, "current.a.a", 227.0,
                "current.b.a", 227.0, "current.c.a", 227.0), now, ticker.now()));
        // The cycle's reading: 197.1 kW, about 298.6 A on each phase at 220 V.
        TransformerReading cycles = meterReading(197.1, now.minusSeconds(1), Duration.ofSeconds(1)).phaseKw(Map.of())
                .lines(MeterLines.UNREAD).phaseA(Map.of("current.a.a", 298.6, "current.b.a", 298.7, "current.c.a", 298.5)).build();
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), "gw-pc");
             Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), Clock.systemUTC())) {
            Upstream upstream = Upstream.start(UpstreamRig.plaintext(broker.url(), "gw-pc")
                            .withTelemetryPeriod(Duration.ofMillis(200)), "gw-pc", store, UpstreamRig.COMPOUND, List::of, Clock.systemUTC(),
                    ticker, ClockFloor.NONE);
            try {
                CycleResult result = CycleResultBuilder.measured(new Allocation(new double[] {0, 0}, new int[] {-1, -1}),
                        ControlMode.NORMAL, 197.1, List.of(PileReason.NONE, PileReason.NONE), List.of());
                upstream.cycle(new CycleSeen(now, cycles, List.of(observation(0, false, 0, 0, now).build(),
                        observation(1, false, 0, 0, now).build()), result));
                JsonNode t = grid.await(r -> r.topic().equals("orderly/v1/gw-pc/telemetry"), 20_000).json();
                assertThat(t.path("transformerKw").asDouble()).isEqualTo(197.1);
                assertThat(t.path("phaseCurrentsA").path("A").asDouble()).as("%s", t).isEqualTo(298.6);
                assertThat(t.path("phaseCurrentsA").path("B").asDouble()).isEqualTo(298.7);
                assertThat(t.path("phaseCurrentsA").path("C").asDouble()).isEqualTo(298.5);
            } finally {
                upstream.close();
            }
        }
    }
}
