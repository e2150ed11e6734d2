package org.orderly.gateway.web;

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
 * A car waiting for a cheaper period that is not the valley (the flat price after the peak, the valley coming only
 * after the resident leaves) is not said to wait for the valley (real Chromium, live gateway, real bridges and meter
 * on 127.0.0.1), in Chinese and in English.
 */
class WebPageLowerPriceBrowserTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final SignedInPage page = new SignedInPage();
    private ChromeDriver chrome;

    @Test
    void aCarWaitingForTheFlatPriceIsNotSaidToWaitForTheValley() throws Exception {
        chrome = page.browser(dir, 1360, 1200);
        page.gateway(WebRig.peakThenFlat(2, dir));
        page.showOnFailure("lower-price-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(30));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));

            // The resident leaves in three hours, before the valley, and needs 5 kWh: the flat price is the cheapest
            // the car can have.
            page.reserve(wait, "p0", Duration.ofHours(3), "5");

            By reason = By.cssSelector("#pile-p0 td.reason[data-reason='WAITING_FOR_CHEAPER_PERIOD']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(reason));
            wait.until(d -> d.findElement(reason).getText().matches("等待较低电价（\\d\\d:\\d\\d 开始）"));
            Browser.screenshot(chrome, "lower-price-zh");
            chrome.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
            wait.until(d -> d.findElement(reason).getText().matches("Waiting for a lower price \\(from \\d\\d:\\d\\d\\)"));
        });
    }
}
