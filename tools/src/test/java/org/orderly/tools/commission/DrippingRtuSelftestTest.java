package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.OnePileGateway;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly selftest} of a transformer meter on an RTU bus that sends its reply a byte every 100 ms
 * ({@link DrippingRtuLine}): its first request is cut at the exchange's deadline while the reply still comes. It
 * answered, so its row says the cut's advice, as {@code modbus read} does ({@code DrippingRtuReadAdviceTest}), and the
 * meter is not asked again given longer ({@code LateAnswer.silent}, the one rule of both and of the running gateway's
 * poller, through {@code ReadAdvice.silent}). Until 2026-12-07 selftest
 * asked it so (a second request in the meter's log), and its row said {@code no answer from unit 1: check its unit id
 * (orderly modbus scan lists the units that answer), the line settings and the wiring}, or, where the ask was
 * answered in its 3 s, that it answers only after so long, as if the meter were only slow.
 */
class DrippingRtuSelftestTest {
    @TempDir
    Path dir;

    @Test
    void aMeterCutWhileItRepliedIsToldTheCutNotAskedAgain() throws Exception {
        try (DrippingRtuLine line = DrippingRtuLine.start(dir); Bridge pile = new Bridge("p1")) {
            String yaml = OnePileGateway.yaml("rig", pile.port(), 1, 1000)
                    .replace("map: eastron-sdm630", "map: chint-dtsu666")
                    .replace("tcp: { host: 127.0.0.1, port: 1 }", "serial: { port: \"" + line.port() + "\", baud: 9600 }")
                    .replace("timeoutMs: 100", "timeoutMs: 300");
            Path config = Files.writeString(dir.resolve("rig.yaml"), yaml);
            OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", "../config/devices");

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out().lines().filter(l -> l.startsWith("transformer")).toList()).as("%s; the meter's log: %s",
                    r.out() + r.err(), line.meterLog()).singleElement().asString()
                    .matches("transformer\\s+meter chint-dtsu666\\s+room unit 1\\s+FAIL\\s+unit 1 answered, but its reply did"
                            + " not come whole in the timeout \\(it came a byte at a time, or stopped\\): .*; a longer"
                            + " timing.timeoutMs of bus 'room' reads a reply that only comes slowly; TIMEOUT: .*");
        }
    }
}
