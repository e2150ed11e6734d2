package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.BrokerCheck;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.testkit.Mosquitto;

/**
 * Selftest's broker check ({@link BrokerCheck}) subscribes to the gateway's command topics as the gateway does, so a
 * broker whose ACL refuses them fails it naming each topic and its code, where until 2026-12-07 it passed (the gateway
 * would connect and publish, and never hear a grid cap). Against a real Mosquitto on 127.0.0.1: its dynamic security
 * plugin denying the two topics (MQTT v5: 0x87), and, for MQTT 3.1.1, a proxy making its SUBACK say 0x80 (Mosquitto
 * grants a 3.1.1 client a denied subscription and delivers nothing); one granting them passes.
 */
@Timeout(60)
class BrokerCheckCommandTopicsTest {
    private static final String GW = "gw-acl";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String REFUSED = "refused: the broker's ACL refused this gateway's subscription to ";
    @TempDir
    Path dir;

    @Test
    void commandTopicsTheBrokersAclRefusesFailTheCheckNamingThem() throws Exception {
        try (Mosquitto broker = CommandsDenied.start(dir, GW)) {
            BrokerCheck.Outcome outcome = check(UpstreamRig.plaintext(broker.url(), GW));

            assertThat(outcome.passed()).as(outcome.detail()).isFalse();
            assertThat(outcome.detail()).isEqualTo(REFUSED + "orderly/v1/gw-acl/cmd/cap (reason code 0x87), "
                    + "orderly/v1/gw-acl/cmd/history (reason code 0x87) (client id gw-acl): commands (grid caps, history "
                    + "requests) would not reach it; check that the broker's ACL lets it subscribe to its command topics");
        }
    }

    @Test
    void overMqtt311ARefusedSubscriptionFailsTheCheckToo() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             RefuseSubscribeProxy proxy = new RefuseSubscribeProxy(broker.port())) {
            BrokerCheck.Outcome outcome = check(UpstreamRig.plaintext(proxy.url(), GW).withProtocol(MqttProtocol.MQTT311));

            assertThat(outcome.passed()).as(outcome.detail()).isFalse();
            assertThat(outcome.detail()).startsWith(REFUSED + "orderly/v1/gw-acl/cmd/cap (reason code 0x80), "
                    + "orderly/v1/gw-acl/cmd/history (reason code 0x80) (client id gw-acl)");
        }
    }

    @Test
    void commandTopicsTheBrokerGrantsPass() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            BrokerCheck.Outcome outcome = check(UpstreamRig.plaintext(broker.url(), GW));

            assertThat(outcome.passed()).as(outcome.detail()).isTrue();
            assertThat(outcome.detail()).isEqualTo("connected as gw-acl over mqtt5 in plaintext, subscribed to its "
                    + "command topics, then disconnected (no will, nothing published)");
        }
    }

    private static BrokerCheck.Outcome check(UpstreamSettings settings) throws InterruptedException {
        return BrokerCheck.connectOnce(settings, new Topics(GW).commands(), WAIT);
    }
}
