package org.orderly.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.coap.EndpointConfig;
import org.orderly.bridge.coap.PskCredentials;
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
        assertThat(r2.err.lines()).singleElement().asString()
                .startsWith("orderly-bridge: --psk-key-file " + missing + ": cannot be read: ");
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
                .startsWith("orderly-bridge: Invalid value for option '--port': 'zero' is not an int")
                .endsWith("(see 'orderly-bridge --help')");
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
