package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A refusal reads in the page's language, in the real Chromium against a live gateway: on the Chinese page a pile
 * limit out of range is said in Chinese, with the pile's range, not as the server's English line; a pause is listed
 * among the events at once, in Chinese.
 */
class WebPageRefusalBrowserTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final SignedInPage page = new SignedInPage();
    private ChromeDriver chrome;

    @Test
    void aLimitOutOfRangeIsRefusedInChineseOnTheChinesePage() throws Exception {
        chrome = page.browser(dir, 1360, 1200);
        page.gateway(new WebRig(1, dir));
        page.showOnFailure("refusal-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(90));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
            wait.until(d -> !d.findElements(By.cssSelector("#piles tr#pile-p0 button.limit")).isEmpty());
            chrome.findElement(By.cssSelector("#pile-p0 button.limit")).click();
            Alert prompt = wait.until(ExpectedConditions.alertIsPresent());
            prompt.sendKeys("3");
            prompt.accept();
            wait.until(d -> d.findElement(By.id("toast")).isDisplayed()
                    && !d.findElement(By.id("toast")).getText().isBlank());
            String toast = chrome.findElement(By.id("toast")).getText();
            assertThat(toast).as("the refusal on the Chinese page").startsWith("已拒绝：")
                    .contains("充电桩 p0", "3").doesNotContain("amps", "pause", "was");

            // A pause made on the page is in its event list at once (not at the list's reload a minute later), and
            // said in Chinese: paused, by whom; not the stored "0.0 A by li".
            chrome.findElement(By.cssSelector("#pile-p0 button.pause")).click();
            // Read in one script: the list is rebuilt at each reload, which makes a found element stale.
            String first = new WebDriverWait(chrome, Duration.ofSeconds(10)).until(d -> {
                Object text = chrome.executeScript(
                        "const li = document.querySelector('#events li:first-child'); return li && li.innerText;");
                return text instanceof String s && s.contains("充电桩限流") ? s : null;
            });
            assertThat(first).contains("充电桩限流 · p0 · 暂停充电 · 由 " + SignedInPage.NAME + " 操作")
                    .doesNotContain("0.0 A", " by ");
        });
    }
}
