package org.orderly.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.testing.MeterSlave;
import org.orderly.bridge.testing.TestClients;
import org.orderly.testkit.Await;

/**
 * The bridge as {@code main} runs it, in a child JVM, with {@code --meter-tcp} on Debian's pymodbus serving an SDM120
 * on 127.0.0.1: {@code /status}, read over CoAP, says what the meter measures, and what the bridge holds while the
 * meter is silent. The simulated car is plugged in from the start; the meter's first answer is the session's start.
 * The meter reads what a car following the 6 A offer draws on 230 V mains, 1.38 kW (6.27 A at the bridge's nominal
 * 220 V, within what 6 A allows, 7.15 A): with the 3.52 kW (16 A) it read before, the pile rightly tripped for over
 * current 7 s in, and a first read of {@code /status} later than that, on a loaded machine, saw state F.
 */
class BridgeMeterTest {
    /** How long a wait for another thread or process may take before the test fails: a bound for a failure. */
    private static final Duration GIVE_UP = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A car following the 6 A offer on 230 V mains: no over-current trip is due. */
    private static final double FOLLOWING_6_A_W = 1380.0;

    @TempDir
    Path dir;

    private Process child;
    private MeterSlave slave;
    private CoapClient client;

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null) {
            TestClients.close(client);
        }
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (slave != null) {
            slave.close();
        }
    }

    @Test
    @Timeout(120)
    void statusCarriesTheMetersPowerAndSessionEnergyOverCoap() throws Exception {
        slave = MeterSlave.tcp(dir, "sdm120", 1, FOLLOWING_6_A_W, 100.0);
        Path log = dir.resolve("bridge.log");
        start(log, "--pile", "P1", "--bind", "127.0.0.1", "--port", "0", "--plain", "--simulate-vehicle",
                "--tick-ms", "200", "--meter-model", "sdm120", "--meter-tcp", slave.hostPort(), "--meter-unit", "1",
                "--meter-period-ms", "200");
        client = TestClients.plain("coap://127.0.0.1:" + plainPort(log) + "/status");

        JsonNode first = awaitStatus(s -> s.path("meterOk").asBoolean(false));
        assertThat(first.get("state").asText()).as("charging; status: %s", first).isEqualTo("C");
        assertThat(first.get("powerKw").asDouble()).as("the meter's, not the simulated car's 1.32 kW").isEqualTo(1.38);
        assertThat(first.get("sessionEnergyKwh").asDouble()).isEqualTo(0.0);

        slave.set(FOLLOWING_6_A_W, 101.234);
        awaitStatus(s -> s.get("sessionEnergyKwh").asDouble() == 1.234);

        slave.mute();
        JsonNode silent = awaitStatus(s -> !s.get("meterOk").asBoolean());
        assertThat(silent.get("sessionEnergyKwh").asDouble()).as("held").isEqualTo(1.234);
        assertThat(silent.get("powerKw").asDouble()).as("the most 6 A allows at 220 V").isEqualTo(1.32);

        slave.set(FOLLOWING_6_A_W, 101.5);
        JsonNode again = awaitStatus(s -> s.get("meterOk").asBoolean() && s.get("sessionEnergyKwh").asDouble() == 1.5);
        assertThat(again.get("state").asText()).as("still charging, not tripped; status: %s", again).isEqualTo("C");

        child.destroy();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("exited; its log:%n%s", read(log)).isTrue();
        String said = read(log);
        assertThat(said.lines().filter(l -> l.contains("WARN") && l.contains("meter")))
                .as("one warning for the silence; log:%n%s", said).singleElement().asString()
                .contains("pile P1", "Eastron SDM120", "unit 1", "tcp://" + slave.hostPort());
        assertThat(said).as("the log:%n%s", said).doesNotContain("vehicle over current").contains("answers again")
                .contains("stopped, last started first: CoAP server, pile's steps, pile, meter, control pilot, executor");
    }

    private JsonNode awaitStatus(Predicate<JsonNode> wanted) throws InterruptedException {
        return Await.untilGiving("/status as wanted", GIVE_UP, this::status, s -> s != null && wanted.test(s));
    }

    private JsonNode status() {
        CoapResponse response;
        try {
            response = client.get(MediaTypeRegistry.APPLICATION_JSON);
        } catch (Exception e) {
            throw new IllegalStateException("GET /status: " + e, e);
        }
        if (response == null || !response.isSuccess()) {
            return null;
        }
        try {
            return JSON.readTree(response.getResponseText());
        } catch (IOException e) {
            throw new IllegalStateException("/status is not JSON: " + response.getResponseText(), e);
        }
    }

    private int plainPort(Path log) throws InterruptedException {
        Pattern serving = Pattern.compile("plain \\(unencrypted\\) CoAP on coap://127\\.0\\.0\\.1:(\\d+)");
        Matcher m = Await.untilGiving("serving CoAP", GIVE_UP, () -> serving.matcher(read(log)), matcher -> {
            assertThat(child.isAlive()).as("the bridge runs; its log:%n%s", read(log)).isTrue();
            return matcher.find();
        });
        return Integer.parseInt(m.group(1));
    }

    private void start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BridgeMain.class.getName()));
        command.addAll(List.of(args));
        child = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
