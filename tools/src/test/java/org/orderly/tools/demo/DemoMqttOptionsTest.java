package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.orderly.tools.OrderlyCommand;
import picocli.CommandLine;

/** The demo's MQTT options are checked before anything starts: one line and exit 2. */
class DemoMqttOptionsTest {
    private static String rejected(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = OrderlyCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute(args)).isEqualTo(2);
        return err.toString().strip();
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
