package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.MqttLink;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * The wait for the SUBACK of the command topics holds nothing else up (MQTT v5, a real Mosquitto behind
 * {@link RefuseSubscribeProxy} holding its SUBACKs): the retained {@code online} and the telemetry go out while the
 * SUBSCRIBE is still unanswered; once the wait is over the subscription counts as unanswered (said once); and the
 * SUBACK that comes after that is taken.
 */
class UpstreamSubackWaitTest {
    private static final String GW = "gw-suback";

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void onlineAndTelemetryGoOutWhileTheSubscribeIsUnansweredAndALateSubackIsTaken() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             RefuseSubscribeProxy proxy = new RefuseSubscribeProxy(broker.port(), RefuseSubscribeProxy.Suback.HELD);
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW,
                     UpstreamRig.plaintext(proxy.url(), GW).withTelemetryPeriod(Duration.ofMillis(500)))) {
            MqttLink link = rig.upstream.link();

            Optional<String> refusedAtOnline = refusalOnceReceived(grid, link,
                    r -> r.topic().endsWith("/state") && r.json().path("state").asText().equals("online"));
            assertThat(proxy.held()).as("SUBACKs held by the proxy when online arrived").isPositive();
            assertThat(refusedAtOnline).as("the link's refusal of the subscription when online had arrived: online"
                    + " went out before the link gave up waiting for the SUBACK").isEmpty();
            Optional<String> refusedAtTelemetry = refusalOnceReceived(grid, link,
                    r -> r.topic().endsWith("/telemetry"));
            assertThat(refusedAtTelemetry).as("the link's refusal when the first telemetry had arrived").isEmpty();
            assertThat(proxy.held()).as("SUBACKs still held").isPositive();

            // The wait over, the subscription counts as unanswered: said once, with the alarm's wording.
            GridSide.Received refused = grid.await(r -> r.json().path("kind").asText()
                    .equals(MqttLink.COMMANDS_REFUSED), 60_000);
            assertThat(refused.json().path("message").asText()).contains("orderly/v1/gw-suback/cmd/cap")
                    .contains("no SUBACK", "did not answer", "may not be received");
            assertThat(link.commandsRefused()).as("the alarm's condition").isPresent();

            // The SUBACK comes, late: taken, the alarm clears and the grid side hears it.
            proxy.release();
            Await.until("the late SUBACK taken", Duration.ofSeconds(30), () -> link.commandsRefused().isEmpty());
            grid.await(r -> r.json().path("kind").asText().equals(MqttLink.COMMANDS_SUBSCRIBED), 30_000);
            assertThat(grid.all().stream().filter(r -> r.json().path("kind").asText()
                    .equals(MqttLink.COMMANDS_REFUSED))).as("refusal events").hasSize(1);
            assertThat(broker.log().lines().filter(l -> l.contains("New client connected from")
                    && l.contains("as " + GW))).as("connections").hasSize(1);
        }
    }

    /**
     * Waits for the first message {@code p} takes, and returns the link's refusal read just after it was seen there:
     * empty means the message had arrived before the link said the subscription unanswered (the refusal stays until a
     * SUBACK takes it, and the proxy holds them all).
     */
    private static Optional<String> refusalOnceReceived(GridSide grid, MqttLink link, Predicate<GridSide.Received> p)
            throws InterruptedException {
        Await.until("the message at the grid side", Duration.ofSeconds(60),
                () -> grid.all().stream().anyMatch(p));
        return link.commandsRefused();
    }
}
