package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly modbus scan} waits {@code --timeout-ms} for a unit's first answer, what each absent unit costs, and
 * {@code --answered-timeout-ms} for the model probes of a unit that has answered. The peer is a Modbus TCP server on
 * loopback written here, as an Eastron SDM120 at unit 1 that answers a refusal at once and its readings (function 04)
 * 1.5 s late, as a slow meter or a loaded computer does; every other unit is absent (exception 0B, as a Modbus TCP
 * gateway says it). Until 2026-12-04 the probes waited --timeout-ms too, and such a meter was listed as fitting no map.
 */
class ScanAnsweredTimeoutTest {
    private static final Path DEVICES = Path.of("../config/devices");
    private static final long LATE_MS = 1500;

    @Test
    void aUnitThatAnsweredHasItsProbesWaitedForLongerThanAnAbsentUnit() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> serve(server), "slow-sdm120");
            acceptor.setDaemon(true);
            acceptor.start();
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", Integer.toString(server.getLocalPort()),
                    "--units", "1-2", "--timeout-ms", "1000", "--answered-timeout-ms", "10000", "--devices", DEVICES.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out().lines().filter(l -> l.startsWith("tcp://")).toList()).as(r.out())
                    .singleElement().asString()
                    .matches("tcp://\\S+\\s+1\\s+Eastron SDM120\\s+eastron-sdm120\\s+voltage.v=230.50 frequency.hz=50.00");
        }
    }

    @Test
    void aShorterWaitForAUnitThatAnsweredThanForAnAbsentOneIsRefused() {
        OrderlyRun r = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--timeout-ms", "500", "--answered-timeout-ms", "200",
                "--devices", DEVICES.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("orderly modbus scan: --answered-timeout-ms 200 is less than --timeout-ms 500: a unit "
                + "that has answered is waited for at least as long as an absent one");
    }

    private static void serve(ServerSocket server) {
        try {
            while (true) {
                Socket s = server.accept();
                Thread t = new Thread(() -> answer(s));
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    /** Modbus TCP: a 7-byte MBAP header (transaction, protocol 0, length, unit), then function, address, count. */
    private static void answer(Socket s) {
        try (s; DataInputStream in = new DataInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            while (true) {
                byte[] request = new byte[12];
                in.readFully(request);
                ByteBuffer req = ByteBuffer.wrap(request);
                short transaction = req.getShort(0);
                int unit = request[6] & 0xFF;
                int function = request[7] & 0xFF;
                int address = req.getShort(8) & 0xFFFF;
                int count = req.getShort(10) & 0xFFFF;
                Float value = unit != 1 || function != 4 || count != 2 ? null
                        : address == 0x0000 ? Float.valueOf(230.5f) : address == 0x0046 ? Float.valueOf(50.0f) : null;
                ByteBuffer reply;
                if (value == null) {
                    // 0B: a gateway's "the target did not respond" for another unit; 02, no such register, for unit 1
                    reply = ByteBuffer.allocate(9).putShort(transaction).putShort((short) 0).putShort((short) 3)
                            .put((byte) unit).put((byte) (function | 0x80)).put((byte) (unit != 1 ? 0x0B : 0x02));
                } else {
                    Thread.sleep(LATE_MS);
                    reply = ByteBuffer.allocate(13).putShort(transaction).putShort((short) 0).putShort((short) 7)
                            .put((byte) unit).put((byte) function).put((byte) 4).putFloat(value);
                }
                out.write(reply.array());
                out.flush();
            }
        } catch (IOException | InterruptedException gone) {
            // the scan dropped the connection (after a timeout) or ended
        }
    }
}
