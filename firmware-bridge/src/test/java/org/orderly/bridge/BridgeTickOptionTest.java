package org.orderly.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * docs/firmware-bridge.md, Running it: "A bad option or configuration is one line (orderly-bridge: --psk-key-file
 * /tmp/P1.psk: is empty, orderly-bridge: pile P1: need 6 A <= min ...), exit 2". {@code --tick-ms 0} (or negative)
 * is a watchdog that cannot tick: it must be refused as such, naming the option, not reach the executor as a
 * message-less IllegalArgumentException after the pile has been armed.
 */
class BridgeTickOptionTest {

    @Test
    @Timeout(30)
    void aTickOfZeroIsOneLineNamingTheOption() {
        StringWriter err = new StringWriter();
        CommandLine cl = BridgeMain.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));

        int exit = cl.execute("--pile", "P1", "--plain", "--port", "0", "--bind", "127.0.0.1", "--tick-ms", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("orderly-bridge: ")
                .contains("--tick-ms");
    }
}
