package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;

/**
 * The control loop stopping on its own thread, as the gateway stops it: what was accepted for the control thread in
 * its last period is not lost with it.
 */
class ControlLoopStopTest {
    private static final Instant T = Instant.parse("2026-01-13T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(T, ZoneOffset.UTC);
    private Store store;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /**
     * A reservation answered 202 in the period before the stop, before the next cycle could take it: the session's row
     * holds it. Until 2026-12-03 the stop dropped it with the control thread's queue.
     */
    @Test
    void aDeclarationAcceptedInTheLastPeriodIsInTheSessionsRowAfterTheStop() throws Exception {
        store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), clock);
        // Its period no test outlasts: the first cycle runs at the start, the next one never comes.
        ControlLoop loop = LoopBuilder.loop(compound, store, clock, List.of(new PluggedTestPile("P1", clock, Ticker.SYSTEM)))
                .build();
        loop.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (loop.cycles() < 1) {
            assertThat(System.nanoTime()).as("the first cycle, within %s", WAIT).isLessThan(deadline);
            Thread.sleep(10);
        }
        Declaration declared = new Declaration(T.plus(Duration.ofHours(8)), 25);
        loop.declare(0, declared);

        loop.close();

        assertThat(store.flush(WAIT)).isTrue();
        try (StoreReader r = store.reader()) {
            List<SessionRecord> rows = r.sessions(T.minus(Duration.ofHours(1)), T.plus(Duration.ofHours(1)));
            assertThat(rows).singleElement().satisfies(s -> {
                assertThat(s.departure()).isNull();
                assertThat(s.declaredDeparture()).as("declared departure").isEqualTo(declared.departure());
                assertThat(s.declaredKWh()).as("declared kWh").isEqualTo(25);
            });
        }
    }
}
