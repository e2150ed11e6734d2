package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orderly.testkit.ScriptedModbusTcp;

/**
 * A Modbus TCP server that closes the connection mid-frame: j2mod's "Premature end of stream", a {@code CONNECTION}
 * failure, not a cut at the deadline: no {@link ReplyCut}, neither the unit's own reply begun nor another unit's, whoever's
 * header came (the poller's WARN asks again on a connection of its own to tell a reply cut short, {@link ReplyBytes},
 * which reads the unit id in the header). Pinned as it was on 2026-12-07; a deadline cut over TCP is judged by the
 * header that came, as a serial one by its first byte ({@code TcpReplyCutTest}; LateReplyOfAnotherUnitTest for RTU).
 */
class TcpReplyClosedMidFrameTest {

    @ParameterizedTest(name = "{0} bytes of a reply from unit {1}, then closed")
    @CsvSource({"0, 1", "3, 1", "9, 1", "12, 1", "9, 2", "12, 2"})
    void aReplyClosedMidFrameIsALostConnectionNotACut(int bytes, int replying) throws Exception {
        try (ScriptedModbusTcp server = new ScriptedModbusTcp((r, out) -> {
            out.write(Arrays.copyOf(r.reply(r.transaction(), replying, new int[] {5, 6}), bytes));
            out.flush();
            throw new IOException("closed mid-frame, as the test asks");
        });
                J2modLink link = new J2modLink(new BusEndpoint.Tcp("127.0.0.1", server.port()), Duration.ofMillis(300))) {
            FieldReadException e = catchThrowableOfType(() -> link.read(1, FunctionCode.READ_HOLDING_REGISTERS, 0, 2),
                    FieldReadException.class);
            assertThat(e).isNotNull();
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(FailureKind.CONNECTION);
            assertThat(e.replyCut()).as(e.getMessage()).isEmpty();
        }
    }
}
