package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A car that waits for its turn at the same price (the scheduler's {@code WAITING_FOR_ITS_TURN}) says so on the page,
 * with the time its turn comes, in Chinese and in English (real Chromium, live gateway, real bridges and meter on
 * 127.0.0.1). One price all day and more cars than the transformer's room: no later period is cheaper, so the plan
 * shares the room out over the evening.
 */
class WebPageTurnBrowserTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final SignedInPage page = new SignedInPage();
    private WebRig rig;
    private ChromeDriver chrome;

    @Test
    void aCarWaitingForItsTurnSaysSoWithTheTimeItComes() throws Exception {
        chrome = page.browser(dir, 1360, 1200);
        rig = page.gateway(WebRig.onePrice(8, dir));
        page.showOnFailure("turn-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(30));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));

            By queued = By.cssSelector("#piles td.reason[data-reason='WAITING_FOR_ITS_TURN']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(queued));
            // Any queued row: the scheduler may give the turn to another pile meanwhile. A turn after midnight is
            // shown with its day.
            wait.until(d -> d.findElements(queued).stream().anyMatch(
                    e -> e.getText().matches("排队中：(\\d\\d/\\d\\d )?\\d\\d:\\d\\d 起充电（电价不变）")));
            assertThat(chrome.findElement(queued).getAttribute("class")).contains("wait");
            Browser.screenshot(chrome, "turn-zh");

            chrome.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
            wait.until(d -> d.findElements(queued).stream().anyMatch(
                    e -> e.getText().matches("Queued: charges from (\\d{1,2} [A-Z][a-z]{2}, )?\\d\\d:\\d\\d at the same price")));
            Browser.screenshot(chrome, "turn-en");
        });
    }
}
