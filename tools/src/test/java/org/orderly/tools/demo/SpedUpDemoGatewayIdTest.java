package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.testkit.Await;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.Mosquitto;

/**
 * A sped-up demo numbers its messages from a store of its own: on the broker a real-time demo used before, it reports
 * as a gateway of its own, so its message ids do not repeat the other run's (a grid side that drops repeats by id
 * would drop them) and its retained state does not replace the other's. What Debian's mosquitto_sub gets retained.
 */
class SpedUpDemoGatewayIdTest {
    private static final int PILES = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    @Timeout(180)
    void aSpedUpRunReportsAsAGatewayOfItsOwn() throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        Path devices = DemoTest.find("config/devices");
        Path file = new DemoCompound(PILES, ports.meterPort(), ports.firstPilePort()).write(data);
        Files.writeString(file, DemoTest.onFreeWebPort(Files.readString(file)));
        GatewayConfig c = ConfigLoader.load(file, devices);
        Clock wall = Clock.systemUTC();
        Files.createDirectories(data.resolve("mosquitto"));
        try (Mosquitto broker = Mosquitto.start(data.resolve("mosquitto"))) {
            String realTimeOnline;
            try (Demo realTime = Demo.start(c, devices, data, wall, TimeScale.REAL, quiet(), true,
                    new DemoMqtt.External(broker.url()))) {
                Await.until("the real-time run's retained online", java.time.Duration.ofSeconds(60),
                        () -> "online".equals(retained(broker.url()).getOrDefault("orderly/v1/demo/state",
                                JSON.createObjectNode()).path("state").asText()));
                realTimeOnline = retained(broker.url()).get("orderly/v1/demo/state").path("id").asText();
            }
            Map<String, JsonNode> afterRealTime = retained(broker.url());

            try (Demo spedUp = Demo.start(c, devices, data, wall, TimeScale.startingNow(wall, 60), quiet(), true,
                    new DemoMqtt.External(broker.url()))) {
                Await.until("the sped-up run's retained online", java.time.Duration.ofSeconds(60),
                        () -> retained(broker.url()).values().stream()
                                .anyMatch(s -> s.path("state").asText().equals("online")));
                Map<String, JsonNode> states = retained(broker.url());
                assertThat(states.get("orderly/v1/demo/state")).as("the real-time run's retained state, kept")
                        .isEqualTo(afterRealTime.get("orderly/v1/demo/state"));
                JsonNode online = states.get("orderly/v1/demo-sped-up/state");
                assertThat(online).as("the sped-up run's state among %s", states).isNotNull();
                assertThat(online.path("id").asText()).as("its id, beside the real-time run's %s", realTimeOnline)
                        .startsWith("demo-sped-up:").isNotEqualTo(realTimeOnline);
            }
        }
    }

    /** The retained state of every gateway on the broker, by topic: what a subscriber gets within 3 s. */
    private Map<String, JsonNode> retained(String url) {
        try {
            String sub = ExternalTools.requireProgram("mosquitto_sub", "mosquitto-clients");
            URI u = URI.create(url);
            Process p = new ProcessBuilder(sub, "-h", u.getHost(), "-p", Integer.toString(u.getPort()), "-V", "mqttv5",
                    "-q", "1", "-t", "orderly/v1/+/state", "--retained-only", "-F", "%t %p", "-W", "3")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            Map<String, JsonNode> states = new HashMap<>();
            for (String line : out.split("\n")) {
                int space = line.indexOf(' ');
                if (line.startsWith("orderly/v1/") && space > 0) {
                    states.put(line.substring(0, space), JSON.readTree(line.substring(space + 1)));
                }
            }
            return states;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("mosquitto_sub on " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static PrintWriter quiet() {
        return new PrintWriter(new StringWriter());
    }
}
