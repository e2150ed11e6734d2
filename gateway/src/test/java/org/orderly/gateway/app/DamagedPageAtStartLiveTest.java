package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.GatewayLiveTest.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.gateway.store.Sample;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreCheck;
import org.orderly.gateway.store.StorePages;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.testkit.LoopbackPorts;

/**
 * A store with one page damaged where the start's cheap check does not look (docs/operations.md, "A damaged store"):
 * the root page of a table or index the start reads history from. Against real bridges and a real meter on
 * 127.0.0.1, with an upstream link (no broker listens): the gateway starts without that history and controls the
 * piles, and the store is marked damaged by the read that failed, before the background check runs, and moved aside
 * once the start is over (until 2026-12-01, by the next start). Before, a damaged outbox or grid caps page stopped the start (systemd
 * restarted it into the same failure, every pile without coordination), and the reads of history that failed left the store unmarked.
 */
class DamagedPageAtStartLiveTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sessions", "sessions_arrival", "events", "readings_minute", "outbox_held", "grid_caps"})
    void theGatewayStartsWithoutTheHistoryItCannotReadAndMarksTheStore(String damaged) throws Exception {
        Path file = dir.resolve("orderly.db");
        storeWithHistory(file);
        StorePages.garbageOverRoot(file, damaged);

        String upstream = """
                upstream:
                  broker: tcp://127.0.0.1:%d
                  plaintext: true
                """.formatted(LoopbackPorts.free());
        try (LiveRig rig = new LiveRig(2, 8, dir, LiveRig.FLAT_TARIFF, upstream)) {
            await("every bridge leased and every session open", Duration.ofSeconds(15), rig::everySessionOpen);
            await("the cars charge", Duration.ofSeconds(15), () -> rig.offeredKw() > 0);

            // Marked as the gateway started (by the read that failed, or a write on the same page), not only later by
            // the background check, which runs once the piles are controlled; and moved aside, with its mark, once the
            // start is over, without a restart.
            await("the store moved aside while running", Duration.ofSeconds(30), () -> !movedAside().isEmpty());
            Path mark = movedAside().get(0).resolveSibling(movedAside().get(0).getFileName() + "-mark");
            assertThat(mark).as("the store marked damaged").exists();
            assertThat(Files.readString(mark)).doesNotContain("its check found");
            assertThat(StoreCheck.mark(file)).as("no mark beside the fresh store").doesNotExist();
        }
    }

    private List<Path> movedAside() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("orderly\\.db\\.damaged-\\d{8}T\\d{6}Z")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A store made by the gateway's own Store: a day of readings, an ended session, one still open on p0, events. */
    private static void storeWithHistory(Path file) throws Exception {
        try (Store store = Store.open(StoreSettings.of(file, 90), Clock.systemUTC())) {
            Instant now = Instant.now();
            for (int i = 0; i < 24 * 60; i++) {
                store.sample(new Sample("tx", "power.total.kw", now.minus(Duration.ofDays(1)).plusSeconds(60L * i), i % 40));
            }
            long ended = store.nextSessionNumber();
            Instant arrival = now.minus(Duration.ofDays(1));
            store.session(new SessionRecord("p0@" + arrival.getEpochSecond() + "-" + ended, "p0", arrival,
                    arrival.plusSeconds(3600), null, Double.NaN, 5, false));
            long open = store.nextSessionNumber();
            Instant plugged = now.minusSeconds(1800);
            store.session(new SessionRecord("p0@" + plugged.getEpochSecond() + "-" + open, "p0", plugged, null, null,
                    Double.NaN, 2, false, true, now.minusSeconds(30), 2));
            store.event("boot", "gw-test", "before the stop");
            assertThat(store.flush(Duration.ofSeconds(30))).isTrue();
        }
    }
}
