package org.orderly.tools.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.orderly.testkit.ExternalTools;

/**
 * A real Mosquitto 2 broker for one test: its own config file, a free loopback port, no persistence; stopped (by
 * its process id) on close. Skips the test when Debian's mosquitto is missing (fails on CI).
 */
public final class Mosquitto implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private Mosquitto(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a broker in {@code dir} (config and log go there). */
    public static Mosquitto start(Path dir) throws IOException, InterruptedException {
        return start(dir, List.of());
    }

    /** Starts a broker whose listener has {@code listenerOptions} too (e.g. certfile and keyfile for TLS). */
    public static Mosquitto start(Path dir, List<String> listenerOptions) throws IOException, InterruptedException {
        String exe = ExternalTools.require("mosquitto");
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            Path conf = dir.resolve("mosquitto-" + port + ".conf");
            Path log = dir.resolve("mosquitto-" + port + ".log");
            // Queues sized for the load test: a shared subscriber's backlog must not be dropped by the broker.
            Files.writeString(conf, String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    String.join("\n", listenerOptions),
                    "allow_anonymous true",
                    "persistence false",
                    "max_queued_messages 100000",
                    "max_inflight_messages 100",
                    "log_dest stderr",
                    "log_type error",
                    "log_type warning",
                    ""));
            Process p = new ProcessBuilder(exe, "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Mosquitto m = new Mosquitto(p, port, log);
            if (m.awaitListening(Duration.ofSeconds(10))) {
                return m;
            }
            m.close();
            last = new IOException("mosquitto did not listen on 127.0.0.1:" + port + "; its log: "
                    + Files.readString(log));
        }
        throw last;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    private boolean awaitListening(Duration timeout) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    /** A loopback port that was free a moment ago (the OS's ephemeral choice). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
