package org.orderly.gateway.web;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.orderly.gateway.app.LiveRig;
import org.orderly.gateway.app.config.WebConfig;

/**
 * Not a test: the figures for docs/benchmarks.md, run only on request.
 *
 * <pre>mvn -B -o -pl gateway -am test -Dtest=WebPageBenchmark -Dorderly.bench=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * A live gateway with 300 real firmware-bridges and a real Modbus TCP meter in this JVM. (1) Heap: the live heap
 * after full GCs, over a minute without the page (drift), then over a minute with the page started and a headless
 * Chromium watching it (live updates of all 300 piles every second). (2) Page: a signed-in browser navigates to the
 * page afresh seven times; each time, how long from navigation start until the first overview with all 300 rows is
 * on screen (a performance mark the page sets), and how long one live update's render takes.
 */
@EnabledIfSystemProperty(named = "orderly.bench", matches = "true")
class WebPageBenchmark {
    private static final int PILES = 300;
    private static final String PASSWORD = "benchmark-password";
    @TempDir
    Path dir;

    @Test
    void threeHundredPiles() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (LiveRig rig = new LiveRig(PILES, 10, dir, "tariff:\n  periods: [ { from: \"00:00\", to: \"24:00\", price: 0.5 } ]\n", "")) {
            WebRig.await("every bridge leased", Duration.ofSeconds(120),
                    () -> rig.bridges.stream().allMatch(b -> b.leased()));
            Thread.sleep(20_000);
            long before = liveHeap(memory);
            Thread.sleep(60_000);
            long drift = liveHeap(memory) - before;

            long startWeb = liveHeap(memory);
            try (WebServer web = WebServer.start(rig.gateway,
                    new WebConfig("127.0.0.1", 0, Duration.ofMinutes(60), dir.resolve("users.json")), Clock.systemUTC())) {
                String base = "http://127.0.0.1:" + web.port() + "/";
                ChromeDriver chrome = Browser.start(dir.resolve("profile"), 1360, 1500);
                try {
                    WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
                    chrome.get(web.setupUrl());
                    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("setup-form")));
                    chrome.findElement(By.id("setup-name")).sendKeys("li");
                    chrome.findElement(By.id("setup-password")).sendKeys(PASSWORD);
                    chrome.findElement(By.id("setup-submit")).click();
                    wait.until(d -> d.findElements(By.cssSelector("#piles tbody tr")).size() == PILES);

                    List<Double> firstOverview = new ArrayList<>();
                    List<Double> render = new ArrayList<>();
                    for (int i = 0; i < 7; i++) {
                        chrome.get(base);
                        wait.until(d -> d.findElements(By.cssSelector("#piles tbody tr")).size() == PILES
                                && ((Number) chrome.executeScript(
                                "return performance.getEntriesByName('orderly-first-overview').length")).intValue() > 0);
                        firstOverview.add(((Number) chrome.executeScript(
                                "return performance.getEntriesByName('orderly-first-overview')[0].startTime")).doubleValue());
                        Thread.sleep(3_000);
                        render.add(((Number) chrome.executeScript("return window.orderlyRenderMs")).doubleValue());
                    }
                    ApiClient api = new ApiClient("http://127.0.0.1:" + web.port());
                    api.login("li", PASSWORD);
                    int overviewBytes = api.get("/api/overview").body().toString().length();

                    Thread.sleep(60_000);
                    long withWeb = liveHeap(memory) - startWeb;
                    System.out.printf("BENCH web, %d piles: first overview on screen after navigation, ms: %s (median %.0f)%n",
                            PILES, firstOverview, median(firstOverview));
                    System.out.printf("BENCH render of one live update, ms: %s (median %.1f); overview JSON %d bytes%n",
                            render, median(render), overviewBytes);
                    System.out.printf("BENCH live heap: drift over 60 s without the page %+.1f MB; after the page ran 60+ s"
                            + " with a browser watching %+.1f MB (difference %.1f MB)%n",
                            drift / 1e6, withWeb / 1e6, (withWeb - drift) / 1e6);
                } finally {
                    chrome.quit();
                }
            }
        }
    }

    /** Heap in use after full collections (the live set). */
    private static long liveHeap(MemoryMXBean memory) throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
