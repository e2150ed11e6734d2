package org.orderly.bridge.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A Modbus TCP reply must come from the unit it was asked of. A reply carrying another unit id in its MBAP header (a
 * TCP-to-RS-485 gateway that mixed up its lines, a late answer of another unit) is not this meter's registers: j2mod
 * 3.3.0's TCP master compares the transaction id but not the unit id, as the gateway found on 2026-12-03
 * (ReplyFromAnotherUnitTest there). Here a raw TCP server on 127.0.0.1 answers every fc04 request with another unit's
 * id and values that are sane for a 32 A pile: 1000 W and 5 kWh.
 */
class MeterReplyFromAnotherUnitTest {

    @Test
    void aReplyCarryingAnotherUnitIdIsNotTakenAsTheMetersValues() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> serveFromAnotherUnit(server, requests), "another-unit");
            t.setDaemon(true);
            t.start();
            List<MeterEvent> events = new CopyOnWriteArrayList<>();
            MeterConfig config = new MeterConfig(MeterModel.SDM120,
                    MeterTransport.tcp("127.0.0.1:" + server.getLocalPort()), 1, Duration.ofMillis(100),
                    Duration.ofMillis(300));
            try (PileMeter meter = PileMeter.start("P1", config, 32 * 220 / 1000.0, events::add)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (meter.polls() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(requests.get()).as("the meter was asked").isGreaterThan(0);
                assertThat(meter.reading().ok())
                        .as("unit 1 asked, unit 2 answered every request: its registers were taken for unit 1's: %s",
                                meter.reading())
                        .isFalse();
                assertThat(meter.reading().lastGood()).as("nothing of unit 2's taken").isEmpty();
            }
        }
    }

    /** Answers each request (fc04, two registers) with unit id + 1 and the float32 value for its address. */
    private static void serveFromAnotherUnit(ServerSocket server, AtomicInteger requests) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                while (true) {
                    byte[] mbap = new byte[7];
                    in.readFully(mbap);
                    int len = ((mbap[4] & 0xFF) << 8) | (mbap[5] & 0xFF);
                    byte[] pdu = new byte[len - 1];
                    in.readFully(pdu);
                    requests.incrementAndGet();
                    int address = ((pdu[1] & 0xFF) << 8) | (pdu[2] & 0xFF);
                    float value = address == MeterModel.IMPORT_ENERGY_ADDRESS ? 5.0f : 1000.0f;
                    int bits = Float.floatToIntBits(value);
                    byte[] reply = new byte[7 + 2 + 4];
                    System.arraycopy(mbap, 0, reply, 0, 4); // the same transaction
                    reply[5] = (byte) (1 + 2 + 4);
                    reply[6] = (byte) ((mbap[6] & 0xFF) + 1); // another unit
                    reply[7] = pdu[0];
                    reply[8] = 4;
                    reply[9] = (byte) (bits >>> 24);
                    reply[10] = (byte) (bits >>> 16);
                    reply[11] = (byte) (bits >>> 8);
                    reply[12] = (byte) bits;
                    out.write(reply);
                    out.flush();
                }
            } catch (Exception closed) {
                // the meter dropped the connection, or the test closed the server
            }
        }
    }
}
