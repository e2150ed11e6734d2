package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.LinkTimings;
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
    private static final Duration SHORT_SUBACK = Duration.ofSeconds(2);
    /**
     * The SUBACK waited for 4 s, not the gateway's 10: online (at once) and the first telemetry (after 500 ms) still
     * come well inside it, and its end comes sooner; asking again as the gateway does.
     */
    private static final LinkTimings UNANSWERED_AFTER_4_S = LinkTimings.DEFAULT.withSubscription(Duration.ofSeconds(4),
            LinkTimings.DEFAULT.resubscribeFirst(), LinkTimings.DEFAULT.resubscribeMax());

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void onlineAndTelemetryGoOutWhileTheSubscribeIsUnansweredAndALateSubackIsTaken() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             RefuseSubscribeProxy proxy = new RefuseSubscribeProxy(broker.port(), RefuseSubscribeProxy.Suback.HELD);
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW,
                     UpstreamRig.plaintext(proxy.url(), GW).withTelemetryPeriod(Duration.ofMillis(500)),
                     UNANSWERED_AFTER_4_S)) {
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
     * A connection lost while its SUBACK is awaited: what that SUBSCRIBE gets (a failure, if Paho reports one; its
     * SUBACK can no longer come) and its wait count for nothing on the next connection, whose SUBSCRIBE the broker
     * answers: no refusal is ever said, also once the first connection's wait would have ended. The link's waits are
     * short here (the SUBACK waited for 2 s) so that moment comes soon.
     */
    @Test
    @Timeout(120)
    void aConnectionLostDuringTheWaitLeavesNothingOfItToTheNext() throws Exception {
        LinkTimings timings = LinkTimings.DEFAULT.withSubscription(SHORT_SUBACK, Duration.ofSeconds(1),
                Duration.ofSeconds(30));
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             RefuseSubscribeProxy proxy = new RefuseSubscribeProxy(broker.port(), RefuseSubscribeProxy.Suback.HELD);
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW,
                     UpstreamRig.plaintext(proxy.url(), GW).withTelemetryPeriod(Duration.ofMillis(500)), timings)) {
            MqttLink link = rig.upstream.link();
            Await.until("connected, its SUBACK held", Duration.ofSeconds(30),
                    () -> link.connects() == 1 && proxy.held() == 1);
            assertThat(link.commandsRefused()).as("the refusal within the first connection's wait").isEmpty();

            proxy.answer(RefuseSubscribeProxy.Suback.FORWARDED);
            proxy.cut();
            Await.until("connected again", Duration.ofSeconds(30), () -> link.connects() == 2);
            Await.until("the second connection's SUBSCRIBE at the broker", Duration.ofSeconds(30),
                    () -> subscribes(broker) == 2);
            Thread.sleep(SHORT_SUBACK.toMillis() + 1_000); // past the first connection's wait, and the second's
            assertThat(link.commandsRefused()).as("the refusal after both waits").isEmpty();
            rig.event("test.marker", "after both waits");
            grid.await(r -> r.json().path("kind").asText().equals("test.marker"), 30_000);
            assertThat(grid.all()).as("events at the grid side, in order on their topic up to the marker")
                    .noneMatch(r -> r.json().path("kind").asText().equals(MqttLink.COMMANDS_REFUSED));
            assertThat(subscribes(broker)).as("SUBSCRIBEs: one per connection, none asked again").isEqualTo(2);
        }
    }

    private static long subscribes(Mosquitto broker) {
        return broker.log().lines().filter(l -> l.contains("Received SUBSCRIBE from " + GW)).count();
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
