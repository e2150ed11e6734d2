package org.orderly.gateway.web;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
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
    private WebRig rig;
    private ChromeDriver chrome;

    @Test
    void aCarWaitingForTheFlatPriceIsNotSaidToWaitForTheValley() throws Exception {
        chrome = page.browser(dir, 1360, 1200);
        rig = page.gateway(WebRig.peakThenFlat(2, dir));
        page.showOnFailure("lower-price-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(30));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));

            // The resident leaves in three hours, before the valley, and needs 5 kWh: the flat price is the cheapest
            // the car can have.
            By reserve = By.cssSelector("#pile-p0 button.reserve");
            wait.until(ExpectedConditions.elementToBeClickable(reserve));
            chrome.findElement(reserve).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reserve-dialog")));
            String departure = LocalDateTime.now(rig.zone).plusHours(3).truncatedTo(ChronoUnit.MINUTES).toString();
            chrome.executeScript("arguments[0].value = arguments[1];",
                    chrome.findElement(By.id("reserve-departure")), departure);
            chrome.findElement(By.id("reserve-energy")).sendKeys("5");
            chrome.findElement(By.id("reserve-submit")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("reserve-dialog")));

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
