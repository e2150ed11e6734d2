package org.orderly.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Mosquitto 2 for a test, on 127.0.0.1 and a free port, with its own configuration and log in a directory:
 * a million queued messages per client (a slow subscriber's backlog is never dropped), and, if asked, persistence (a
 * subscriber's session and its queued messages survive {@link #stop()} and {@link #start()}, on the same port).
 * Skips the test when Debian's mosquitto is missing (fails it with CI=true).
 */
public final class Mosquitto implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final int PORT_ATTEMPTS = 5;

    private final String exe;
    private final Path dir;
    private final boolean persistent;
    private List<String> moreConfig;
    private int port;
    private ChildProcess process;

    private Mosquitto(Path dir, boolean persistent, List<String> moreConfig) {
        this.exe = ExternalTools.require("mosquitto");
        this.dir = dir;
        this.persistent = persistent;
        this.moreConfig = List.copyOf(moreConfig);
    }

    /** A plaintext broker without persistence. */
    public static Mosquitto start(Path dir) throws IOException {
        return start(dir, List.of());
    }

    /**
     * A broker without persistence, with more configuration lines right after its listener line: options of the
     * listener (certfile, keyfile, cafile, require_certificate) or general ones (max_packet_size 2000;
     * max_inflight_messages 1, the Receive Maximum it announces to MQTT v5 clients, in place of this broker's 100).
     */
    public static Mosquitto start(Path dir, List<String> moreConfig) throws IOException {
        return firstStart(new Mosquitto(dir, false, moreConfig));
    }

    /**
     * Writes {@code file}, a Mosquitto password file giving {@code user} {@code password}, with Debian's
     * mosquitto_passwd, for a broker started with {@code password_file FILE}; the file.
     */
    public static Path passwordFile(Path file, String user, String password) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ExternalTools.requireProgram("mosquitto_passwd", "mosquitto"), "-b", "-c",
                file.toString(), user, password).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("mosquitto_passwd could not write " + file + ": " + said);
        }
        return file;
    }

    /**
     * A broker without persistence that checks every client against an ACL file of {@code aclLines} (Mosquitto's
     * {@code acl_file} format; lines before any {@code user} line are for anonymous clients, and what no line grants is
     * denied: over MQTT v5 a denied QoS 1 PUBLISH is answered with PUBACK reason code 0x87).
     */
    public static Mosquitto startWithAcl(Path dir, List<String> aclLines) throws IOException {
        Files.createDirectories(dir);
        Path acl = dir.resolve("acl");
        Files.writeString(acl, String.join("\n", aclLines) + "\n", StandardCharsets.UTF_8);
        return start(dir, List.of("acl_file " + acl));
    }

    /** A broker that keeps its subscribers' sessions in {@code dir} across {@link #stop()} and {@link #start()}. */
    public static Mosquitto startPersistent(Path dir, List<String> moreConfig) throws IOException {
        return firstStart(new Mosquitto(dir, true, moreConfig));
    }

    /** The ephemeral port may be taken by someone else before the broker binds it: then try another. */
    private static Mosquitto firstStart(Mosquitto m) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            m.port = LoopbackPorts.free();
            try {
                m.start();
                return m;
            } catch (IOException e) {
                m.stop();
                last = e;
            }
        }
        throw last;
    }

    public int port() {
        return port;
    }

    /** tcp://127.0.0.1:port */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** ssl://127.0.0.1:port, for a broker given a certificate. */
    public String sslUrl() {
        return "ssl://127.0.0.1:" + port;
    }

    /** Starts the broker again on its port after {@link #stop()}. */
    public void start() throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("mosquitto.conf");
        List<String> lines = new ArrayList<>(List.of("listener " + port + " 127.0.0.1"));
        lines.addAll(moreConfig);
        lines.addAll(List.of(
                "allow_anonymous true",
                // Not 0 ("no limit"): Mosquitto 2.0.11 then answers a denied QoS 1 PUBLISH with its PUBACK (0x87) and
                // drops the connection whenever other packets to that client are still waiting to be written (its
                // out_packet_count >= max_queued_messages check, quota exceeded). A million is no limit for a test.
                "max_queued_messages 1000000"));
        if (moreConfig.stream().noneMatch(l -> l.startsWith("max_inflight_messages "))) {
            // Also the Receive Maximum announced to MQTT v5 clients: how many QoS 1 PUBLISHes they may have
            // unacknowledged at once.
            lines.add("max_inflight_messages 100");
        }
        lines.addAll(List.of(
                // Run as whoever runs the test, so the broker can write its persistence here and read the test's keys.
                "user " + System.getProperty("user.name"),
                "log_dest stderr",
                "log_type all"));
        if (persistent) {
            lines.addAll(List.of("persistence true", "persistence_location " + dir + "/", "autosave_interval 1"));
        } else {
            lines.add("persistence false");
        }
        Files.writeString(conf, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        // The log is appended to across restarts: wait for one more "listening" line than there was before, so a
        // connection to someone else's socket on a reused port is not taken for this broker.
        String listening = "Opening ipv4 listen socket on port " + port;
        int before = count(log(), listening);
        process = ChildProcess.start("mosquitto on port " + port, List.of(exe, "-c", conf.toString()), logFile());
        try {
            process.awaitReady("listening", START_TIMEOUT, Duration.ofMillis(50),
                    () -> count(log(), listening) > before && LoopbackPorts.accepts(port, Duration.ofMillis(200)));
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while mosquitto started", e);
        }
    }

    /**
     * Stops the broker and starts it again on its port with {@code moreConfig} in place of the lines it was given (as
     * an operator restarts it after changing its configuration, e.g. {@code max_inflight_messages 40000}).
     */
    public void restartWith(List<String> moreConfig) throws IOException {
        stop();
        this.moreConfig = List.copyOf(moreConfig);
        start();
    }

    /** SIGTERM: a persistent broker saves its sessions and exits. */
    public void stop() {
        if (process != null) {
            process.close();
        }
    }

    /**
     * Rewrites the ACL file of a broker {@link #startWithAcl started with one} to {@code aclLines} and has the broker
     * reload it (SIGHUP), as an operator changes what clients may do: the connections stay, and their next PUBLISHes
     * are checked against the new lines. Returns once the broker has logged the reload.
     */
    public void reloadAcl(List<String> aclLines) throws IOException, InterruptedException {
        String reloading = "Reloading config.";
        int before = count(log(), reloading);
        Files.writeString(dir.resolve("acl"), String.join("\n", aclLines) + "\n", StandardCharsets.UTF_8);
        signal("HUP");
        long until = System.nanoTime() + START_TIMEOUT.toNanos();
        while (count(log(), reloading) <= before) {
            if (System.nanoTime() > until) {
                throw new IOException("mosquitto on port " + port + " did not log a reload within " + START_TIMEOUT);
            }
            Thread.sleep(20);
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

    /** Everything the broker has logged, across restarts. */
    public String log() {
        try {
            return Files.readString(logFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private Path logFile() {
        return dir.resolve("mosquitto.log");
    }

    @Override
    public void close() {
        stop();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

}
