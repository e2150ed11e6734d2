package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadBucketsTest {
    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
    private final LoadBuckets buckets = new LoadBuckets(Duration.ofMinutes(1), Duration.ofSeconds(15));

    private static Telemetry ev(double kw) {
        return new Telemetry(100 + kw, 100.0, kw, 400.0, kw, 300 - kw);
    }

    @Test
    void eachGatewayCountsOnceWithItsLatestReading() {
        buckets.add("a", T0.plusSeconds(10), ev(5));
        buckets.add("a", T0.plusSeconds(50), ev(7));
        buckets.add("a", T0.plusSeconds(30), ev(100)); // older than the latest: ignored
        buckets.add("b", T0.plusSeconds(20), new Telemetry(null, null, 2.0, 250.0, 2.0, 0.0));

        List<LoadBuckets.Sums> closed = buckets.closeDue(T0.plusSeconds(75));

        assertThat(closed).containsExactly(new LoadBuckets.Sums(T0, T0.plusSeconds(60), 2, 1, 107, 100, 9, 650, 9, 293, 0, 100));
    }

    @Test
    void aBucketWaitsForItsGraceAndThenLateTelemetryIsCounted() {
        buckets.add("a", T0.plusSeconds(59), ev(1));
        assertThat(buckets.closeDue(T0.plusSeconds(74))).isEmpty();
        assertThat(buckets.closeDue(T0.plusSeconds(75))).hasSize(1);

        assertThat(buckets.add("b", T0.plusSeconds(30), ev(1))).isFalse();
        assertThat(buckets.late()).isEqualTo(1);
        assertThat(buckets.add("b", T0.plusSeconds(60), ev(1))).isTrue();
    }

    @Test
    void anEmptyBucketThatPassedAlsoTurnsAwayLateTelemetry() {
        buckets.closeDue(T0.plusSeconds(200));
        assertThat(buckets.add("a", T0.plusSeconds(100), ev(1))).isFalse();
        assertThat(buckets.add("a", T0.plusSeconds(179), ev(1))).isFalse();
        assertThat(buckets.add("a", T0.plusSeconds(180), ev(1))).isTrue();
    }

    @Test
    void atShutdownEveryOpenBucketIsClosedOldestFirst() {
        buckets.add("a", T0.plusSeconds(130), ev(1));
        buckets.add("a", T0.plusSeconds(10), ev(2));
        assertThat(buckets.closeAll()).extracting(LoadBuckets.Sums::start)
                .containsExactly(T0, T0.plusSeconds(120));
    }
}
