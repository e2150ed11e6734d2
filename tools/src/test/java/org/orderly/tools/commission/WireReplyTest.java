package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.tools.commission.WrongReplyAdviceTest.lastLine;
import static org.orderly.tools.commission.WrongReplyAdviceTest.read;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FunctionCode;
import org.orderly.testkit.OnePileGateway;
import org.orderly.tools.testing.OrderlyRun;

/**
 * The re-ask of a refused reply ({@link WireReply}) against raw Modbus TCP servers on 127.0.0.1 ({@link RawModbusTcp}):
 * a reply dripped a byte at a time is waited for no longer than the timeout as a whole, and counted as not whole (until
 * 2026-12-06 each byte was given the timeout, and the reply counted whole); a reply that ends within its header is said
 * as cut short, not as a line that cannot be reached (until 2026-12-06 the latter); a converter that takes one
 * connection at a time (a second waits unanswered until the first closes) is asked again only once the command's own
 * connection is closed, by {@code modbus read}, {@code scan} and {@code selftest}.
 */
class WireReplyTest {
    private static final Path DEVICES = Path.of("../config/devices");

    @TempDir
    Path dir;

    @Test
    void aReplyDrippedAByteAtATimeIsWaitedForAsAWholeAndCountedAsTimedOut() throws Exception {
        // 13 bytes, one every 200 ms: each within the 300 ms timeout, the whole reply 2.6 s
        try (RawModbusTcp meter = RawModbusTcp.start(dir, "drip")) {
            Optional<WireReply> w = WireReply.ask(new BusEndpoint.Tcp("127.0.0.1", meter.port()), 1,
                    FunctionCode.READ_HOLDING_REGISTERS, 0x101E, 2, Duration.ofMillis(300));
            assertThat(w).as(meter.log()).isPresent();
            assertThat(w.get().reply().timedOut()).as("%s", w.get()).isTrue();
            assertThat(w.get().reply().bytes()).as("%s", w.get()).isLessThan(w.get().reply().due());
            assertThat(w.get().said(u -> "give --unit " + u)).get().asString().startsWith("a reply of " + w.get().reply().bytes()
                    + " bytes where 13 were due, in 300 ms, from 127.0.0.1:" + meter.port() + " unit 1, register 0x101E")
                    .contains("did not come whole in the timeout");
        }
    }

    @Test
    void aReplyEndingWithinItsHeaderIsSaidAsCutShortNotAsALineThatCannotBeReached() throws Exception {
        try (RawModbusTcp meter = RawModbusTcp.start(dir, "short")) {
            OrderlyRun r = read(meter);
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(lastLine(r.err())).doesNotContain("cannot reach").matches("orderly modbus read: a reply of 5 bytes where 13 "
                    + "were due, from 127.0.0.1:" + meter.port() + " unit 1, register 0x[0-9A-F]{4} \\(fc 3, 2 registers\\): the meter "
                    + "answered, but cut short .*");
        }
    }

    @Test
    void aServerThatClosesWithoutAWordIsStillALineThatCannotBeReached() throws Exception {
        try (RawModbusTcp meter = RawModbusTcp.start(dir, "close")) {
            OrderlyRun r = read(meter);
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(lastLine(r.err())).contains("cannot reach tcp://127.0.0.1:" + meter.port()).doesNotContain("a reply of");
        }
    }

    @Test
    void aConverterTakingOneConnectionAtATimeIsAskedAgainOnceTheCommandsOwnIsClosed() throws Exception {
        try (RawModbusTcp one = RawModbusTcp.start(dir, "one", "7"); Bridge pile = new Bridge("p1")) {
            OrderlyRun r = read(one);
            assertThat(lastLine(r.err())).as(r.err()).contains("a reply from unit 7 to a request to 127.0.0.1:" + one.port());

            OrderlyRun s = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", one.portText(), "--units", "1-1",
                    "--timeout-ms", "2000", "--devices", DEVICES.toString());
            assertThat(s.out().lines().filter(l -> l.startsWith("tcp://")).toList()).as(s.out() + s.err()).singleElement()
                    .asString().contains("a reply from unit 7 to a request to 127.0.0.1:" + one.port() + " unit 1");

            Path config = Files.writeString(dir.resolve("one.yaml"), OnePileGateway.yaml("rig", pile.port(), one.port(), 1000));
            OrderlyRun t = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES.toString());
            assertThat(t.out().lines().filter(l -> l.startsWith("transformer")).toList()).as(t.out() + t.err()).singleElement()
                    .asString().contains("a reply from unit 7");
            // each advice above came of a re-ask the server answered: one made while the command's own connection was
            // open would have waited unanswered, and the advice been the line's (cannot reach, not Modbus TCP)
            assertThat(one.log()).contains("connection 2");
        }
    }
}
