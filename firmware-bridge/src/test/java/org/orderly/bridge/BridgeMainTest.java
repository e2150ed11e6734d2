package org.orderly.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.coap.EndpointConfig;
import org.orderly.bridge.coap.PskCredentials;
import org.orderly.bridge.sense.Mcp3008Wiring;
import org.orderly.bridge.sense.PilotCalibration;
import picocli.CommandLine;

/** The bridge's command line: where the key comes from, and a failure in one line. None of these serve anything. */
class BridgeMainTest {
    @TempDir
    Path dir;

    @Test
    void aKeyFileGivesTheSameKeyAsTheGatewaysKeyFile() throws Exception {
        Path file = Files.writeString(dir.resolve("P1.psk"), "secret-key\n");

        EndpointConfig endpoints = parsed("--pile", "P1", "--psk-identity", "gw-P1", "--psk-key-file", file.toString())
                .endpoints();

        assertThat(endpoints.psk()).contains(PskCredentials.ofUtf8("gw-P1", "secret-key"));
        assertThat(endpoints.dtlsPort()).contains(5684);
    }

    @Test
    void anEmptyOrMissingKeyFileIsOneLineAndExits2() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.psk"), " \n");
        Path missing = dir.resolve("missing.psk");

        Result r1 = run("--pile", "P1", "--psk-identity", "gw", "--psk-key-file", empty.toString());
        Result r2 = run("--pile", "P1", "--psk-identity", "gw", "--psk-key-file", missing.toString());

        assertThat(r1.exit).isEqualTo(2);
        assertThat(r1.err.lines()).containsExactly("orderly-bridge: --psk-key-file " + empty + ": is empty");
        assertThat(r2.exit).isEqualTo(2);
        assertThat(r2.err.lines()).containsExactly("orderly-bridge: --psk-key-file " + missing + ": no such file");
    }

    /** Until 2026-12-05: {@code cannot be read: java.nio.charset.MalformedInputException: Input length = 1}. */
    @Test
    void aKeyFileThatIsNotTextIsOneLineAndExits2() throws Exception {
        Path latin1 = Files.write(dir.resolve("latin1.psk"), new byte[] {'k', (byte) 0xE9, '\n'});

        Result r = run("--pile", "P1", "--psk-identity", "gw", "--psk-key-file", latin1.toString());

        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err.lines()).containsExactly("orderly-bridge: --psk-key-file " + latin1 + ": is not UTF-8 text"
                + " (byte 0xE9 at line 1, column 2); save it as UTF-8");
    }

    @Test
    void aPileConfigurationThatCannotBeIsOneLineAndExits2() {
        Result r = run("--pile", "P1", "--plain", "--port", "0", "--min-amps", "40", "--max-amps", "16");

        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err.lines()).singleElement().asString().startsWith("orderly-bridge: pile P1: ");
    }

    @Test
    void aKeyTwiceOrNoneIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("k.psk"), "k");

        Result both = run("--pile", "P1", "--psk-identity", "gw", "--psk-key-file", file.toString(), "--psk-key-hex", "6b");
        Result none = run("--pile", "P1", "--psk-identity", "gw");

        assertThat(both.exit).isEqualTo(2);
        assertThat(both.err).contains("give --psk-key-hex or --psk-key-file, not both");
        assertThat(none.exit).isEqualTo(2);
        assertThat(none.err).contains("give both --psk-identity and a key (--psk-key-file or --psk-key-hex)");
    }

    /** A usage error is one line naming what is wrong and where the options are listed, not the usage text. */
    @Test
    void anUnparsableCommandLineIsOneLineAndExits2() {
        Result unknown = run("--pile", "P1", "--plain", "--port", "0", "--colour", "blue");
        Result notANumber = run("--pile", "P1", "--plain", "--port", "zero");

        assertThat(unknown.exit).isEqualTo(2);
        assertThat(unknown.err.lines()).containsExactly("orderly-bridge: Unknown options: '--colour', 'blue' "
                + "(see 'orderly-bridge --help')");
        assertThat(notANumber.exit).isEqualTo(2);
        assertThat(notANumber.err.lines()).singleElement().asString()
                .startsWith("orderly-bridge: Invalid value for option '--port': 'zero' is not a whole number")
                .endsWith("(see 'orderly-bridge --help')");
    }

    @Test
    void sensingThePilotNeedsTheBoardAndNoSimulatedVehicle() {
        Result noGpio = run("--pile", "P1", "--plain", "--port", "0", "--sense-pilot");
        Result simulated = run("--pile", "P1", "--plain", "--port", "0", "--gpio", "--sense-pilot", "--simulate-vehicle");

        assertThat(noGpio.exit).isEqualTo(2);
        assertThat(noGpio.err.lines()).singleElement().asString()
                .startsWith("orderly-bridge: --sense-pilot needs --gpio: the pilot is read through the board's SPI");
        assertThat(simulated.exit).isEqualTo(2);
        assertThat(simulated.err.lines()).singleElement().asString()
                .startsWith("orderly-bridge: give --sense-pilot or --simulate-vehicle, not both");
    }

    /** Refused before the board is opened: these run on a PC, where Pi4J's auto context finds no board. */
    @Test
    void aPilotAdcThatCannotBeIsOneLineAndExits2() {
        Result channel = run("--pile", "P1", "--plain", "--port", "0", "--gpio", "--sense-pilot",
                "--pilot-adc-channel", "8");
        Result period = run("--pile", "P1", "--plain", "--port", "0", "--gpio", "--sense-pilot",
                "--pilot-sense-ms", "200");
        Result burst = run("--pile", "P1", "--plain", "--port", "0", "--gpio", "--sense-pilot",
                "--pilot-sense-ms", "40", "--pilot-burst-us", "2600");

        assertThat(channel.exit).isEqualTo(2);
        assertThat(channel.err.lines()).containsExactly(
                "orderly-bridge: pilot ADC: channel 8 must be 0..7 (MCP3008 CH0..CH7)");
        assertThat(period.exit).isEqualTo(2);
        assertThat(period.err.lines()).singleElement().asString()
                .startsWith("orderly-bridge: --pilot-sense-ms 200 must be within 5..40");
        assertThat(burst.exit).isEqualTo(2);
        assertThat(burst.err.lines()).containsExactly("orderly-bridge: --pilot-sense-ms 40 with --pilot-burst-us 2600: "
                + "leaving C must open the relay within 100 ms even when a preempted burst is set aside, so "
                + "2 x (period + 2 x burst) = 90.4 ms must be at most 90 ms");
    }

    /** Refused before the board is opened: the monitor and the feedback are inputs on the board. */
    @Test
    @Timeout(60) // a case the bridge wrongly took would start it and wait for a stop
    void aProtectionWithoutTheBoardOrOutOfRangeIsOneLineAndExits2() {
        String[] plain = {"--pile", "P1", "--plain", "--port", "0"};
        String help = " (see 'orderly-bridge --help')";

        assertOneLine(run(plain, "--rcm-pin", "22"),
                "orderly-bridge: --rcm-pin needs --gpio: the residual current monitor is read on the board" + help);
        assertOneLine(run(plain, "--relay-feedback-pin", "23"),
                "orderly-bridge: --relay-feedback-pin needs --gpio: the contactor's feedback is read on the board"
                        + help);
        assertOneLine(run(plain, "--gpio", "--relay-feedback-pin", "23", "--relay-settle-ms", "0"),
                "orderly-bridge: --relay-settle-ms 0 must be within 20..2000");
        assertOneLine(run(plain, "--gpio", "--rcm-pin", "17"),
                "orderly-bridge: --rcm-pin 17 is the relay's pin (--relay-pin)");
    }

    @Test
    void theProtectionsAreOffUnlessGivenAndTripHigh() {
        BridgeMain main = parsed("--pile", "P1", "--plain", "--gpio", "--rcm-pin", "22");

        assertThat(main.safety.rcmPin).isEqualTo(22);
        assertThat(main.safety.rcmTripLevel).isEqualTo(com.pi4j.io.gpio.digital.DigitalState.HIGH);
        assertThat(main.safety.feedbackPin).isNull();
        assertThat(main.safety.settle()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void thePilotIsReadAsTheReferenceCircuitByDefault() {
        BridgeMain main = parsed("--pile", "P1", "--plain", "--gpio", "--sense-pilot");

        assertThat(main.pilotSense.enabled).isTrue();
        assertThat(main.pilotSense.wiring()).isEqualTo(Mcp3008Wiring.reference());
        assertThat(main.pilotSense.calibration()).isEqualTo(PilotCalibration.reference());
        assertThat(main.pilotSense.period()).isEqualTo(Duration.ofMillis(20));
        assertThat(main.pilotSense.burst()).isEqualTo(Duration.ofMillis(2).plusNanos(500_000));
        assertThat(main.pilotSense.debounce).isEqualTo(3);
    }

    /**
     * A meter option missing, doubled, out of range or misspelt: one line naming it, exit 2, nothing started. A wrong
     * combination is a usage error, which points at --help.
     */
    @Test
    @Timeout(60) // a case the bridge wrongly took would start it and wait for a stop
    void aMeterOptionThatCannotBeIsOneLineAndExits2() {
        String[] plain = {"--pile", "P1", "--plain", "--port", "0"};
        String help = " (see 'orderly-bridge --help')";

        assertOneLine(run(plain, "--meter-tcp", "127.0.0.1:1502"),
                "orderly-bridge: --meter-tcp needs --meter-model (sdm120 or sdm630)" + help);
        assertOneLine(run(plain, "--meter-model", "sdm120"),
                "orderly-bridge: --meter-model needs --meter-tcp HOST:PORT or --meter-serial DEVICE" + help);
        assertOneLine(run(plain, "--meter-model", "sdm120", "--meter-tcp", "127.0.0.1:1502", "--meter-serial",
                "/dev/ttyUSB0"), "orderly-bridge: give --meter-tcp or --meter-serial, not both" + help);
        assertOneLine(run(plain, "--meter-model", "sdm120", "--meter-tcp", "meter.local"),
                "orderly-bridge: --meter-tcp meter.local: expected HOST:PORT");
        assertOneLine(run(plain, "--meter-model", "sdm120", "--meter-tcp", "127.0.0.1:70000"),
                "orderly-bridge: --meter-tcp 127.0.0.1:70000: port must be within 1..65535");
        assertOneLine(run(plain, "--meter-model", "sdm120", "--meter-tcp", "127.0.0.1:1502", "--meter-unit", "0"),
                "orderly-bridge: --meter-unit 0: must be within 1..247");
        assertOneLine(run(plain, "--meter-model", "sdm120", "--meter-tcp", "127.0.0.1:1502", "--meter-baud", "9600"),
                "orderly-bridge: --meter-baud, --meter-parity and --meter-stop-bits are for --meter-serial" + help);
        assertOneLine(run(plain, "--meter-model", "sdm120", "--meter-serial", "/dev/ttyUSB0", "--meter-parity",
                "mark"), "orderly-bridge: --meter-parity mark: expected none, even or odd");
        assertOneLine(run(plain, "--meter-model", "sdm120", "--meter-tcp", "127.0.0.1:1502", "--phases", "3"),
                "orderly-bridge: pile P1: --meter-model sdm120 measures one phase; the pile has 3");
        assertOneLine(run(plain, "--meter-model", "sdm120", "--meter-tcp", "127.0.0.1:1502", "--meter-period-ms",
                "0"), "orderly-bridge: --meter-period-ms 0: must be > 0");

        Result model = run(plain, "--meter-model", "sdm999", "--meter-tcp", "127.0.0.1:1502");
        assertThat(model.exit).isEqualTo(2);
        assertThat(model.err.lines()).singleElement().asString()
                .startsWith("orderly-bridge: Invalid value for option '--meter-model': sdm999: expected sdm120 or sdm630");
    }

    private static void assertOneLine(Result result, String line) {
        assertThat(result.exit).as(result.err).isEqualTo(2);
        assertThat(result.err.lines()).containsExactly(line);
    }

    private static Result run(String[] first, String... more) {
        String[] args = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, args, first.length, more.length);
        return run(args);
    }

    private static BridgeMain parsed(String... args) {
        BridgeMain main = new BridgeMain();
        new CommandLine(main).parseArgs(args);
        return main;
    }

    private record Result(int exit, String err) {
    }

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = BridgeMain.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return new Result(cl.execute(args), err.toString());
    }
}
