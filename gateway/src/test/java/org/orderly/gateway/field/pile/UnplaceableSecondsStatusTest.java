package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.FieldView;
import org.orderly.gateway.app.PileMeters;
import org.orderly.gateway.app.live.LineSource;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.testkit.Await;

/**
 * A bridge whose {@code /status} says a car plugged in for more seconds than any bridge can count
 * ({@link StatusJson#MOST_SECONDS}) is malformed, said on one line, and not taken. Until 2026-12-07 the status was taken,
 * and the field view placed the plug-in at its reading's time less those seconds: beyond the earliest instant, which
 * threw ({@code DateTimeException}), in a sped-up world already beyond 292 years ({@code ArithmeticException}), in every
 * control cycle while the bridge said it, before any pile was offered a current.
 */
class UnplaceableSecondsStatusTest {

    @Test
    void pluggedSecondsNoBridgeCanSayAreMalformedAndTheFieldIsStillSeen() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (FakeStatusBridge bridge = new FakeStatusBridge(() -> "{\"state\":\"C\",\"ampsOffered\":16.0,"
                + "\"powerKw\":3.5,\"sessionEnergyKwh\":0.5,\"leaseExpiry\":null,\"pluggedSeconds\":" + Long.MAX_VALUE + "}")) {
            CoapPileConfig config = CoapPileConfig.plain("P1", "127.0.0.1", bridge.port())
                    .with(LeaseTiming.defaults(), Duration.ofSeconds(1), Duration.ofMillis(1200));
            try (CoapPileDriver driver = CoapPileDriver.start(config, listener, Clock.systemUTC())) {
                // Waited for, not slept: the status comes on the driver's thread, which a loaded machine may hold back.
                Await.untilSeeing("the status taken or reported malformed", Duration.ofSeconds(10),
                        () -> driver.latest().isPresent() || listener.has(PileFailureKind.MALFORMED),
                        () -> listener.failures + ", latest " + driver.latest());
                Instant now = Instant.now();
                for (TimeScale scale : List.of(TimeScale.REAL, TimeScale.startingNow(Clock.systemUTC(), 60))) {
                    FieldView field = new FieldView(new LatestReadings(), "tx", List.of(driver), scale, Ticker.SYSTEM,
                            LineSource.NONE, Double.NaN, PileMeters.NONE);
                    assertThatCode(() -> field.piles(now)).as("the field seen at x%s", scale.speed())
                            .doesNotThrowAnyException();
                }
                assertThat(listener.failures).filteredOn(f -> f.kind() == PileFailureKind.MALFORMED)
                        .extracting(PileFailure::message).first().isEqualTo("/status pluggedSeconds must be a whole number"
                                + " of seconds, 0 to 9223372036, was 9223372036854775807");
                assertThat(driver.latest()).as("no status was taken").isEmpty();
            }
        }
    }
}
