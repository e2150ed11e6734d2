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
 * A car whose estimated finish comes after its resident's declared departure says so in the finish column, in Chinese
 * and in English (real Chromium, live gateway, real bridges and meter on 127.0.0.1). Until 2026-12-06 the two times
 * stood side by side beside "Charging as planned", read as the car being full when the resident leaves.
 */
class WebPageLateFinishBrowserTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final SignedInPage page = new SignedInPage();
    private ChromeDriver chrome;

    @Test
    void aFinishAfterTheDeclaredDepartureIsSaidToBeAfterIt() throws Exception {
        chrome = page.browser(dir, 1360, 1200);
        page.gateway(WebRig.onePrice(2, dir));
        page.showOnFailure("late-finish-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(30));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));

            // Leaving in an hour and wanting 150 kWh: no 32 A pile gives that in an hour.
            page.reserve(wait, "p0", Duration.ofHours(1), "150");

            By finish = By.cssSelector("#pile-p0 td.finish");
            wait.until(d -> d.findElement(finish).getText().matches("(\\d\\d/\\d\\d )?\\d\\d:\\d\\d（晚于预约离开）"));
            assertThat(chrome.findElement(finish).getAttribute("class")).contains("late");
            // A car that will not have its energy when its resident leaves needs the manager (since 2026-12-06): counted,
            // and listed first in a large compound (docs/web.md, "A large compound").
            assertThat(chrome.findElement(By.id("pile-attention-text")).getText()).isEqualTo("只看需处理的（1）");
            Browser.screenshot(chrome, "late-finish-zh");
            chrome.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
            wait.until(d -> d.findElement(finish).getText()
                    .matches("(\\d{1,2} [A-Z][a-z]{2}, )?\\d\\d:\\d\\d, after the departure"));
            // The other pile, its resident having declared nothing, says its finish plainly.
            assertThat(chrome.findElement(By.cssSelector("#pile-p1 td.finish")).getAttribute("class"))
                    .doesNotContain("late");
        });
    }
}
