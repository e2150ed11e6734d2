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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two field failures at once as the property manager sees them in the real Chromium (live gateway, real bridges and
 * meter on 127.0.0.1): a pile's bridge stops (the pile offline, its row saying so) and the transformer meter stops
 * answering (its alarm, the conservative mode, no load figure passed off as current; the offline pile not counted as
 * charging), in Chinese and in English.
 */
class WebPageAlarmsBrowserTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final SignedInPage page = new SignedInPage();
    private WebRig rig;
    private ChromeDriver chrome;

    @Test
    void aStoppedBridgeAndAStoppedMeterAreAlarmsInBothLanguages() throws Exception {
        chrome = page.browser(dir, 1360, 1400);
        // The pile is offline 12 s after its last status (control.pileOfflineAfterMs) rather than the default 70 s.
        rig = page.gateway(WebRig.withOffline(3, dir, LiveRig.Offline.QUICK));
        page.showOnFailure("alarms-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(120));
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#pile-p2 td:nth-child(3)"), "已插枪"));

            rig.live.bridges.get(2).close();
            rig.live.meter.stop();
            By offline = By.cssSelector("#alarms li[data-kind='PILE_OFFLINE']");
            By stale = By.cssSelector("#alarms li[data-kind='METER_STALE']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(stale));
            wait.until(ExpectedConditions.visibilityOfElementLocated(offline));
            wait.until(d -> d.findElement(offline).getText().startsWith("充电桩离线 · p2"));
            assertThat(chrome.findElement(offline).getText()).contains("未恢复");
            assertThat(chrome.findElement(stale).getText()).startsWith("变压器电表数据过期：充电限于安全功率 · gw-test");
            wait.until(ExpectedConditions.textToBe(By.id("alarm-count"), "2"));
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#pile-p2 td:nth-child(3)"), "离线"));
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#pile-p2 td.reason"), "充电桩离线：已为其预留后备电流"));
            assertThat(chrome.findElement(By.id("mode")).getText()).isEqualTo("保守（仅安全功率）");
            assertThat(chrome.findElement(By.id("transformer-kw")).getText()).isEqualTo("—");
            // The offline pile is not counted as charging: the cycle plans nothing for it.
            wait.until(d -> d.findElement(By.id("ev-detail")).getText().startsWith("2 台充电中 · "));
            Browser.screenshot(chrome, "alarms-zh");

            chrome.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
            wait.until(d -> d.findElement(offline).getText().startsWith("Pile offline · p2"));
            assertThat(chrome.findElement(offline).getText()).contains("active");
            assertThat(chrome.findElement(stale).getText())
                    .startsWith("Transformer meter stale: charging held to the safe power · gw-test");
            assertThat(chrome.findElement(By.cssSelector("#pile-p2 td:nth-child(3)")).getText()).isEqualTo("Offline");
            assertThat(chrome.findElement(By.cssSelector("#pile-p2 td.reason")).getText()).isEqualTo("Pile offline: its fallback current held for it");
            assertThat(chrome.findElement(By.id("mode")).getText()).isEqualTo("Conservative (safe power only)");
            Browser.screenshot(chrome, "alarms-en");
        });
    }
}
