package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.web.CapturedLog;

/**
 * A Modbus TCP meter that cuts its replies short (the header and byte count of a whole reply, half its data, then the
 * connection closed) and a server that closes without a word look alike to j2mod ("Premature end of stream"), both a
 * CONNECTION failure, retried, the connection made again, the reading not published. The running gateway's WARN at the
 * third failed poll in a row says of the first how much of its reply came, asked again on a connection of its own
 * ({@link ReplyBytes}): the meter answers, and what cuts its replies is to be looked at, not the host and port. Of the
 * second it says what it said before. Raw servers on 127.0.0.1, their bytes written by hand. Until 2026-12-06 both WARNs
 * said j2mod's words alone.
 */
class CutReplyWarnTest {
    /** No retries: one request a poll; a cycle with room for it. */
    private static final BusTiming TIMING = new BusTiming(Duration.ofMillis(1000), Duration.ofMillis(5),
            Duration.ofMillis(1000), 0, Duration.ofMillis(10), Duration.ofMillis(40));

    @Test
    void theWarnOfAMeterCuttingItsRepliesSaysHowMuchCame() throws Exception {
        try (RawServer meter = new RawServer(true); CapturedLog log = new CapturedLog()) {
            pollThreeCycles(meter.port());
            // chint-dtsu666's first request is two registers: 13 bytes whole, 11 came
            assertThat(log.lines("WARN", "meter tx", "failed after")).singleElement().asString().contains("CONNECTION")
                    .contains("Premature end of stream").endsWith("; its last 3 polls all failed; asked again on a connection of "
                            + "its own: reply cut short: 11 of 13 bytes came before the server closed the connection, the meter "
                            + "answers (not a lost connection); a meter or its RS-485 converter that cuts replies: check the "
                            + "converter's settings (its serial timeout or frame gap, its buffer, the baud rate to the meter) and "
                            + "ask fewer registers per request (max_words in the register map)");
        }
    }

    @Test
    void theWarnOfAServerClosingWithoutAWordSaysJ2modsWordsAlone() throws Exception {
        try (RawServer closing = new RawServer(false); CapturedLog log = new CapturedLog()) {
            pollThreeCycles(closing.port());
            assertThat(log.lines("WARN", "meter tx", "failed after")).singleElement().asString().contains("CONNECTION")
                    .contains("Premature end of stream").endsWith("; its last 3 polls all failed");
        }
    }

    private static void pollThreeCycles(int port) throws Exception {
        Bus bus = new Bus("cut", new BusEndpoint.Tcp("127.0.0.1", port), TIMING,
                List.of(new Meter("tx", 1, DeviceMaps.load("chint-dtsu666"), MeterRole.TRANSFORMER)));
        try (BusPoller poller = BusPollers.overJ2mod(bus, new LatestReadings(), new PollListener() { }, Clock.systemUTC(),
                Ticker.SYSTEM)) {
            for (int cycle = 0; cycle < 3; cycle++) {
                poller.runCycle();
            }
        }
    }

    /** Takes a request on each connection; answers half a reply then closes ({@code cut}), or closes at once. */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());

        RawServer(boolean cut) throws IOException {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        try (Socket s = server.accept()) {
                            InputStream in = s.getInputStream();
                            byte[] request = in.readNBytes(12);
                            if (cut && request.length == 12) {
                                int registers = request[11];
                                // MBAP (its length a whole reply's), unit, function, byte count, half the data
                                byte[] reply = new byte[9 + registers];
                                reply[0] = request[0];
                                reply[1] = request[1];
                                reply[5] = (byte) (3 + 2 * registers);
                                reply[6] = request[6];
                                reply[7] = request[7];
                                reply[8] = (byte) (2 * registers);
                                OutputStream out = s.getOutputStream();
                                out.write(reply);
                                out.flush();
                            }
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
