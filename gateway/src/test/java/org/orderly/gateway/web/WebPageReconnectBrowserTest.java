package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.orderly.testkit.ExternalTools;

/**
 * A page left open behind a reverse proxy (here socat, forwarding 127.0.0.1) while the proxy, for a moment, answers
 * 502 in the gateway's place, as nginx does while the gateway restarts or the link to it is down: the browser's
 * EventSource gives up for good on an answer that is not the stream, so the page must open it again itself once the
 * gateway answers, and its live values follow the meter again (real Chromium, live gateway, bridges and meter). Then the
 * proxy stalls with the stream open: the page says since when no update came, and is live again once it flows.
 */
class WebPageReconnectBrowserTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final SignedInPage page = new SignedInPage();
    private WebRig rig;
    private ChromeDriver chrome;
    private Process proxy;
    private String[] proxyCommand;
    private HttpServer badGateway;

    /** Before the extension quits the browser and closes the gateway. */
    @AfterEach
    void stop() {
        stopProxy();
        if (badGateway != null) {
            badGateway.stop(0);
        }
    }

    @Test
    void theLiveFeedComesBackAfterTheProxyAnswered502() throws Exception {
        String socat = ExternalTools.require("socat");
        chrome = page.browser(dir, 1360, 1000);
        rig = page.gateway(new WebRig(2, dir));
        int port = freePort();
        int webPort = Integer.parseInt(rig.base.substring(rig.base.lastIndexOf(':') + 1));
        String[] forward = {socat, "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork", "TCP:127.0.0.1:" + webPort};
        proxy = start(forward, port);
        page.showOnFailure("reconnect-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(30),
                    rig.web.setupUrl().replace(":" + webPort + "/", ":" + port + "/"));
            wait.until(ExpectedConditions.textToBe(By.id("live-text"), "实时"));
            wait.until(d -> number(d.findElement(By.id("transformer-kw"))) > 0);

            // The proxy loses the gateway: the stream is cut, and the browser's next try is answered 502.
            stopProxy();
            AtomicInteger refusedStreams = new AtomicInteger();
            AtomicInteger refusedAfterStream = new AtomicInteger();
            badGateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            badGateway.createContext("/", exchange -> {
                byte[] body = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(502, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                if (exchange.getRequestURI().getPath().equals("/api/live")) {
                    refusedStreams.incrementAndGet();
                } else if (exchange.getRequestURI().getPath().equals("/api/me") && refusedStreams.get() > 0) {
                    refusedAfterStream.incrementAndGet();
                }
            });
            badGateway.start();
            wait.until(ExpectedConditions.textToBe(By.id("live-text"), "正在重新连接…"));
            WebRig.await("the browser's try at the stream answered 502", Duration.ofSeconds(30),
                    () -> refusedStreams.get() > 0);
            // The outage lasts until the page's own try after the 502 (its /api/me, 5 s on) is answered 502 too: the
            // browser has given up the stream by then (the page tries only once it has), so no retry of the lost
            // stream still under way reaches the gateway, and what the page does after the 502 is tested, a failed
            // try of its own included.
            WebRig.await("the page's own try after the 502 answered 502 too", Duration.ofSeconds(30),
                    () -> refusedAfterStream.get() > 0);
            badGateway.stop(1);
            badGateway = null;

            // The gateway answers again, the sign-in still good: the page is live again and follows the meter.
            proxy = start(forward, port);
            rig.live.householdKw(30);
            wait.until(ExpectedConditions.textToBe(By.id("live-text"), "实时"));
            wait.until(d -> number(d.findElement(By.id("transformer-kw"))) >= 29.9);
            Browser.screenshot(chrome, "reconnected-zh");

            // The proxy stalls, its connections kept open (a hung gateway or a stalled link looks the same to the
            // page): no update comes, and the page no longer says it is live (until 2026-12-05 it said 实时 over the
            // last values for as long as the stall lasted: the demo's gateway stopped 40 s).
            signalProxy("STOP");
            try {
                new WebDriverWait(chrome, Duration.ofSeconds(60))
                        .withMessage(() -> "the header, stalled: " + chrome.findElement(By.id("live-text")).getText())
                        .until(d -> d.findElement(By.id("live-text")).getText()
                        .matches("数据自 \\d\\d:\\d\\d 起未更新"));
                Browser.screenshot(chrome, "stalled-zh");
            } finally {
                signalProxy("CONT");
            }
            wait.until(ExpectedConditions.textToBe(By.id("live-text"), "实时"));
        });
    }

    /** Starts socat and waits until it accepts connections on {@code port}. */
    private Process start(String[] command, int port) throws Exception {
        proxyCommand = command;
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        WebRig.await("socat listening on " + port, Duration.ofSeconds(10), () -> {
            try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return p;
    }

    /** Sends {@code signal} to socat and the children it forked for each connection (STOP: they stall, kept open). */
    private void signalProxy(String signal) throws Exception {
        String listener = String.join(" ", proxyCommand);
        for (ProcessHandle p : ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().filter(listener::equals).isPresent()).toList()) {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
            assertThat(kill.waitFor()).as("kill -%s %s", signal, p.pid()).isZero();
        }
    }

    /** Stops socat and the children it forked for each connection, which hold the page's open stream. */
    private void stopProxy() {
        if (proxy == null) {
            return;
        }
        // The listener first, so that it forks no more: a child forked between a look at its children and its end
        // (for the page's /api/me on the cut stream) lived on, orphaned, and the browser's retry of the stream went
        // through that child's kept-alive connection to the gateway, so no retry met the 502 (a fresh-clone CI,
        // 2026-12-02). Every child, orphaned or not, runs the listener's own command line.
        String listener = String.join(" ", proxyCommand);
        proxy.destroyForcibly();
        try {
            proxy.waitFor();
            for (ProcessHandle child : ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().filter(listener::equals).isPresent()).toList()) {
                child.destroyForcibly();
                child.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a child of the proxy " + listener + " did not end", e);
        }
        proxy = null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static double number(WebElement e) {
        String text = e.getText().trim();
        return text.isEmpty() || text.equals("—") ? -1 : Double.parseDouble(text);
    }
}
