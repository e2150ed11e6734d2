package org.orderly.gateway.upstream.telemetry;

import org.orderly.gateway.app.live.CycleSeen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.ControlLoop;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResultBuilder;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.upstream.Topics;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.gateway.upstream.outbox.OutboxLimits;

/**
 * A control loop that stalls leaves its last cycle with the sampler, which would send it again every telemetry period
 * with a fresh {@code ts} and mode {@code normal}: a load and a room nobody has seen for that long. Once the last cycle
 * is older than the loop's own bound for a stall ({@link ControlLoop#overdueAfter}: 6 s at 1 s cycles) no telemetry
 * goes out, until a cycle comes again. Until 2026-12-03 it went out for as long as the loop was stalled.
 */
class TelemetrySamplerStallTest {
    private static final Compound COMPOUND = CompoundFixtures.compound().limitKw(100).pile("p1", Phase.ABC, null).build();
    private static final Instant AT = Instant.parse("2026-12-03T08:00:00Z");

    @TempDir
    Path dir;

    private long nanos;

    @Test
    void noTelemetryIsSentOfACycleOlderThanTheLoopsBoundForAStall() {
        VirtualClock clock = new VirtualClock(AT, ZoneOffset.UTC);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), clock);
             Outbox outbox = Outbox.open(store.database(), new Topics("gw-1"), clock, OutboxLimits.DEFAULT);
             TelemetrySampler sampler = new TelemetrySampler(new TelemetryCalculator(COMPOUND), outbox, clock,
                     () -> new Tick(nanos))) {
            sampler.pauseWithoutCyclesFor(ControlLoop.overdueAfter(Duration.ofSeconds(1)));
            sampler.seen(cycle());
            assertThat(sampler.sample()).as("a cycle just handed over").isTrue();

            nanos += Duration.ofSeconds(6).toNanos();
            assertThat(sampler.sample()).as("6 s after it: the bound itself, not yet a stall").isTrue();

            nanos += Duration.ofMillis(1).toNanos();
            assertThat(sampler.sample()).as("no cycle for more than 6 s: the loop is stalled").isFalse();
            nanos += Duration.ofMinutes(5).toNanos();
            assertThat(sampler.sample()).isFalse();

            sampler.seen(cycle());
            assertThat(sampler.sample()).as("the loop cycles again").isTrue();
        }
    }

    private static CycleSeen cycle() {
        return new CycleSeen(AT, new TransformerReading(50, AT, Duration.ZERO),
                List.of(observation(0, true, 7.0, 1.0, AT).build()),
                CycleResultBuilder.measured(new Allocation(new double[] {10}, new int[] {-1}), ControlMode.NORMAL, 43.0,
                        List.of(PileReason.NONE), List.of()));
    }
}
