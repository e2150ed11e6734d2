package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * The bundle stopped (Kura's framework stop, an upgrade) while its gateway's upstream link awaits the broker's CONNACK
 * from a broker that took the connection and says nothing: the deactivate, which Felix SCR waits for, returns once the
 * gateway has stopped, the pile let go of before the link's wait. Also at the worst this module's tests can make: the
 * broker's CONNACK comes just before the link's wait for it ends, and nothing after it (no PUBACK), while another
 * process holds the store's write lock through the stop. Prints how long the bundle's stop took: the figures in
 * docs/operations.md, "The stop budget" (measurements, not asserted).
 */
class KuraSilentBrokerStopIT extends KuraBundleFixture {
    @Test
    void aBundleStoppedWhileTheBrokerIsSilentStopsItsGatewayWithinTheLinksWait() throws Exception {
        try (SilentBroker broker = new SilentBroker()) {
            Stopped stop = stoppedAgainst(broker, () -> () -> { });
            System.out.printf(Locale.ROOT, "bundle stop with a silent broker: %.1f s (deactivate included)%n",
                    stop.seconds());
            int letGo = indexOf(stop.lines(), "let go of");
            assertThat(letGo).as("the pile let go of before the link's stop; log:%n%s", stop.log()).isNotNegative()
                    .isLessThan(indexOf(stop.lines(), "upstream: stopped"));
        }
    }

    /**
     * The link's CONNACK comes 14 s after its CONNECT (its wait is 15 s from the attempt's start), then nothing; a
     * {@code python3} process holds the store's write lock (SQLite's {@code BEGIN IMMEDIATE}, as another program on
     * the box would) from just before the stop until it has returned, so every write of the stop waits out the busy
     * timeout.
     */
    @Test
    void aBundleStoppedAtItsWorstStopsItsGateway() throws Exception {
        try (SilentBroker broker = new SilentBroker(CONNACK_AFTER_MS)) {
            Stopped stop = stoppedAgainst(broker, () -> new StoreLocker(dir.resolve("orderly.db")));
            System.out.printf(Locale.ROOT, "bundle stop at its worst (CONNACK %s; the store's lock held): %.1f s"
                    + " (deactivate included); log:%n%s%n", broker.published() ? "taken, a PUBLISH after it, then"
                    + " nothing" : "sent, nothing after it", stop.seconds(), stop.log());
        }
    }

    /** What a stop of the bundle took, and what the gateway logged from just before it. */
    private record Stopped(double seconds, List<String> lines) {
        String log() {
            return String.join("\n", lines);
        }
    }

    /**
     * Runs the gateway against {@code broker}, stops the bundle once the link's CONNECT came, with what
     * {@code duringStop} opens open from just before the stop until it returned, and checks that the gateway's
     * threads ended and its link said it stopped.
     */
    private Stopped stoppedAgainst(SilentBroker broker, Callable<AutoCloseable> duringStop) throws Exception {
        // Threads another test in this JVM left are not this stop's: only those started here count. (Until 2026-12-06
        // KuraLifecycleIT's upgrade during a start, run before it in the module's build, left a pile driver's thread.)
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        try (LogTap log = LogTap.start()) {
            Path config = writeConfig("orderly.yaml", "orderly.db",
                    "upstream: { broker: \"tcp://127.0.0.1:%d\", plaintext: true }\n".formatted(broker.port()));
            try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
                Bundle bundle = installedRunningFrom(felix, config);
                assertThat(FelixRuntime.await(PATIENCE, broker::connectReceived)).as("the link's CONNECT received")
                        .isTrue();
                int mark = log.mark();
                double seconds;
                try (AutoCloseable around = duringStop.call()) {
                    long began = System.nanoTime();
                    bundle.stop();
                    seconds = (System.nanoTime() - began) / 1e9;
                }
                Stopped stop = new Stopped(seconds, log.since(mark));
                assertThat(FelixRuntime.await(PATIENCE, () -> startedSince(before).isEmpty()))
                        .as("gateway threads left: %s", startedSince(before)).isTrue();
                assertThat(indexOf(stop.lines(), "upstream: stopped")).as("the link stopped; log:%n%s", stop.log())
                        .isNotNegative();
                return stop;
            }
        }
    }

    /** When the worst case's broker sends its CONNACK after the CONNECT: just within the link's 15 s. */
    private static final long CONNACK_AFTER_MS = 14_000;

    /** Another process on the box holding the store's write lock until closed. */
    private static final class StoreLocker implements AutoCloseable {
        private final Process process;

        StoreLocker(Path store) throws IOException {
            process = new ProcessBuilder("python3", "-u", "-c", "import sqlite3, sys\n"
                    + "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                    + "c.execute('BEGIN IMMEDIATE')\n"
                    + "print('locked', flush=True)\n"
                    + "sys.stdin.read()\n"
                    + "c.execute('COMMIT')\n", store.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String said = new String(process.getInputStream().readNBytes("locked".length()),
                    java.nio.charset.StandardCharsets.US_ASCII);
            if (!said.equals("locked")) {
                throw new IOException("the store's locker said '" + said + "', not 'locked'");
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            process.getOutputStream().close();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("the store's locker did not end");
            }
        }
    }

    /** The gateway's threads ({@link #gatewayThreads()}'s names) alive now that were not in {@code before}. */
    private static List<String> startedSince(Set<Thread> before) {
        List<String> names = gatewayThreads();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                .map(Thread::getName).filter(names::contains).sorted().toList();
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A port on 127.0.0.1 that takes connections and reads what comes, never answering; or answering the first
     * connection's CONNECT with an MQTT v5 CONNACK (accepted) {@code connackAfterMs} after it came, and nothing else.
     */
    private static final class SilentBroker implements AutoCloseable {
        /** CONNACK, remaining length 3: no session present, reason 0 (success), no properties. */
        private static final byte[] CONNACK_V5 = {0x20, 0x03, 0x00, 0x00, 0x00};
        private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        private final List<Socket> taken = new CopyOnWriteArrayList<>();
        private final AtomicBoolean received = new AtomicBoolean();
        private final AtomicBoolean connackSent = new AtomicBoolean();
        private final AtomicBoolean publishedAfter = new AtomicBoolean();
        private final long connackAfterMs;
        private final Thread acceptor = new Thread(this::accept, "silent-broker");

        SilentBroker() throws IOException {
            this(-1);
        }

        SilentBroker(long connackAfterMs) throws IOException {
            this.connackAfterMs = connackAfterMs;
            acceptor.setDaemon(true);
            acceptor.start();
        }

        /** Whether the gateway sent anything (its "online") after the CONNACK. */
        boolean published() {
            return publishedAfter.get();
        }

        int port() {
            return server.getLocalPort();
        }

        boolean connectReceived() {
            return received.get();
        }

        private void accept() {
            try {
                while (true) {
                    Socket s = server.accept();
                    taken.add(s);
                    Thread reader = new Thread(() -> read(s), "silent-broker-reader");
                    reader.setDaemon(true);
                    reader.start();
                }
            } catch (IOException e) {
                // closed: the test is over
            }
        }

        private void read(Socket s) {
            try (InputStream in = s.getInputStream()) {
                byte[] buffer = new byte[512];
                while (in.read(buffer) >= 0) {
                    if (connackSent.get()) {
                        publishedAfter.set(true);
                    }
                    if (!received.getAndSet(true) && connackAfterMs >= 0) {
                        answerLater(s);
                    }
                }
            } catch (IOException e) {
                // closed by the test or by the gateway
            }
        }

        private void answerLater(Socket s) {
            Thread answer = new Thread(() -> {
                try {
                    Thread.sleep(connackAfterMs);
                    connackSent.set(true);
                    s.getOutputStream().write(CONNACK_V5);
                    s.getOutputStream().flush();
                } catch (InterruptedException | IOException e) {
                    // the test is over, or the gateway closed the connection first
                }
            }, "silent-broker-connack");
            answer.setDaemon(true);
            answer.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : taken) {
                s.close();
            }
        }
    }
}
