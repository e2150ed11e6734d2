package org.orderly.gateway.upstream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.orderly.testkit.ExternalTools;

/**
 * A real Mosquitto 2 on 127.0.0.1 and a free port, with its own generated configuration: persistence on (a
 * subscriber's session and its queued messages survive {@link #stop()} and {@link #start()}), no queue limit, and
 * optionally a TLS listener. Skipped (or failed with CI=true) when mosquitto is not installed.
 */
public final class MosquittoBroker implements AutoCloseable {
    private final String exe;
    private final Path dir;
    private final int port;
    private final String tls;
    private Process process;

    private MosquittoBroker(Path dir, String tls) throws IOException {
        this.exe = ExternalTools.require("mosquitto");
        this.dir = dir;
        this.port = freePort();
        this.tls = tls;
    }

    /** A plaintext broker (tcp://). */
    public static MosquittoBroker plain(Path dir) throws IOException {
        MosquittoBroker b = new MosquittoBroker(dir, "");
        b.start();
        return b;
    }

    /** A plaintext broker with more configuration lines (e.g. {@code max_packet_size 4000}). */
    public static MosquittoBroker plainWith(Path dir, String moreConfig) throws IOException {
        MosquittoBroker b = new MosquittoBroker(dir, moreConfig.endsWith("\n") ? moreConfig : moreConfig + "\n");
        b.start();
        return b;
    }

    /**
     * A TLS broker (ssl://) presenting {@code certFile} with {@code keyFile}; with {@code clientCa} it requires a client
     * certificate signed by that CA.
     */
    public static MosquittoBroker tls(Path dir, Path certFile, Path keyFile, Path clientCa) throws IOException {
        String conf = "certfile " + certFile + "\nkeyfile " + keyFile + "\n";
        if (clientCa != null) {
            conf += "cafile " + clientCa + "\nrequire_certificate true\n";
        }
        MosquittoBroker b = new MosquittoBroker(dir, conf);
        b.start();
        return b;
    }

    public String sslUri() {
        return "ssl://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String tcpUri() {
        return "tcp://127.0.0.1:" + port;
    }

    public void start() throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\n"
                + "allow_anonymous true\n"
                + "persistence true\n"
                + "persistence_location " + dir + "/\n"
                + "autosave_interval 1\n"
                + "max_queued_messages 0\n"
                + "max_inflight_messages 20\n"
                + "user " + System.getProperty("user.name") + "\n"
                + "log_type all\n"
                + tls, StandardCharsets.UTF_8);
        // The log is appended to across restarts: wait for one more "listening" line than there was before, so a
        // connect to someone else's socket on a reused port is not mistaken for this broker.
        String listening = "Opening ipv4 listen socket on port " + port;
        int before = count(log(), listening);
        process = new ProcessBuilder(exe, "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": " + log());
            }
            if (count(log(), listening) <= before) {
                sleep(50);
                continue;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IOException("mosquitto not listening on " + port + " within 15 s: " + log());
    }

    /** SIGTERM: Mosquitto saves its persistence file and exits. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** SIGSTOP: the broker keeps its sockets open but answers nothing, as a hung broker or a stalled link would. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
