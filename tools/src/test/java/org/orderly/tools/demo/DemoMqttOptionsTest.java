package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.OrderlyCommand;
import picocli.CommandLine;

/** The demo's MQTT options, and its speed, are checked before anything starts: one line and exit 2. */
class DemoMqttOptionsTest {
    private static String rejected(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = OrderlyCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute(args)).isEqualTo(2);
        return err.toString().strip();
    }

    /**
     * --piles out of range is one line with the range, nothing written. Until 2026-12-06 a count above 960 wrote
     * demo-N.yaml and was refused by the loader about its transformer ({@code demo-1000.yaml:5:27: 'limitKw' in
     * compound.transformer must be within 1..10000 (kW), was 10417}); 0 was said without the upper bound.
     */
    @Test
    void pilesOutOfRangeAreOneLineWithTheRangeAndNothingWritten(@TempDir Path dir) {
        for (String piles : new String[] {"0", "961", "1000"}) {
            assertThat(rejected("demo", "--piles", piles, "--data", dir.toString()))
                    .isEqualTo("orderly demo: --piles must be within 1..960, was " + piles);
        }
        assertThat(dir).isEmptyDirectory();
    }

    /** Until 2026-12-04 the speed was said as Java prints a double: {@code --speed 1000.0 is out of range}. */
    @Test
    void aSpeedOutOfRangeIsSaidAsTyped() {
        assertThat(rejected("demo", "--speed", "1000"))
                .isEqualTo("orderly demo: --speed 1000 is out of range: give 1 to 300 (a cycle then covers at most 5"
                        + " minutes of the day)");
        assertThat(rejected("demo", "--speed", "0.5")).startsWith("orderly demo: --speed 0.5 is out of range");
    }

    @Test
    void aBrokerUrlMustBeTcpOrSsl() {
        assertThat(rejected("demo", "--broker", "http://127.0.0.1:1883"))
                .isEqualTo("orderly demo: --broker http://127.0.0.1:1883: expected tcp://host:port or ssl://host:port");
    }

    @Test
    void anExternalBrokerMustBePlaintextOnThisMachine() {
        for (String url : new String[] {"ssl://127.0.0.1:8883", "tcp://192.0.2.7:1883"}) {
            assertThat(rejected("demo", "--broker", url)).as(url)
                    .startsWith("orderly demo: --broker " + url + ": the demo connects only in plaintext to a broker on this"
                            + " machine (tcp://127.0.0.1:port); it has no TLS CA, client certificate or login")
                    .doesNotContain("\n");
        }
    }

    /**
     * Until 2026-12-04 the demo started its meter and bridges, and then its generated configuration was refused:
     * {@code DATA/demo-24.yaml:27:21: upstream.broker 'tcp://127.0.0.1:88830': port 88830 is not within 1..65535; write
     * e.g. ssl://mqtt.grid.example:8883}, naming a file the user did not write. Before that check, the gateway ran, and
     * failed at every connect.
     */
    @Test
    void anExternalBrokersPortMustBeAPort(@TempDir Path data) throws Exception {
        assertThat(rejected("demo", "--broker", "tcp://127.0.0.1:88830", "--data", data.toString(), "--devices", "../config/devices",
                "--piles", "1",
                "--web-port", "0", "--meter-port", Integer.toString(LoopbackPorts.free()),
                "--first-pile-port", Integer.toString(LoopbackPorts.free())))
                .isEqualTo("orderly demo: --broker tcp://127.0.0.1:88830: port 88830 is outside 1..65535");
    }

    @Test
    void anExternalBrokerAndAnEmbeddedPortExcludeEachOther() {
        assertThat(rejected("demo", "--broker", "tcp://127.0.0.1:1883", "--broker-port", "1884"))
                .isEqualTo("orderly demo: --broker-port is for the embedded broker; with --broker tcp://127.0.0.1:1883 leave it out");
    }

    @Test
    void theEmbeddedPortMustBeAPort() {
        assertThat(rejected("demo", "--broker-port", "0")).isEqualTo("orderly demo: --broker-port 0 is outside 1..65535");
        assertThat(rejected("demo", "--broker-port", "70000")).isEqualTo("orderly demo: --broker-port 70000 is outside 1..65535");
    }
}
