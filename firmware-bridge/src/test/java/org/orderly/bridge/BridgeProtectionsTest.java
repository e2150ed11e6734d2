package org.orderly.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.testing.BoardPins;
import org.orderly.bridge.testing.ScriptedInputs;
import org.orderly.bridge.testing.TestClients;
import org.orderly.testkit.ChildProcess;

/**
 * {@code BridgeMain --gpio} with its protections ({@code --rcm-pin}, {@code --relay-feedback-pin}) in a child JVM on
 * Pi4J's mock board ({@link BridgeOnMockBoard}), whose inputs follow files ({@link BoardPins}): what the bridge says is
 * read over real CoAP on 127.0.0.1; what the relay did, from the board's log, which says every change of it in order.
 * A protection is armed before the outputs can first carry current: a monitor already tripped, or a feedback that
 * cannot be read, when the bridge starts never lets the relay close, not even for a moment.
 */
class BridgeProtectionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int RCM_PIN = 22;
    private static final int FEEDBACK_PIN = 23;

    @TempDir
    Path dir;

    private ChildProcess child;
    private CoapClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            TestClients.close(client);
        }
        if (child != null) {
            child.close();
        }
    }

    @Test
    @Timeout(120)
    void aMonitorTrippedAtStartIsArmedBeforeTheSimulatedCarsRelayFirstCloses() throws Exception {
        pin(RCM_PIN, "high");
        start(List.of(), "--simulate-vehicle", "--rcm-pin", String.valueOf(RCM_PIN));

        JsonNode status = awaitStatus("state F, residual current", s -> s.path("fault").asText().equals("residual current"));

        assertThat(status.get("state").asText()).isEqualTo("F");
        assertThat(relayHistory()).as("the relay never closed; log:%n%s", child.log()).doesNotContain("HIGH");
    }

    @Test
    @Timeout(120)
    void aContactorFeedbackThatCannotBeReadTripsBeforeTheRelayClosesAndIsLoggedOnce() throws Exception {
        pin(FEEDBACK_PIN, "broken");
        start(List.of(), "--simulate-vehicle", "--relay-feedback-pin", String.valueOf(FEEDBACK_PIN));

        JsonNode status = awaitStatus("state F, feedback unreadable",
                s -> s.path("fault").asText().equals("contactor feedback unreadable"));
        child.awaitLog("board: input " + FEEDBACK_PIN + " has failed " + ScriptedInputs.FAILURES_TO_TELL + " reads", WAIT);

        assertThat(status.get("state").asText()).isEqualTo("F");
        assertThat(relayHistory()).as("the relay never closed; log:%n%s", child.log()).doesNotContain("HIGH");
        assertThat(lines(child.log(), "ERROR org.orderly.bridge.safety")).as("one ERROR for the failing checks; log:%n%s",
                child.log()).singleElement().asString().contains("pile P1: contactor check failed");

        pin(FEEDBACK_PIN, "low");
        child.awaitLog("pile P1: contactor checks succeed again after", WAIT);
        assertThat(awaitStatus("still F", s -> true).path("fault").asText())
                .as("held: the simulated car's unplug cannot be seen").isEqualTo("contactor feedback unreadable");
        assertThat(relayHistory()).doesNotContain("HIGH");
    }

    /** Before, the simulated car's C closed the relay first; the weld was only found when the relay next opened. */
    @Test
    @Timeout(120)
    void aContactorWeldedAtStartTripsBeforeTheSimulatedCarsRelayFirstCloses() throws Exception {
        pin(FEEDBACK_PIN, "high");
        start(List.of(), "--simulate-vehicle", "--relay-feedback-pin", String.valueOf(FEEDBACK_PIN));

        JsonNode status = awaitStatus("state F, contactor welded", s -> s.path("fault").asText().equals("contactor welded"));

        assertThat(status.get("state").asText()).isEqualTo("F");
        assertThat(relayHistory()).as("the relay never closed; log:%n%s", child.log()).doesNotContain("HIGH");
    }

    /**
     * Before, the bridge did not start: the monitor's first read threw. A protection that cannot be read trips the
     * pile; the failing reads are one ERROR, and INFO when it reads again.
     */
    @Test
    @Timeout(120)
    void aMonitorThatCannotBeReadAtStartTripsThePileAndIsLoggedOnce() throws Exception {
        pin(RCM_PIN, "broken");
        start(List.of(), "--simulate-vehicle", "--rcm-pin", String.valueOf(RCM_PIN));

        JsonNode status = awaitStatus("state F, monitor unreadable",
                s -> s.path("fault").asText().equals("residual current monitor unreadable"));
        child.awaitLog("board: input " + RCM_PIN + " has failed " + ScriptedInputs.FAILURES_TO_TELL + " reads", WAIT);

        assertThat(status.get("state").asText()).isEqualTo("F");
        assertThat(relayHistory()).as("the relay never closed; log:%n%s", child.log()).doesNotContain("HIGH");
        assertThat(lines(child.log(), "ERROR org.orderly.bridge.safety")).as("one ERROR for the failing reads; log:%n%s",
                child.log()).singleElement().asString().contains("pile P1: residual current monitor read failed");
        assertThat(lines(child.log(), "ERROR")).as("nothing else fails; log:%n%s", child.log())
                .allMatch(line -> line.contains("ERROR org.orderly.bridge.safety") || line.contains("ERROR org.orderly.bridge.pile.Pile "));

        pin(RCM_PIN, "low");
        child.awaitLog("pile P1: residual current monitor reads succeed again after", WAIT);
        assertThat(awaitStatus("still F", s -> true).path("fault").asText())
                .as("held: the simulated car's unplug cannot be seen").isEqualTo("residual current monitor unreadable");
        assertThat(relayHistory()).doesNotContain("HIGH");
    }

    @Test
    @Timeout(120)
    void aMonitorTripWhileACarChargesOnThePilotOpensTheBoardsRelayAndStatusSaysF() throws Exception {
        Path car = Files.writeString(dir.resolve("car"), "plugged");
        pin(RCM_PIN, "low");
        start(List.of("-Dboard.car=" + car), "--sense-pilot", "--safe-amps", "0", "--rcm-pin", String.valueOf(RCM_PIN));
        awaitStatus("state B", s -> s.get("state").asText().equals("B"));
        put(16);
        awaitStatus("state C", s -> s.get("state").asText().equals("C"));
        child.awaitLog("board: relay HIGH", WAIT);

        pin(RCM_PIN, "high");

        // The trip's F is the one that says why, not the first F: on a loaded machine a burst the sensing thread is
        // preempted in can read the charging car as a steady -12 V, which /status rightly says as the pilot's F
        // without a fault until C is read again. Each /status is one value, F with its fault (PileTripStatusTest).
        JsonNode status = awaitStatus("state F, residual current",
                s -> s.path("fault").asText().equals("residual current"));
        assertThat(status.get("state").asText()).isEqualTo("F");
        assertThat(status.get("ampsOffered").asDouble()).isZero();
        List<String> relay = relayHistory();
        assertThat(relay).as("closed while charging, then opened; log:%n%s", child.log()).endsWith("HIGH", "LOW");
        // The trip's ERROR is logged once its step has published the F: a status seen may come before the line.
        child.awaitLog("pile P1: residual current: relay opened, pilot F", Duration.ofSeconds(10));
        assertThat(child.log()).contains("pile P1: residual current: relay opened, pilot F");
    }

    private void pin(int pin, String level) throws Exception {
        Path file = BoardPins.file(dir, pin);
        Path next = dir.resolve(file.getFileName() + ".next");
        Files.writeString(next, level); // then moved into place: the board never reads it half-written
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void start(List<String> jvmOptions, String... args) throws Exception {
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Dboard.pins=" + dir);
        List<String> command = new ArrayList<>(List.of("--pile", "P1", "--bind", "127.0.0.1", "--port", "0", "--plain",
                "--gpio", "--tick-ms", "200"));
        command.addAll(List.of(args));
        child = ChildProcess.startJava("firmware-bridge", dir, options, BridgeOnMockBoard.class.getName(), command,
                dir.resolve("bridge.log"));
        child.awaitLog("CoAP on coap://127.0.0.1:", WAIT);
        Matcher port = Pattern.compile("CoAP on coap://127\\.0\\.0\\.1:(\\d+)").matcher(child.log());
        assertThat(port.find()).isTrue();
        client = TestClients.plain("coap://127.0.0.1:" + port.group(1) + "/status");
    }

    /** GETs /status until {@code accepted} approves it. */
    private JsonNode awaitStatus(String what, java.util.function.Predicate<JsonNode> accepted) throws Exception {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            child.awaitReady("/status " + what, WAIT, Duration.ofMillis(50), () -> {
                CoapResponse answer = client.get();
                if (answer == null || answer.getCode() != ResponseCode.CONTENT) {
                    return false;
                }
                last.set(JSON.readTree(answer.getPayload()));
                return accepted.test(last.get());
            });
        } catch (IllegalStateException e) {
            throw new AssertionError("last /status: " + last.get(), e);
        }
        return last.get();
    }

    private void put(double amps) throws Exception {
        CoapClient limit = TestClients.plain(client.getURI().replace("/status", "/limit"));
        try {
            CoapResponse answer = limit.put("{\"amps\": " + amps + ", \"ttlSeconds\": 600}",
                    MediaTypeRegistry.APPLICATION_JSON);
            assertThat(answer.getCode()).isEqualTo(ResponseCode.CHANGED);
        } finally {
            TestClients.close(limit);
        }
    }

    /** Every level the board's relay was driven to, in order (the first LOW: the pilot's pins being set up). */
    private List<String> relayHistory() {
        Matcher m = Pattern.compile("board: relay (\\w+)").matcher(child.log());
        List<String> levels = new ArrayList<>();
        while (m.find()) {
            levels.add(m.group(1));
        }
        return levels;
    }

    private static List<String> lines(String log, String containing) {
        return log.lines().filter(line -> line.contains(containing)).toList();
    }
}
