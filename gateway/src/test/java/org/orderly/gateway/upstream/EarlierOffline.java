package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.orderly.testkit.Mosquitto;

/**
 * An earlier connection's {@code offline} left waiting in a gateway's store, for tests of what a start sends before
 * its {@code online}: a run of the gateway on {@code broker} through a relay that keeps its stop's {@code offline}
 * from the broker ({@link PubackHoldingRelay#loseOfflines}); the broker publishes it as that connection's will, and
 * the outbox keeps it, unacknowledged, for the next start.
 */
final class EarlierOffline {
    private EarlierOffline() {
    }

    /** Runs and stops gateway {@code gw} on {@code db} as above; the number of the offline it left. */
    static long leftIn(Path db, String gw, Mosquitto broker, GridSide grid) throws Exception {
        long will;
        try (PubackHoldingRelay losing = new PubackHoldingRelay(broker.port())) {
            try (UpstreamRig rig = UpstreamRig.start(db, gw, UpstreamRig.plaintext(losing.url(), gw))) {
                will = grid.await(r -> r.topic().equals("orderly/v1/" + gw + "/state")
                        && r.json().path("state").asText().equals("online"), 60_000).json().path("will").asLong();
                losing.loseOfflines();
            }
            assertThat(losing.offlineLost()).as("the first run's offline kept from the broker").isTrue();
        }
        assertThat(StateRows.in(db, "outbox")).as("the first run's offline, left in the store")
                .anyMatch(row -> row.startsWith(will + " "));
        return will;
    }
}
