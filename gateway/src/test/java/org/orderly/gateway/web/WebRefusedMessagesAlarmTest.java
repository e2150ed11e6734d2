package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.web.PageAlarms.active;
import static org.orderly.gateway.web.PageAlarms.alarms;
import static org.orderly.gateway.web.PageAlarms.signedIn;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.TestBridge;
import org.orderly.testkit.Mosquitto;

/**
 * A broker that refuses the gateway's {@code state} messages (a real Mosquitto 2 whose {@code acl_file} denies the
 * topic: PUBACK reason code 0x87 over MQTT v5) is an alarm on the page (live gateway on 127.0.0.1, real bridge and
 * meter), naming the kind refused, until the broker takes a later {@code state} message (the ACL put right, the
 * broker restarted, the next connection's {@code online} acknowledged). Until 2026-12-03 the refusal was said only in
 * the log and an {@code outbox.setAside} event: the page showed no alarm.
 */
@Timeout(120)
class WebRefusedMessagesAlarmTest {
    private static final String GW = "gw-test";
    @TempDir
    Path dir;

    @Test
    void messagesTheBrokerRefusesAreAnAlarmUntilOneOfTheirKindIsTaken() throws Exception {
        Path brokerDir = dir.resolve("broker");
        try (Mosquitto broker = Mosquitto.startWithAcl(brokerDir, acl(false));
             WebRig rig = new WebRig(1, dir, """
                     upstream:
                       broker: %s
                       plaintext: true
                     """.formatted(broker.url()), TestBridge::new)) {
            ApiClient api = signedIn(rig);
            WebRig.await("the refused state messages on the page", Duration.ofSeconds(30),
                    () -> active(api, "UPSTREAM_MESSAGES_REFUSED", GW).isPresent());
            assertThat(active(api, "UPSTREAM_MESSAGES_REFUSED", GW).orElseThrow().get("detail").asText())
                    .as("the kinds refused").isEqualTo("state");
            assertThat(rig.live.gateway.upstream().link().connected()).as("the link is connected").isTrue();

            // The broker's ACL put right; a restart makes it read it, and the link's next online is taken.
            Files.writeString(brokerDir.resolve("acl"), String.join("\n", acl(true)) + "\n", StandardCharsets.UTF_8);
            long connects = rig.live.gateway.upstream().link().connects();
            broker.stop();
            broker.start();
            WebRig.await("the alarm cleared once a state message is taken", Duration.ofSeconds(60),
                    () -> active(api, "UPSTREAM_MESSAGES_REFUSED", GW).isEmpty()
                            && alarms(api, "UPSTREAM_MESSAGES_REFUSED").stream()
                            .anyMatch(a -> !a.get("clearedAt").isNull()));
            assertThat(rig.live.gateway.upstream().link().connects()).as("a later connection").isGreaterThan(connects);
            assertThat(rig.live.gateway.upstream().link().messagesRefused()).isEmpty();
        }
    }

    /** Everything readable; writable the gateway's topics, {@code state} only when {@code stateToo}. */
    private static List<String> acl(boolean stateToo) {
        List<String> acl = new ArrayList<>(List.of("topic read #"));
        List<String> topics = new ArrayList<>(List.of("telemetry", "plan", "events", "sessions", "replies"));
        if (stateToo) {
            topics.add("state");
        }
        for (String topic : topics) {
            acl.add("topic write orderly/v1/" + GW + "/" + topic);
        }
        return acl;
    }
}
