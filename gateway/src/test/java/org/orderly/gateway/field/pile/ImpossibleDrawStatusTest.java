package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderly.testkit.Await;

/**
 * A bridge whose {@code /status} says its car draws more than the pile can (a 32 A single-phase pile drawing 1000 kW)
 * is malformed, said with the pile and what it can draw, and not taken: until 2026-12-05 the draw was taken as it
 * came, and the gateway recorded, charted and priced it (the control cycle alone held it to the pile's offer).
 */
class ImpossibleDrawStatusTest {

    @Test
    void aDrawAbovePilesRatingIsMalformedAndNotTaken() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (FakeStatusBridge bridge = new FakeStatusBridge(() -> "{\"state\":\"C\",\"ampsOffered\":32.0,"
                + "\"powerKw\":1000000,\"sessionEnergyKwh\":0.0,\"leaseExpiry\":null}")) {
            CoapPileConfig config = CoapPileConfig.plain("P1", "127.0.0.1", bridge.port())
                    .with(LeaseTiming.defaults(), Duration.ofSeconds(1), Duration.ofMillis(1200))
                    .withRating(new PileRating(6, 32, 1));
            try (CoapPileDriver driver = CoapPileDriver.start(config, listener, Clock.systemUTC())) {
                // Waited for, not slept: the report comes on the driver's thread, which a loaded machine may hold back.
                Await.untilSeeing("the status reported malformed", Duration.ofSeconds(10),
                        () -> listener.failures.stream().anyMatch(f -> f.kind() == PileFailureKind.MALFORMED),
                        () -> listener.failures + ", latest " + driver.latest());
                assertThat(listener.failures).filteredOn(f -> f.kind() == PileFailureKind.MALFORMED)
                        .extracting(PileFailure::message).first().isEqualTo("/status powerKw 1000000 is more than pile"
                                + " P1 can draw: 32 A on 1 phase at 300 V is 9.6 kW");
                assertThat(driver.latest()).as("no status was taken").isEmpty();
            }
        }
    }
}
