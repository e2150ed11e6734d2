package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.LiveRig;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A line over the transformer's {@code phaseLimitA} as the property manager sees it in the real Chromium (live
 * gateway, real bridge and Modbus TCP meter reading each line's current on 127.0.0.1): an alarm naming the line, its
 * current and the limit, in Chinese and in English, while the transformer's total is far under its limit (no
 * {@code OVERLOAD}), with what the gateway does about it and what the manager is to do; cleared once the line is back
 * under.
 */
class WebPageLineOverloadBrowserTest {
    private static final By RAISED = AlarmItems.raised("LINE_OVERLOAD");
    private static final By CLEARED = AlarmItems.cleared("LINE_OVERLOAD");

    @TempDir
    Path dir;
    @RegisterExtension
    final SignedInPage page = new SignedInPage();

    @Test
    void aLineOverItsLimitIsAnAlarmNamingItInBothLanguagesUntilItIsBackUnder() throws Exception {
        ChromeDriver chrome = page.browser(dir, 1366, 768);
        // Line A's households draw 45 A of its 40 A (its pile p0 is given nothing); 12.1 kW in all, of 40 kW.
        WebRig rig = page.gateway(WebRig.withLines(1, dir, new LiveRig.Lines(40, 45, 5, 5), Duration.ofSeconds(2)));
        page.showOnFailure("line-overload-failure", () -> {
            var wait = page.makeFirstAccount(Duration.ofSeconds(120));
            // Its pile's safe current on the line at first (51 A) is followed in place once the gateway gives it nothing.
            wait.until(d -> d.findElement(RAISED).getText()
                    .startsWith(AlarmWords.LINE_ZH + "\n"));
            assertThat(chrome.findElement(RAISED).getText()).contains("未恢复");
            assertThat(chrome.findElements(By.cssSelector("#alarms li[data-kind='OVERLOAD']"))).as("the total is under")
                    .isEmpty();

            chrome.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
            wait.until(d -> d.findElement(RAISED).getText()
                    .startsWith(AlarmWords.LINE_EN + "\n"));

            rig.live.householdAmps('A', 20);
            wait.until(ExpectedConditions.visibilityOfElementLocated(CLEARED));
            assertThat(chrome.findElement(CLEARED).getText()).startsWith("Line A overloaded: ")
                    .contains(" A, over the per phase limit of 40 A; the gateway is cutting charging on this line ");
            assertThat(chrome.findElements(RAISED)).isEmpty();
        });
    }
}
