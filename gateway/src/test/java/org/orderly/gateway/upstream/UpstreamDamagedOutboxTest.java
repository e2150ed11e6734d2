package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.StoreCheck;
import org.orderly.gateway.store.StorePages;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Mosquitto;

/**
 * The outbox's index of held messages damaged (garbage over its root page, as a worn SD card leaves it): every write
 * of an outbox row fails with SQLITE_CORRUPT, so the link cannot store the {@code online} and will of its connection.
 * The gateway must say so once (one ERROR), mark the store so that the next start moves it aside, and still tell the
 * grid company it is online rather than go silent until a restart.
 */
class UpstreamDamagedOutboxTest {
    private static final String GW = "gw-damaged";
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aDamagedOutboxIndexIsSaidOnceAndTheGatewayStillSaysOnline() throws Exception {
        Path db = dir.resolve("gw.db");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), GW)) {
            try (UpstreamRig rig = UpstreamRig.start(db, GW, UpstreamRig.plaintext(broker.url(), GW))) {
                grid.await(r -> r.topic().endsWith("/telemetry"), 20_000);
                rig.quiet();
            }
            long before = grid.all().size();
            long lastSeq = grid.all().stream().mapToLong(GridSide.Received::seq).max().orElseThrow();
            StorePages.garbageOverRoot(db, "outbox_held");

            try (CapturedLog log = new CapturedLog();
                 UpstreamRig rig = UpstreamRig.start(db, GW, UpstreamRig.plaintext(broker.url(), GW))) {
                GridSide.Received online = grid.await(r -> grid.all().indexOf(r) >= before
                        && r.topic().endsWith("/state") && r.json().path("state").asText().equals("online"), 30_000);
                assertThat(online.seq()).as("a number above those of the run before").isGreaterThan(lastSeq);
                // Telemetry goes on being handed over (and failing to be stored) meanwhile.
                Thread.sleep(12_000);

                assertThat(StoreCheck.mark(db)).as("the store marked damaged").exists();
                List<String> errors = log.lines("ERROR", "is damaged");
                assertThat(errors).as("ERRORs saying the store is damaged").hasSize(1);
                assertThat(log.lines("WARN", "store write failed")).as("a WARN per failed write").hasSizeLessThanOrEqualTo(1);
                assertThat(log.lines("ERROR", "upstream link:")).as("the link's loop failing").isEmpty();
            }
        }
    }
}
