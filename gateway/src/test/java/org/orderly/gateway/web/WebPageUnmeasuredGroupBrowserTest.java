package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.orderly.gateway.app.TestBridge;

/**
 * A car given current on a pile that cannot say what it draws is in a group that says so, not among those not drawing
 * (real Chromium at 1366 x 768, a live gateway on 127.0.0.1 with a real bridge and a meter): p0's car charges on its
 * bridge; p1 is a Modbus pile on the meter's bus whose map has no power register, its car charging (state C), its 0 kW
 * no reading. The card counts p1 not metered, not charging; the table puts it in 有电流，未计量 / "Given current, draw not
 * measured", its kW cell "not measured", in Chinese and in English. Until 2026-12-07 p1 was in 有电流未取电 / "Given
 * current, not drawing" at 0.00 kW while its car charged (and, before that day, in Charging).
 */
class WebPageUnmeasuredGroupBrowserTest {
    @RegisterExtension
    final SignedInPage page = new SignedInPage();

    @Test
    void aCarGivenCurrentOnAPileThatCannotSayItsDrawIsInAGroupThatSaysSo(@TempDir Path dir) throws Exception {
        ChromeDriver chrome = page.browser(dir, 1366, 768);
        page.gateway(WebRig.onePrice(2, dir, id -> id.equals("p1") ? null : new TestBridge(id)));
        page.showOnFailure("unmeasured-group-failure", () -> {
            page.makeFirstAccount(Duration.ofSeconds(30));
            WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(60));

            List<String> zh = cardGroupsAndKw(chrome, wait, "1 台充电中 · 2 台已插枪 · 1 台未计量");
            assertThat(zh).as("the card's count, p1's kW cell, then the groups' buttons, in Chinese")
                    .containsExactly("1 台充电中 · 2 台已插枪 · 1 台未计量（估算 0.0 kW）", "未计量", "充电中 1", "有电流，未计量 1");

            chrome.findElement(By.id("lang-toggle")).click();
            List<String> en = cardGroupsAndKw(chrome, wait, "1 charging · 2 plugged in · 1 not metered");
            assertThat(en).as("the card's count, p1's kW cell, then the groups' buttons, in English")
                    .containsExactly("1 charging · 2 plugged in · 1 not metered (0.0 kW estimated)", "not measured",
                            "Charging 1", "Given current, draw not measured 1");
            Browser.screenshot(chrome, "unmeasured-group-en-1366");
        });
    }

    /**
     * Once p1's row says it is given current and the card starts with {@code card} (p0's car charging, p1 counted not
     * metered), the card's line, p1's kW cell and the group buttons shown, read in one script: one update's, drawn
     * together.
     */
    @SuppressWarnings("unchecked")
    private static List<String> cardGroupsAndKw(ChromeDriver chrome, WebDriverWait wait, String card) {
        return wait.until(d -> {
            List<String> read = (List<String>) chrome.executeScript("""
                    const p1 = document.getElementById('pile-p1');
                    if (!p1 || !(parseFloat(p1.children[3].textContent) > 0)) return null;
                    return [document.getElementById('ev-detail').textContent, p1.children[4].textContent].concat(
                        [...document.querySelectorAll('#pile-groups button.group')].filter(b => !b.hidden)
                            .map(b => b.textContent));""");
            return read != null && read.get(0).startsWith(card) ? read : null;
        });
    }
}
