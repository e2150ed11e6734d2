package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the property manager sees on the office's 1366x768 screen without scrolling (real Chromium, live gateway,
 * bridges and meter): an alarm is said in the header, above the cards, where the list itself, below the chart, is out
 * of sight; the sign-in screen, which has no stream, does not say it is reconnecting one; and a sign-in the server
 * ended says so on the sign-in screen it leaves.
 */
class WebPageAtAGlanceBrowserTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final SignedInPage page = new SignedInPage();

    @Test
    void anAlarmIsSaidAboveTheFoldAndTheSignInSaysNoStreamAndWhyItEnded() throws Exception {
        WebRig rig = page.gateway(new WebRig(2, dir));
        ChromeDriver chrome = page.browser(dir, 1366, 768);
        page.showOnFailure("at-a-glance-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(20));
            wait.until(ExpectedConditions.textToBe(By.id("live-text"), "实时"));

            // Signed out there is no stream: until 2026-12-05 the header said 正在重新连接… in amber over the sign-in.
            chrome.findElement(By.id("signout")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
            assertThat(chrome.findElement(By.id("live")).isDisplayed()).as("the live indicator on the sign-in").isFalse();
            Browser.screenshot(chrome, "at-a-glance-signin");
            chrome.findElement(By.id("signin-name")).sendKeys(SignedInPage.NAME);
            chrome.findElement(By.id("signin-password")).sendKeys(SignedInPage.PASSWORD);
            chrome.findElement(By.id("signin-submit")).click();
            wait.until(ExpectedConditions.textToBe(By.id("live-text"), "实时"));

            // Until 2026-12-05 nothing in the first screen said an alarm was raised: the list is below the chart.
            rig.live.meter.stop();
            By stale = By.cssSelector("#alarms li[data-kind='METER_STALE']");
            wait.until(ExpectedConditions.presenceOfElementLocated(stale));
            By summary = By.id("alarm-summary");
            wait.until(ExpectedConditions.textToBe(summary, "告警：1 条未恢复"));
            assertThat(inView(chrome, chrome.findElement(summary))).as("the header's alarm summary in the first screen").isTrue();
            assertThat(inView(chrome, chrome.findElement(stale))).as("the alarm list in the first screen").isFalse();
            Browser.screenshot(chrome, "at-a-glance-alarm-zh");

            // It leads to the list.
            chrome.findElement(summary).click();
            wait.until(d -> inView(chrome, d.findElement(stale)));

            chrome.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(summary, "Alarms: 1 active"));
            Browser.screenshot(chrome, "at-a-glance-alarm-en");

            // The property manager's sign-in, ended by the server (here the installer removes the account; an idle
            // lapse, the 12 h end and a restart end it the same way): until 2026-12-05 a bare sign-in form took the
            // overview's place, saying nothing of why.
            ApiClient installer = new ApiClient(rig.base);
            assertThat(installer.login(SignedInPage.NAME, SignedInPage.PASSWORD).status()).isEqualTo(200);
            assertThat(installer.post("/api/users",
                    "{\"name\":\"wang\",\"role\":\"viewer\",\"password\":\"manager-office-2026\"}").status())
                    .isEqualTo(201);
            chrome.findElement(By.id("signout")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
            assertThat(chrome.findElement(By.id("signin-error")).getText()).as("signed out by hand").isEmpty();
            chrome.findElement(By.id("signin-name")).clear();
            chrome.findElement(By.id("signin-name")).sendKeys("wang");
            chrome.findElement(By.id("signin-password")).sendKeys("manager-office-2026");
            chrome.findElement(By.id("signin-submit")).click();
            wait.until(ExpectedConditions.textToBe(By.id("live-text"), "Live"));
            assertThat(installer.delete("/api/users/wang").status()).isEqualTo(200);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
            wait.until(ExpectedConditions.textToBe(By.id("signin-error"), "Your sign-in ended (idle too long, 12 hours"
                    + " passed, the gateway restarted or your account changed); please sign in again"));
            Browser.screenshot(chrome, "at-a-glance-signed-out-en");
        });
    }

    /** Whether the element is wholly inside the window. */
    private static boolean inView(ChromeDriver chrome, WebElement e) {
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) chrome.executeScript(
                "const r = arguments[0].getBoundingClientRect();"
                        + " return [r.top, r.bottom, r.width, window.innerHeight];", e);
        return box.get(2).doubleValue() > 0 && box.get(0).doubleValue() >= 0
                && box.get(1).doubleValue() <= box.get(3).doubleValue();
    }
}
