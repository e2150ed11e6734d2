package org.orderly.gateway.web;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.orderly.bridge.pile.PileFault;
import org.orderly.gateway.app.LiveRig;
import org.orderly.gateway.app.config.WebConfig;

/**
 * Not a test: the figures for docs/web.md ("A large compound"), run only on request.
 *
 * <pre>mvn -B -o -pl gateway -am test -Dtest=WebPageHeightBenchmark -Dorderly.bench=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * with {@code CI=true} in the environment, as the browser tests.
 * A live gateway with 300 real firmware-bridges and a real Modbus TCP meter in this JVM; two bridges tripped (p137,
 * p262: the two piles that need the manager). A headless Chromium signed in, at a phone's width (390 x 844) and an
 * office display's (1366 x 768), says how tall the page is and how far down the first of the two piles' rows is.
 *
 * <p>Its second run, a dozen piles that need the manager on a phone (390 x 844): three in fault, four offline (their
 * bridges silent) and five whose cars finish after a departure declared an hour ahead for 150 kWh. It says which of the
 * dozen the first screen names (a line of the attention list or, without one, the row's reason), and how tall the page is.
 */
@EnabledIfSystemProperty(named = "orderly.bench", matches = "true")
class WebPageHeightBenchmark {
    private static final int PILES = 300;
    private static final List<Integer> TRIPPED = List.of(137, 262);
    private static final List<Integer> FAULTS = List.of(45, 137, 262);
    private static final List<Integer> OFFLINE = List.of(12, 88, 201, 290);
    private static final List<Integer> LATE = List.of(7, 150, 180, 233, 299);
    private static final String PASSWORD = "benchmark-password";
    @TempDir
    Path dir;

    @Test
    void threeHundredPilesOnAPhoneAndADesktop() throws Exception {
        onPage(rig -> TRIPPED.forEach(i -> rig.bridges.get(i).trip(PileFault.contactorWelded())), web -> {
            measure(web, 390, 844, true);
            measure(web, 1366, 768, false);
        });
    }

    /** What a run does to the live gateway's bridges, once each holds its lease. */
    private interface Bridges {
        void change(LiveRig rig);
    }

    /** What a run measures on the page. */
    private interface Measure {
        void on(WebServer web) throws Exception;
    }

    /** The live gateway, its bridges {@code changed} once every one is leased, its page served for {@code measure}. */
    private void onPage(Bridges changed, Measure measure) throws Exception {
        try (LiveRig rig = new LiveRig(PILES, 10, dir, "tariff:\n  periods: [ { from: \"00:00\", to: \"24:00\", price: 0.5 } ]\n", "")) {
            WebRig.await("every bridge leased", Duration.ofSeconds(180),
                    () -> rig.bridges.stream().allMatch(b -> b.leased()));
            changed.change(rig);
            try (WebServer web = WebServer.start(rig.gateway,
                    new WebConfig("127.0.0.1", 0, Duration.ofMinutes(60), dir.resolve("users.json")), Clock.systemUTC())) {
                measure.on(web);
            }
        }
    }

    @Test
    void aDozenPilesThatNeedTheManagerOnAPhone() throws Exception {
        onPage(rig -> {
            FAULTS.forEach(i -> rig.bridges.get(i).trip(PileFault.contactorWelded()));
            OFFLINE.forEach(i -> rig.bridges.get(i).silence());
        }, web -> {
            ChromeDriver chrome = signedIn(web, 390, 844, true);
            try {
                // Four silent bridges are offline after the gateway's 70 s: waited for below.
                WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(240));
                NeedingPiles.declareLate(chrome, LATE.stream().map(i -> "p" + i).toList());
                int needing = FAULTS.size() + OFFLINE.size() + LATE.size();
                try {
                    wait.until(ExpectedConditions.textToBe(By.id("pile-attention-text"), "只看需处理的（" + needing + "）"));
                } catch (TimeoutException e) {
                    throw new AssertionError("the piles counted first, then the late cars': " + chrome.executeScript("""
                            const rows = [...document.querySelectorAll('#piles tbody tr')].slice(0, 14)
                                .concat(arguments[0].map(i => document.getElementById('pile-p' + i)));
                            return rows.map(tr => [...tr.cells].map(td => td.textContent).join(' | ')).join('\\n');""",
                            LATE), e);
                }
                Thread.sleep(3_000);
                List<String> named = NeedingPiles.namedInFirstScreen(chrome,
                        Stream.of(FAULTS, OFFLINE, LATE).flatMap(List::stream).map(i -> "p" + i).toList());
                @SuppressWarnings("unchecked")
                List<Number> figures = (List<Number>) chrome.executeScript("""
                        window.scrollTo(0, 0);
                        return [window.innerHeight, document.documentElement.scrollHeight,
                            document.getElementById('piles-card').getBoundingClientRect().top,
                            document.getElementById('kpi-transformer').getBoundingClientRect().bottom];""");
                // One live update's render, as WebPageBenchmark reads it: ten updates, a second apart.
                List<Double> renders = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    renders.add(((Number) chrome.executeScript("return window.orderlyRenderMs;")).doubleValue());
                    Thread.sleep(1_000);
                }
                Collections.sort(renders);
                Browser.screenshot(chrome, "height-300-dozen-390");
                System.out.printf("BENCH page at %d piles, %d needing the manager, window 390 x %s: page %s px tall;"
                        + " the pile card's top at %s px, the transformer card's bottom at %s px; named in the first"
                        + " screen: %s; one live update's render %.1f ms (median of 10: %s)%n", PILES, needing,
                        figures.get(0), figures.get(1), figures.get(2), figures.get(3), String.join(" ", named),
                        (renders.get(4) + renders.get(5)) / 2, renders);
            } finally {
                chrome.quit();
            }
        });
    }

    private void measure(WebServer web, int width, int height, boolean first) throws Exception {
        ChromeDriver chrome = signedIn(web, width, height, first);
        try {
            WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(60));
            wait.until(ExpectedConditions.textToBe(By.id("pile-attention-text"), "只看需处理的（" + TRIPPED.size() + "）"));
            Thread.sleep(3_000);
            @SuppressWarnings("unchecked")
            List<Number> figures = (List<Number>) chrome.executeScript("""
                    const tops = arguments[0].map(i => document.getElementById('pile-p' + i).getBoundingClientRect().top
                        + window.scrollY);
                    return [window.innerWidth, window.innerHeight, document.documentElement.scrollHeight,
                        Math.min(...tops), Math.max(...tops)];""", TRIPPED);
            Browser.screenshot(chrome, "height-300-" + width);
            System.out.printf("BENCH page at %d piles, window %s x %s: page %s px tall; the tripped piles' rows at %s and"
                    + " %s px from the top%n", PILES, figures.get(0), figures.get(1), figures.get(2), figures.get(3),
                    figures.get(4));
        } finally {
            chrome.quit();
        }
    }

    /**
     * A browser of {@code width} x {@code height} signed in to the page ({@code first}: the first account made through
     * the setup link), once it lists every pile.
     */
    private ChromeDriver signedIn(WebServer web, int width, int height, boolean first) {
        ChromeDriver chrome = Browser.start(dir.resolve("profile-" + width), width, height);
        try {
            WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(60));
            chrome.get(first ? web.setupUrl() : "http://127.0.0.1:" + web.port() + "/");
            if (first) {
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("setup-form")));
                chrome.findElement(By.id("setup-name")).sendKeys("li");
                chrome.findElement(By.id("setup-password")).sendKeys(PASSWORD);
                chrome.findElement(By.id("setup-submit")).click();
            } else {
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
                chrome.findElement(By.id("signin-name")).sendKeys("li");
                chrome.findElement(By.id("signin-password")).sendKeys(PASSWORD);
                chrome.findElement(By.id("signin-submit")).click();
            }
            wait.until(d -> d.findElements(By.cssSelector("#piles tbody tr[id]")).size() == PILES);
            return chrome;
        } catch (RuntimeException e) {
            chrome.quit();
            throw e;
        }
    }
}
