package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A page opened before an upgrade keeps its script: the app.js of before page59 (the test's {@code app-previous.js},
 * served in place of today's by a proxy on 127.0.0.1) saves a reservation against today's gateway and shows it (real
 * Chromium, live gateway, real bridges and meter). Today's save flow (the save answered once the overview was built
 * again and streamed, the row's re-planning mark) must not need today's script. While re-planning, the overview gives
 * no finish ({@code finishAt} and {@code shortKwh} null), which the previous script, knowing no mark, shows as "—".
 */
class WebPagePreviousScriptBrowserTest {
    /** The pile table's declared departure and energy, its 8th column (app.js {@code COLUMNS}). */
    private static final By P0_DECLARED = By.cssSelector("#pile-p0 td:nth-child(8)");
    private static final Duration AHEAD = Duration.ofHours(1);

    @TempDir
    Path dir;
    @RegisterExtension
    final SignedInPage page = new SignedInPage();

    @Test
    void aReservationSavedByThePreviousScriptIsSavedAndShown() throws Exception {
        ChromeDriver chrome = page.browser(dir, 1360, 1200);
        // The script's own errors, from its first line: the previous script must not stumble on today's answers.
        chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.pageErrors = [];
                window.addEventListener('error', e => window.pageErrors.push(e.message));
                window.addEventListener('unhandledrejection', e => window.pageErrors.push(String(e.reason)));"""));
        WebRig rig = page.gateway(WebRig.onePrice(2, dir));
        try (ScriptSwappingProxy proxy = new ScriptSwappingProxy(rig.base, "/app.js", previousScript())) {
            page.showOnFailure("previous-script-failure", () -> {
                WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(30),
                        proxy.base() + "/#setup=" + rig.setupToken());
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
                assertThat(proxy.served()).as("the previous script served in place of today's").isPositive();
                wait.until(ExpectedConditions.textToBe(P0_DECLARED, "—"));
                // The plan before: one with a finish for p0's car; then every text p0's finish takes from here on.
                FinishTexts.fromAPlannedFinish(wait, chrome);
                Instant savedAt = Instant.now();

                page.reserve(wait, "p0", AHEAD, "42");
                wait.until(d -> d.findElement(P0_DECLARED).getText().endsWith(" · 42.0 kWh"));
                // Up to 30 s in calls of 5 s each: one async script may run no longer than the browser's script
                // timeout (10 s, Browser), past which it fails with a timeout instead of saying false.
                Object replanned = false;
                Instant giveUp = Instant.now().plusSeconds(30);
                while (!Boolean.TRUE.equals(replanned) && Instant.now().isBefore(giveUp)) {
                    replanned = chrome.executeAsyncScript("""
                        const done = arguments[arguments.length - 1], saved = arguments[0];
                        const until = Date.now() + 5000;
                        (async function poll() {
                          const o = await (await fetch('/api/overview')).json();
                          const p0 = o.piles.find(p => p.id === 'p0');
                          if (p0.replanning !== true && o.planAt >= saved) done(true);
                          else if (Date.now() > until) done(false);
                          else setTimeout(poll, 20);
                        })();""", savedAt.toEpochMilli());
                }
                assertThat(replanned).as("a plan made after the reservation within 30 s").isEqualTo(true);
                assertThat(FinishTexts.recorded(chrome)).as("p0's finish as the previous script said it while re-planning").contains("—");
                Object saved = chrome.executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        fetch('/api/overview').then(r => r.json())
                            .then(o => done(o.piles.find(p => p.id === 'p0').declaredKwh));""");
                assertThat(saved).as("the gateway's declared energy for p0").isEqualTo(42L);
                @SuppressWarnings("unchecked")
                List<String> errors = (List<String>) chrome.executeScript("return window.pageErrors;");
                assertThat(errors).as("the previous script's errors").isEmpty();
            });
        }
    }

    /** The app.js of commit 299d08f5, as the test's resources keep it. */
    private static byte[] previousScript() throws IOException {
        try (InputStream in = WebPagePreviousScriptBrowserTest.class.getResourceAsStream("app-previous.js")) {
            if (in == null) {
                throw new IOException("app-previous.js is not among the test's resources");
            }
            return in.readAllBytes();
        }
    }
}
