package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.testkit.Mosquitto;

/**
 * An operator deletes the store while the gateway is stopped (docs/operations.md advises moving it aside to start
 * afresh): against a real Mosquitto on loopback, the fresh store's messages must not reuse an id the grid side already
 * has, or a consumer that drops repeats by id (as the contract tells it to) silently loses them. Until 2026-12-05 the
 * fresh store numbered from 1 again.
 */
class UpstreamFreshStoreTest {
    private static final ClockFloor FLOOR = new ClockFloor(Instant.parse("2026-01-01T00:00:00Z"), "the test's floor");

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aStoreDeletedWhileStoppedIsFollowedByIdsTheGridSideNeverHad() throws Exception {
        Path db = dir.resolve("orderly.db");
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), "gw-d")) {
            try (UpstreamRig rig = start(db, broker)) {
                rig.event("test", "before the delete");
                grid.await(r -> r.json().path("message").asText().equals("before the delete"), 30_000);
            }
            Set<String> firstRun = grid.all().stream().map(GridSide.Received::id).collect(Collectors.toSet());
            deleteTheStore();

            long deleted = Clock.systemUTC().millis();
            try (UpstreamRig rig = start(db, broker)) {
                rig.event("test", "after the delete");
                GridSide.Received after = grid.await(
                        r -> r.json().path("message").asText().equals("after the delete"), 30_000);
                assertThat(firstRun).as("ids the grid side had before the delete").doesNotContain(after.id());
                GridSide.Received numbered = grid.await(r -> r.json().path("kind").asText().equals("store.numbered")
                        && r.json().path("seqFrom").asLong() >= deleted, 30_000);
                assertThat(numbered.seq()).as("the fresh store's first message says where its numbers begin")
                        .isEqualTo(numbered.json().path("seqFrom").asLong());
                assertThat(after.seq()).isGreaterThan(numbered.seq());
            }

            assertNoIdStandsForTwoMessages(grid);
        }
    }

    /**
     * The same with the clock not set at both starts (a box without a battery-backed clock, NTP not yet come): until
     * 2026-12-05 both fresh stores numbered from the floor's milliseconds, so the second gave ids the grid side had.
     */
    @Test
    @Timeout(120)
    void storesBegunWhileTheClockIsNotSetGiveIdsTheGridSideNeverHad() throws Exception {
        Path db = dir.resolve("orderly.db");
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), "gw-d")) {
            long firstFrom = runWithTheClockNotSet(db, broker, grid, "before the delete").seq();
            Set<String> firstRun = grid.all().stream().map(GridSide.Received::id).collect(Collectors.toSet());
            deleteTheStore();

            GridSide.Received numbered = runWithTheClockNotSet(db, broker, grid, "after the delete");
            assertThat(numbered.seq()).as("the second fresh store's first number, the first's %s", firstFrom)
                    .isNotEqualTo(firstFrom);
            GridSide.Received after = grid.await(r -> r.json().path("message").asText().equals("after the delete"),
                    30_000);
            assertThat(firstRun).as("ids the grid side had before the delete").doesNotContain(numbered.id(),
                    after.id());
            assertThat(after.seq()).isGreaterThan(numbered.seq());
            assertNoIdStandsForTwoMessages(grid);
        }
    }

    /**
     * A run of a fresh store started at 1970, below the floor; NTP sets the clock and {@code message} is sent, so the
     * store numbers messages after it too. Returns its {@code store.numbered} event as the grid side received it.
     */
    private static GridSide.Received runWithTheClockNotSet(Path db, Mosquitto broker, GridSide grid, String message)
            throws Exception {
        ManualTime time = new ManualTime(Instant.EPOCH);
        List<GridSide.Received> earlier = grid.all();
        try (UpstreamRig rig = UpstreamRig.start(db, "gw-d", UpstreamRig.plaintext(broker.url(), "gw-d"), time, time,
                FLOOR)) {
            GridSide.Received numbered = grid.await(r -> r.json().path("kind").asText().equals("store.numbered")
                    && earlier.stream().noneMatch(e -> e == r), 30_000); // this run's: an earlier one may be equal
            assertThat(numbered.json().path("message").asText()).contains("while the clock is not set");
            time.set(FLOOR.at().plusSeconds(3600));
            time.advance(Duration.ofSeconds(1));
            rig.event("test", message);
            grid.await(r -> r.json().path("message").asText().equals(message), 30_000);
            return numbered;
        }
    }

    private void deleteTheStore() throws IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(dir.resolve("orderly.db" + suffix));
        }
    }

    /** No id stands for two different messages: a consumer de-duplicating by id loses none. */
    private static void assertNoIdStandsForTwoMessages(GridSide grid) {
        Map<String, JsonNode> byId = new HashMap<>();
        for (GridSide.Received r : grid.all()) {
            JsonNode seen = byId.putIfAbsent(r.id(), r.json());
            assertThat(seen == null || seen.equals(r.json())).as("%s arrived as %s and as %s", r.id(), seen,
                    r.json()).isTrue();
        }
    }

    private static UpstreamRig start(Path db, Mosquitto broker) {
        return UpstreamRig.start(db, "gw-d", UpstreamRig.plaintext(broker.url(), "gw-d"), Clock.systemUTC(),
                Ticker.SYSTEM, FLOOR);
    }
}
