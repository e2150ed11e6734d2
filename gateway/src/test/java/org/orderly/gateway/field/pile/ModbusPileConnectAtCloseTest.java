package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.testkit.Await;

/**
 * A Modbus pile driver closed while its thread still connects over TCP: the close waits 2 s for the thread
 * ({@link PileDriverCloses#THREAD_WAIT}) and a connect may take as long as the bus's timeout, up to 3333 ms. The
 * connection made after the close is closed at once, never used. Until 2026-12-07 the close found no connection to close
 * (the connect had not returned one yet), the connection made after it was kept, a status read sent on it, and once
 * answered it stayed open for good, with no thread left to close it.
 *
 * <p>The connect is held on 127.0.0.1 by a listener whose backlog is full (it accepts nothing until told): the kernel
 * drops the driver's SYN, and lets a retransmitted one through once the test has taken the connections queued before it.
 */
class ModbusPileConnectAtCloseTest {
    private static final String PILE = "held";
    /** A long lease, so that a request may wait long: the connect must outlast the close's 2 s wait for the thread. */
    private static final LeaseTiming LEASE = LeaseTiming.ofSeconds(120);
    /** The driver's connect (and request) wait: the kernel retransmits a dropped SYN 1, 3, 7 and 15 s after the first. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aConnectionMadeAfterTheCloseIsClosedUnused() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(Math.toIntExact(PATIENCE.toMillis()));
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            List<Socket> queued = fillBacklog(address);
            ModbusPileConfig config = ModbusPileConfig.of(PILE, new BusEndpoint.Tcp("127.0.0.1", listener.getLocalPort()), 7,
                    PileMaps.generic()).with(LEASE, Duration.ofMillis(200)).withTimeout(TIMEOUT);
            ModbusPileDriver driver = ModbusPileDriver.start(config, new RecordingListener(), Clock.systemUTC());
            Await.until("the driver's thread connecting (its SYN dropped: the backlog is full)", PATIENCE,
                    ModbusPileConnectAtCloseTest::driverConnects);
            driver.close();
            for (int i = 0; i < queued.size(); i++) {
                listener.accept().close(); // room in the backlog: the driver's next SYN is let through
            }
            for (Socket s : queued) {
                s.close();
            }
            try (Socket afterClose = listener.accept()) {
                afterClose.setSoTimeout(Math.toIntExact(PATIENCE.toMillis()));
                InputStream in = afterClose.getInputStream();
                byte[] sent = in.readNBytes(12);
                assertThat(sent).as("what the driver sent on the connection it made after its close (%s), before closing it",
                        Arrays.toString(sent)).isEmpty();
            }
        }
    }

    /** Connects to {@code address} until a connect is not taken (the backlog full), keeping those taken. */
    private static List<Socket> fillBacklog(InetSocketAddress address) throws Exception {
        List<Socket> taken = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            try {
                s.connect(address, 500);
                taken.add(s);
            } catch (SocketTimeoutException full) {
                s.close();
                return taken;
            }
        }
        throw new IllegalStateException("16 connections taken by a listener with a backlog of 1: the backlog does not fill");
    }

    /** Whether the driver's thread is in a socket's connect now. */
    private static boolean driverConnects() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals("pile-modbus-" + PILE))
                .flatMap(e -> Arrays.stream(e.getValue()))
                .anyMatch(f -> f.getClassName().equals("java.net.Socket") && f.getMethodName().equals("connect"));
    }
}
