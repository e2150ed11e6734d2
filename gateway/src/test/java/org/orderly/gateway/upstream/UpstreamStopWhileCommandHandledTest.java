package org.orderly.gateway.upstream;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A stop while commands are being handled: every cap the gateway stored is answered, and one it did not take is neither
 * stored nor answered (the grid side asks again). Until 2026-12-06 the link stopped before the commands' thread, so a
 * cap handled during the stop was stored, and its {@code cap.accepted} event sent, but its reply dropped ("not
 * connected"). Sixty caps sent at once, the stop as soon as the first reply is in. Against a real Mosquitto on
 * 127.0.0.1.
 */
class UpstreamStopWhileCommandHandledTest {
    private static final String GW = "gw-stop-commands";
    private static final int CAPS = 60;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void everyCapStoredAtTheStopIsAnswered() throws Exception {
        Path db = dir.resolve("orderly.db");
        String replies = "orderly/v1/" + GW + "/replies";
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), GW)) {
            UpstreamSettings settings = UpstreamRig.plaintext(broker.url(), GW);
            Instant now = Instant.now();
            try (UpstreamRig rig = UpstreamRig.start(db, GW, settings)) {
                Await.until("connected", Duration.ofSeconds(60), () -> rig.upstream.link().connected());
                for (int i = 0; i < CAPS; i++) {
                    grid.send("orderly/v1/" + GW + "/cmd/cap", "{\"v\":1,\"id\":\"cap-" + i + "\",\"from\":\"" + now
                            + "\",\"to\":\"" + now.plus(Duration.ofHours(1)) + "\",\"limitKw\":" + (60 + i) + "}");
                }
                grid.await(r -> r.topic().equals(replies), 30_000);
            }
            Set<String> stored;
            try (UpstreamRig rig = UpstreamRig.start(db, GW, settings)) {
                stored = new TreeSet<>(rig.upstream.caps().get().stream().map(GridCap::id).toList());
            }
            Set<String> answered = new TreeSet<>(grid.all().stream()
                    .filter(r -> r.topic().equals(replies) && r.json().path("status").asText().equals("accepted"))
                    .map(r -> r.json().path("requestId").asText()).toList());
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(stored).as("caps stored by the stopped gateway").isNotEmpty();
            soft.assertThat(answered).as("the caps answered accepted, of %s stored", stored.size())
                    .containsAll(stored);
            soft.assertThat(List.copyOf(stored)).as("caps answered accepted are the caps stored")
                    .containsExactlyInAnyOrderElementsOf(answered);
            soft.assertAll();
        }
    }
}
