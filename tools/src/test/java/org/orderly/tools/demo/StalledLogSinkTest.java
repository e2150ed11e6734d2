package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.core.model.LineLoads;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.gateway.web.auth.Account;
import org.orderly.gateway.web.auth.Accounts;
import org.orderly.gateway.web.auth.PasswordHash;
import org.orderly.gateway.web.auth.Role;
import org.orderly.testkit.StalledPipe;

/**
 * The design's live loop: nothing on the control thread waits on I/O, the log included. {@code orderly run} runs as its
 * own process with standard error on a pipe (a FIFO) that stops being read, as journald's does when it stalls; the
 * test fills that pipe's 64 KiB so that every write to it blocks. The gateway's page then must still see the control
 * cycle go on: the transformer meter (a real Modbus TCP slave in this JVM) is taken away and brought back, and each
 * change of control mode, which the control thread logs before it records it, must reach the store (the page's
 * {@code GET /api/events}) and the overview; the bridges (this JVM's, as {@code orderly demo --no-gateway} starts
 * them) must keep the gateway's lease.
 */
class StalledLogSinkTest {
    private static final int PILES = 2;
    /** Short leases, so that a control loop that stops shows as lapsed leases soon. */
    private static final int TTL_S = 5;
    private static final String USER = "installer";
    private static final String PASSWORD = "stalled-log-sink-1";
    private static final Duration START_WITHIN = Duration.ofSeconds(40);
    /** Generous: the meter's reading turns stale after 3 s; a mode change is recorded at the next cycle. */
    private static final Duration CHANGE_WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Demo peers;
    private MeterServer meter;
    private Process gateway;
    private StalledPipe stderr;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (stderr != null) {
            stderr.readToEnd(); // until every writer is gone: the gateway, and the filler once its bytes are through
            stderr.close();
        }
        if (meter != null) {
            meter.close();
        }
        if (peers != null) {
            peers.close();
        }
    }

    @Test
    @Timeout(180)
    void theControlCycleGoesOnWhileStandardErrorIsBlocked() throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        FreePorts peersMeter = FreePorts.find(0);
        int webPort = freeTcpPort();
        String yaml = new DemoCompound(PILES, ports.meterPort(), ports.firstPilePort(), webPort).yaml()
                .replace("plain: true }", "plain: true, ttlSeconds: " + TTL_S + " }");
        Path config = Files.writeString(dir.resolve("compound.yaml"), yaml, StandardCharsets.UTF_8);
        Path devices = DemoTest.find("config/devices");
        Path repo = devices.getParent().getParent();
        GatewayConfig c = ConfigLoader.load(config, devices);

        // The bridges as the demo starts them; its own meter on a port of its own, which the gateway does not read.
        String peersYaml = new DemoCompound(PILES, peersMeter.meterPort(), ports.firstPilePort(), 0).yaml();
        GatewayConfig peersConfig = ConfigLoader.load(Files.writeString(dir.resolve("peers.yaml"), peersYaml,
                StandardCharsets.UTF_8), devices);
        peers = Demo.start(peersConfig, devices, dir.resolve("peers"), Clock.systemUTC(), TimeScale.REAL,
                new PrintWriter(new StringWriter()), false);
        meter = meterOn(c, devices);
        Accounts.open(dir.resolve("web-users.json"))
                .put(new Account(USER, Role.INSTALLER, PasswordHash.hash(PASSWORD.toCharArray())));

        stderr = StalledPipe.make(dir.resolve("stderr.fifo"));
        stderr.drain();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        gateway = new ProcessBuilder(java, "-Dorderly.home=" + repo, "-cp", System.getProperty("java.class.path"),
                "org.orderly.tools.OrderlyCommand", "run", "--config", config.toString(), "--devices", devices.toString())
                .directory(dir.toFile())
                .redirectError(stderr.path().toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();

        Page page = new Page(webPort);
        await("the gateway's page answers a sign-in", START_WITHIN, page::signIn);
        await("the first control mode recorded (normal), and every bridge leased", START_WITHIN,
                () -> modeChanges(page) >= 1 && "NORMAL".equals(mode(page)) && allTrue(peers.leased()));
        long before = modeChanges(page);

        stderr.stall();

        meter.close();
        meter = null;
        await("the control cycle records normal -> conservative once the meter is gone", CHANGE_WITHIN,
                () -> modeChanges(page) >= before + 1 && "CONSERVATIVE".equals(mode(page)));
        meter = meterOn(c, devices);
        await("the control cycle records conservative -> normal once the meter is back", CHANGE_WITHIN,
                () -> modeChanges(page) >= before + 2 && "NORMAL".equals(mode(page)));
        await("every bridge holds the gateway's lease", Duration.ofSeconds(3L * TTL_S), () -> allTrue(peers.leased()));
        assertThat(gateway.isAlive()).isTrue();
    }

    private static MeterServer meterOn(GatewayConfig c, Path devices) throws Exception {
        MeterServer m = new MeterServer(InetAddress.getByName("127.0.0.1"), ((BusEndpoint.Tcp)
                c.bus(c.transformerMeter().bus()).endpoint()).port(), c.transformerMeter().unit(),
                RegisterMapLoader.load(devices.resolve(c.transformerMeter().map() + ".yaml")));
        new LiveSupply(c.transformer().phaseVoltageV()).at(Instant.now(), new LineLoads(14, 13, 13)).forEach(m::set);
        return m;
    }

    private long modeChanges(Page page) {
        long n = 0;
        for (JsonNode e : page.get("/api/events?hours=1")) {
            if ("control.mode".equals(e.path("kind").asText())) {
                n++;
            }
        }
        return n;
    }

    private static String mode(Page page) {
        return page.get("/api/overview").path("mode").asText();
    }

    private void await(String what, Duration within, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "answered";
        while (System.nanoTime() < deadline) {
            assertThat(gateway.isAlive()).as("the gateway exited (%s); its log:%n%s",
                    gateway.isAlive() ? "-" : gateway.exitValue(), stderr.text()).isTrue();
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (UncheckedIOException e) {
                last = e.getMessage(); // the page did not answer in time: asked again
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within " + within.toSeconds() + " s: " + what + " (the page last: " + last
                + "); the control thread:\n"
                + controlThread() + "\nits log while it was read:\n" + stderr.text());
    }

    /** The gateway's control thread as jcmd shows it: where it waits. */
    private String controlThread() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(gateway.pid()), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            int at = dump.indexOf("\"orderly-control\"");
            if (at < 0) {
                return "(no orderly-control thread in jcmd's dump)";
            }
            int end = dump.indexOf("\n\n", at);
            return dump.substring(at, end < 0 ? dump.length() : end);
        } catch (IOException e) {
            return "(jcmd failed: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean v : values) {
            if (!v) {
                return false;
            }
        }
        return true;
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** The gateway's page, signed in as the installer. */
    private static final class Page {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private String cookie;

        Page(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        boolean signIn() {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                java.util.Map.of("name", USER, "password", PASSWORD))))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    return false;
                }
                cookie = r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("orderly_session="))
                        .map(h -> h.substring(0, h.indexOf(';') < 0 ? h.length() : h.indexOf(';'))).findFirst()
                        .orElseThrow(() -> new AssertionError("no orderly_session cookie: " + r.headers()));
                return true;
            } catch (IOException e) {
                return false; // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        JsonNode get(String path) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(10)).header("Cookie", cookie).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new UncheckedIOException("GET " + path + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
