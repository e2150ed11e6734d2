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
 * The pile table's 充电中 / Charging group holds what the card counts charging (real Chromium at 1366 x 768, a live
 * gateway on 127.0.0.1 with two real bridges and a meter): p0's car charges, p1's car is plugged in and awake, drawing
 * 50 W on whatever it is offered, below the 0.1 kW of charging (as in OverviewChargingTest). The card says 1 charging of
 * 2 plugged in, the Charging group holds p0 alone, and p1 is in the group of those given current and not drawing, in
 * Chinese and in English. Until 2026-12-07 the group held every plugged pile given current: 充电中 2 beside the card's
 * 1 台充电中.
 */
class WebPageChargingGroupBrowserTest {
    @RegisterExtension
    final SignedInPage page = new SignedInPage();

    @Test
    void aCarGivenCurrentThatDrawsNothingIsNotInTheChargingGroupAsTheCardDoesNotCountIt(@TempDir Path dir)
            throws Exception {
        ChromeDriver chrome = page.browser(dir, 1366, 768);
        page.gateway(WebRig.onePrice(2, dir,
                id -> id.equals("p1") ? TestBridge.withCar(id, AwakeCar::of) : new TestBridge(id)));
        page.showOnFailure("charging-group-failure", () -> {
            page.makeFirstAccount(Duration.ofSeconds(30));
            WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(60));

            List<String> zh = cardAndGroups(chrome, wait, "1 台充电中 · 2 台已插枪");
            assertThat(zh).as("the card's count, then the groups' buttons, in Chinese")
                    .containsExactly("1 台充电中 · 2 台已插枪", "充电中 1", "有电流未取电 1");

            chrome.findElement(By.id("lang-toggle")).click();
            List<String> en = cardAndGroups(chrome, wait, "1 charging · 2 plugged in");
            assertThat(en).as("the card's count, then the groups' buttons, in English")
                    .containsExactly("1 charging · 2 plugged in", "Charging 1", "Given current, not drawing 1");
            Browser.screenshot(chrome, "charging-group-en-1366");
        });
    }

    /**
     * Once the card says {@code card} (the cars started, p1's awake), the card's line and the group buttons shown, read
     * in one script: one update's, drawn together.
     */
    @SuppressWarnings("unchecked")
    private static List<String> cardAndGroups(ChromeDriver chrome, WebDriverWait wait, String card) {
        return wait.until(d -> {
            List<String> read = (List<String>) chrome.executeScript("""
                    return [document.getElementById('ev-detail').textContent].concat(
                        [...document.querySelectorAll('#pile-groups button.group')].filter(b => !b.hidden)
                            .map(b => b.textContent));""");
            return read.get(0).equals(card) ? read : null;
        });
    }
}
