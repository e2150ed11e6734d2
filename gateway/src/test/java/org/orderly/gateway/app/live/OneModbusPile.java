package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.pile.ModbusCountsPassedOn;
import org.orderly.gateway.field.pile.PileRating;

/**
 * One Modbus pile, P1 (32 A on one phase), its car plugged in at {@link #PLUGGED}, whose session energy register counts
 * in steps of a given kWh, and the session tracker the gateway gives that step: for tests that follow its counts, each
 * read at its seconds since the plug-in on the ticker and the wall clock alike (no step of the clock).
 */
final class OneModbusPile {
    static final Instant PLUGGED = Instant.parse("2026-12-07T01:00:00Z");

    final Compound compound = CompoundFixtures.compound().pile("P1", Phase.A, null).build();
    final SessionTracker tracker;
    /** P1's driver as the gateway gives it its rating and its register's step. */
    private final ModbusCountsPassedOn driver;
    private long tickerSeconds;

    OneModbusPile(double stepKwh) {
        tracker = new SessionTracker(compound, SessionNumbers.inMemory(),
                () -> new Tick(Duration.ofSeconds(tickerSeconds).toNanos()), TimeScale.REAL,
                new CountSteps(Map.of("P1", stepKwh)));
        driver = new ModbusCountsPassedOn("P1", PileRating.of(compound.pile(0)), stepKwh);
    }

    /** The session the tracker makes of a count of {@code count} read at {@code seconds}, seen by a cycle then. */
    PluggedSession seen(double count, long seconds) {
        return seen(count, seconds, 1);
    }

    /** As {@link #seen(double, long)}, the same reading seen by {@code cycles} cycles 2 s apart (a poll slower than they). */
    PluggedSession seen(double count, long seconds, int cycles) {
        PluggedSession last = null;
        for (int c = 0; c < cycles; c++) {
            tickerSeconds = seconds + 2L * c;
            List<PluggedSession> now = tracker.update(List.of(observation(0, true, 7, count, PLUGGED.plusSeconds(seconds))
                    .age(Duration.ofSeconds(2L * c)).build()));
            assertThat(now).hasSize(1);
            last = now.get(0);
        }
        return last;
    }

    /** As {@link #seen(double, long, int)}, the count through the driver's bound first, as counts go, which takes it. */
    PluggedSession read(double count, long seconds, int cycles) {
        assertThat(driver.read(count, new Tick(Duration.ofSeconds(seconds).toNanos())))
                .as("%s kWh at %s s, as the driver's bound takes it", count, seconds).isEqualTo(count);
        return seen(count, seconds, cycles);
    }

    PluggedSession read(double count, long seconds) {
        return read(count, seconds, 1);
    }
}
