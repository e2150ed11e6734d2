package org.orderly.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.testing.MeterSlave;
import org.orderly.bridge.testing.MockBoard;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.NamedPipe;
import org.orderly.testkit.SocatPair;

/**
 * SIGTERM to the bridge (systemd's stop, a restart loop) leaves the pile safe, whenever it comes: the relay open, the
 * pilot in standby (no current offered), Pi4J's context shut down (its pins released). The bridge runs in a child JVM
 * ({@link BridgeOnMockBoard}) with {@code --gpio} on Pi4J's mock board, whose log says every change of the pins; what
 * it says last is what the pins were left at.
 *
 * <p>The moment during start-up is made without timing: the relay's first closing (the pile's first step offers the
 * safe current to the simulated car, which goes to C) holds on a named pipe, relay closed; this test's opening the pipe
 * for writing returns once the child reads it. The child is sent SIGTERM there, and the pipe is fed only once the child
 * has either said it is stopping or exited.
 */
class BridgeStopTest {
    @TempDir
    Path dir;

    private ChildProcess child;

    @AfterEach
    void kill() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    @Timeout(120)
    void aStopWhileThePileFirstDrivesItsOutputsLeavesItSafe() throws Exception {
        Path key = Files.writeString(dir.resolve("P1.psk"), "secret-key");
        NamedPipe pipe = NamedPipe.make(dir.resolve("relay.fifo"));
        start(List.of("-Dboard.holdAtFirstRelayClose=" + pipe.path()), "--pile", "P1", "--bind", "127.0.0.1",
                "--port", "0", "--psk-identity", "gw-P1", "--psk-key-file", key.toString(), "--simulate-vehicle",
                "--gpio", "--tick-ms", "200");

        OutputStream writer = pipe.openWhenReadBy(child);
        assertThat(child.log()).as("held with the relay closed").contains("board: relay HIGH");
        child.terminate();
        while (child.isAlive() && !child.log().contains("stopping during start-up")) {
            Thread.sleep(50);
        }
        try (writer) {
            writer.write('\n');
        } catch (IOException readerGone) {
            assertThat(child.isAlive()).as("the pipe broke while the child lives: %s", readerGone).isFalse();
        }

        String said = awaitExit();
        assertThat(said).as("stopped during its start-up").doesNotContain("CoAP on coap");
        assertLeftSafe(said);
    }

    @Test
    @Timeout(120)
    void aStopAfterStartUpLeavesThePileSafeAndTheBoardReleased() throws Exception {
        start(List.of(), "--pile", "P1", "--bind", "127.0.0.1", "--port", "0", "--plain", "--simulate-vehicle",
                "--gpio", "--tick-ms", "200");
        while (!child.log().contains("plain (unencrypted) CoAP on coap://127.0.0.1:")) {
            assertThat(child.isAlive()).as("the bridge runs; its log:%n%s", child.log()).isTrue();
            Thread.sleep(50);
        }
        assertThat(child.log()).as("charging the simulated car").contains("board: relay HIGH");

        child.terminate();

        assertLeftSafe(awaitExit());
    }

    /**
     * A PWM that breaks while the bridge runs cannot be driven to standby at the stop: the stop still opens the relay,
     * stops the CoAP server, shuts Pi4J's context down (its pins released) and exits with the signal's status, and the
     * bridge says what was left in one ERROR line (Pi4J's shutdown, which tries the PWM's shutdown state once more,
     * logs its own failure). Until 2026-12-04 the pile's close threw at each of the three parts that drive the
     * outputs (the pile's steps, the pile, the control pilot): three ERRORs with the stack, each part said failed.
     */
    @Test
    @Timeout(120)
    void aStopWhosePilotCannotBeDrivenToStandbyFinishesAndSaysSoInOneLine() throws Exception {
        Path broken = dir.resolve("pwm-broken");
        start(List.of("-Dboard.pwmBroken=" + broken), "--pile", "P1", "--bind", "127.0.0.1", "--port", "0", "--plain",
                "--simulate-vehicle", "--gpio", "--tick-ms", "200");
        child.awaitLog("plain (unencrypted) CoAP on coap://127.0.0.1:", Duration.ofSeconds(60));
        Files.createFile(broken);
        child.awaitLog("pile P1: step failed", Duration.ofSeconds(60));

        child.terminate();

        String log = awaitExit();
        String stop = log.substring(log.indexOf("pile P1: stopping"));
        assertThat(last(log, "board: relay (\\w+)")).as("relay left open; log:%n%s", log).isEqualTo("LOW");
        assertThat(stop).as("the stop's log").contains("board: Pi4J context shut down")
                .containsPattern("pile P1: stopped, last started first: CoAP server, pile's steps, .*Pi4J context");
        List<String> lines = stop.lines().toList();
        List<String> ours = lines.stream().filter(line -> line.contains(" ERROR org.orderly.bridge.")
                && !line.contains(" ERROR org.orderly.bridge.testing.")).toList();
        assertThat(ours).as("the bridge's ERROR lines; the stop's log:%n%s", stop).singleElement().asString()
                .contains("pile P1: stopped, the relay open, but the outputs were not all left safe: cannot drive "
                        + "control pilot PWM 18 to standby (+12 V) (board: scripted failure: PWM 18 cannot be turned on");
        assertThat(lines.get(lines.indexOf(ours.get(0)) + 1)).as("no stack after it").doesNotStartWith("\tat ")
                .doesNotStartWith("java.");
    }

    /**
     * A pile meter on a serial port ({@code --meter-serial}) is closed by the stop, its port by it, before
     * jSerialComm's own shutdown hook closes every port still open: the stop runs as the gateway's does
     * ({@code org.orderly.serial.StopOnSignal}). As a plain JVM shutdown hook, run beside jSerialComm's, the port was
     * closed under the meter while the stop was still closing what started after it: the log said the meter silent
     * ({@code WARN ... does not answer: ModbusIOException ... Cannot read from serial port}) during a stop, and its
     * next read opened the port afresh. The meter is Debian's pymodbus serving an SDM120 over RTU on a socat pty pair,
     * read back to back; the stop comes while the relay's first closing holds (the meter started and reading) and waits
     * for that part; the pipe is fed 2 s after the stop began, some twenty reads of the meter (17 bytes on the line
     * each at 2400 baud) in which the port would have been closed under it.
     */
    @Test
    @Timeout(120)
    void aStopClosesASerialMetersPortItselfBeforeJSerialCommClosesThePorts() throws Exception {
        try (SocatPair line = new SocatPair(ExternalTools.require("socat"), dir);
             MeterSlave meter = MeterSlave.rtu(dir, line, 2400, "sdm120", 1, 3520.0, 100.0)) {
            NamedPipe pipe = NamedPipe.make(dir.resolve("relay.fifo"));
            start(List.of("-Dboard.holdAtFirstRelayClose=" + pipe.path()), "--pile", "P1", "--bind", "127.0.0.1",
                    "--port", "0", "--plain", "--simulate-vehicle", "--gpio", "--tick-ms", "200", "--meter-model",
                    "sdm120", "--meter-serial", line.master.toString(), "--meter-baud", "2400", "--meter-period-ms", "1");

            OutputStream writer = pipe.openWhenReadBy(child);
            child.awaitLog("first read: 3520.0 W", Duration.ofSeconds(60));
            child.terminate();
            child.awaitLog("pile P1: stopping during start-up", Duration.ofSeconds(60));
            Thread.sleep(2_000); // the meter reads on while the stop waits for the held part
            try (writer) {
                writer.write('\n');
            }

            String said = awaitExit();
            String stop = said.substring(said.indexOf("pile P1: stopping"));
            assertThat(stop).as("the stop's lines").containsPattern(
                    "pile P1: stopped, last started first: .*meter, control pilot, Pi4J context, executor");
            assertThat(stop.lines().filter(l -> l.contains("meter Eastron SDM120")).toList())
                    .as("nothing said of the meter during the stop; the log:%n%s", said).isEqualTo(List.of());
        }
    }

    /** The last word of the board on each pin is the safe one, and Pi4J's context was shut down. */
    private static void assertLeftSafe(String log) {
        assertThat(last(log, "board: relay (\\w+)")).as("relay left open; log:%n%s", log).isEqualTo("LOW");
        assertThat(last(log, "board: pwm (.+)")).as("pilot left in standby (+12 V, no current); log:%n%s", log)
                .isEqualTo("on 100.0 % at 1000 Hz");
        assertThat(log).as("GPIO released").contains("board: Pi4J context shut down");
    }

    private void start(List<String> jvmOptions, String... args) throws IOException {
        child = ChildProcess.startJava("firmware-bridge", dir, jvmOptions, BridgeOnMockBoard.class.getName(),
                List.of(args), dir.resolve("bridge.log"));
    }

    private String awaitExit() throws InterruptedException {
        assertThat(child.awaitExit(Duration.ofSeconds(60))).as("SIGTERM (128 + 15); log:%n%s", child.log())
                .isEqualTo(143);
        return child.log();
    }

    private static String last(String log, String regex) {
        Matcher m = Pattern.compile(regex).matcher(log);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        return found;
    }
}
