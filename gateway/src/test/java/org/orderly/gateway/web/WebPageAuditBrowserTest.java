package org.orderly.gateway.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.orderly.gateway.app.LiveRig;

/**
 * What the page audit of 2026-12-05 found, as a Chinese-speaking property manager reads the page on a 390 px phone
 * (real Chromium, live gateway, real bridges and meter on 127.0.0.1): status said in words is legible, 4.5:1 against its
 * background (WCAG AA for text of this size; a grid cap, the conservative mode and a cost above uncontrolled charging
 * were amber at 2.3:1, a saving green at 3.5:1); the language button, which names the other language in that language,
 * is marked as that language; a pile gone offline says what it means and what to check, not only 充电桩离线; and
 * 只看需处理的（0） ticked says that no pile needs attention rather than leave the card empty. Each
 * finding is its own soft assertion, so that a failure names every one that fails.
 */
class WebPageAuditBrowserTest {
    @TempDir
    Path dir;
    @RegisterExtension
    static final SignedInPage page = SignedInPage.sharingOneBrowser();

    /** WCAG 2 AA for normal text: the page's status words are 12 to 16 px, none large text. */
    private static final double LEGIBLE = 4.5;
    static final String OFFLINE_ZH = "充电桩离线：网关收不到其状态，不为其安排充电（仍为其预留后备电流）；请检查该充电桩的供电及其与网关的通信线路";
    static final String OFFLINE_EN = "Pile offline: the gateway cannot hear it and plans no charging for it (its fallback"
            + " current is held for it); have the pile's power and its link to the gateway checked";

    /**
     * Each way the page says a status in colour, as its stylesheet draws it in a card (the header's alarm count where it
     * is): the text's colour against the first background behind it that is not transparent.
     */
    private static final String CONTRAST = """
            const probe = document.createElement('div');
            document.getElementById('kpi-transformer').appendChild(probe);
            probe.innerHTML = `
              <span data-case="saving" class="good">¥1.00</span>
              <span data-case="grid cap" class="cap">140 kW</span>
              <div data-case="conservative mode" class="kpi-value mode cap">保守</div>
              <span data-case="cost more" class="worse">¥0.59</span>
              <span data-case="share high" class="share high">94 %</span>
              <span data-case="share over" class="share over">109 %</span>
              <p data-case="meter status" class="meter-status">电表读数过期</p>
              <div class="phase high"><span class="ph">B</span><div class="meter"></div><span data-case="phase high" \
            class="v">57 A</span></div>
              <div class="phase over"><span class="ph">C</span><div class="meter"></div><span data-case="phase over" \
            class="v">66 A</span></div>
              <span data-case="reason wait" class="reason wait">等待</span>
              <span data-case="reason shared" class="reason shared">正常调度</span>
              <span data-case="reason limit" class="reason limit">限流</span>
              <span data-case="reason bad" class="reason bad">离线</span>
              <p data-case="error" class="error">错误</p>
              <span data-case="pill A" class="pill A">空闲</span>
              <span data-case="pill B" class="pill B">已插枪</span>
              <span data-case="pill C" class="pill C">充电中</span>
              <span data-case="pill E" class="pill E">故障</span>
              <span data-case="pill offline" class="pill offline">离线</span>`;
            const rgba = s => { const v = s.match(/[\\d.]+/g).map(Number); return v.length === 3 ? [...v, 1] : v; };
            const lum = c => { const l = c.slice(0, 3).map(x => x / 255)
                .map(x => x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
              return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
            const behind = e => { for (let p = e; p; p = p.parentElement) {
                const c = rgba(getComputedStyle(p).backgroundColor); if (c[3] > 0) return c; } return [255, 255, 255, 1]; };
            const ratio = e => { const a = lum(rgba(getComputedStyle(e).color)), b = lum(behind(e));
              return Math.round((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) * 100) / 100; };
            const seen = {};
            for (const e of probe.querySelectorAll('[data-case]')) seen[e.dataset.case] = ratio(e);
            seen['header alarm count'] = ratio(document.getElementById('alarm-summary'));
            seen['alarm list count'] = ratio(document.getElementById('alarm-count'));
            probe.remove();
            return seen;""";

    @Test
    void statusIsLegibleTheLanguageButtonIsMarkedAnOfflinePileSaysWhatToCheckAndAnEmptyFilterSaysSo() throws Exception {
        WebRig rig = page.gateway(WebRig.withOffline(3, dir, LiveRig.Offline.QUICK));
        ChromeDriver chrome = page.browser(dir, 390, 844);
        SoftAssertions softly = new SoftAssertions();
        page.showOnFailure("audit-failure", () -> {
            WebDriverWait wait = signedIn();

            // No pile needs the manager: ticking 只看需处理的（0） says so, where the card was left empty.
            wait.until(ExpectedConditions.textToBe(By.id("pile-attention-text"), "只看需处理的（0）"));
            chrome.findElement(By.id("pile-attention")).click();
            softly.assertThat(shownText(chrome, "piles-none")).as("the pile card, no pile needing attention")
                    .isEqualTo(List.of("没有需要处理的充电桩"));
            chrome.findElement(By.id("pile-attention")).click();
            softly.assertThat(shownText(chrome, "piles-none")).as("the pile card, every pile listed").isEmpty();

            @SuppressWarnings("unchecked")
            Map<String, Number> contrast = (Map<String, Number>) chrome.executeScript(CONTRAST);
            softly.assertThat(contrast).as("cases measured").hasSize(21);
            contrast.forEach((what, ratio) -> softly.assertThat(ratio.doubleValue())
                    .as("contrast of %s (%s:1)", what, ratio).isGreaterThanOrEqualTo(LEGIBLE));

            // The button says English on the Chinese page: a screen reader reads it in English only when told so.
            softly.assertThat(chrome.findElement(By.id("lang-toggle")).getDomAttribute("lang"))
                    .as("the language of the button that says English").isEqualTo("en");

            rig.live.bridges.get(1).close();
            By offline = By.cssSelector("#alarms li[data-kind='PILE_OFFLINE'][data-subject='p1']");
            wait.until(ExpectedConditions.presenceOfElementLocated(offline));
            softly.assertThat(chrome.findElement(offline).getText()).as("the offline pile's alarm, Chinese")
                    .startsWith(OFFLINE_ZH + " · p1\n");
            Browser.screenshot(chrome, "audit-offline-zh-390");

            chrome.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
            wait.until(ExpectedConditions.presenceOfElementLocated(offline));
            softly.assertThat(chrome.findElement(By.id("lang-toggle")).getDomAttribute("lang"))
                    .as("the language of the button that says 中文").isEqualTo("zh-CN");
            softly.assertThat(chrome.findElement(offline).getText()).as("the offline pile's alarm, English")
                    .startsWith(OFFLINE_EN + " · p1\n");
            Browser.screenshot(chrome, "audit-offline-en-390");
            softly.assertAll();
        });
    }

    /**
     * The header's parts a manager needs as the page shows them: which are shown, in how many lines (a part starting
     * below the bottom of the line before begins a new one), the header's height, how far right the rightmost reaches,
     * and whether the signed-in name is cut.
     */
    private static final String HEADER = """
            const parts = ['h1', '#alarm-summary', '#live', '#lang-toggle', '#who-name', '#password-open', '#signout']
                .map(q => document.querySelector('header ' + q)).filter(e => e && e.getClientRects().length > 0);
            const boxes = parts.map(e => e.getBoundingClientRect()).sort((a, b) => a.top - b.top);
            let lines = 0, bottom = -Infinity;
            for (const b of boxes) { if (b.top >= bottom - 1) { lines++; bottom = b.bottom; } else bottom = Math.max(bottom, b.bottom); }
            const name = document.getElementById('who-name');
            return { shown: parts.map(e => e.id || e.tagName.toLowerCase()), lines,
              height: Math.round(document.querySelector('header').getBoundingClientRect().height),
              right: Math.ceil(Math.max(...boxes.map(b => b.right))), nameCut: name.scrollWidth > name.clientWidth };""";

    /**
     * On a 390 px phone, signed in as an installer with an alarm standing, the header keeps to two lines in both
     * languages with the sign-in, the language button and the alarm link in sight (until 2026-12-05 three lines, 106 px,
     * in English); the pile search box has a label of its own, which a screen reader says, not only its placeholder.
     */
    @Test
    void onAPhoneTheHeaderKeepsToTwoLinesAndThePileSearchHasALabel() throws Exception {
        WebRig rig = page.gateway(WebRig.withOffline(3, dir, LiveRig.Offline.QUICK));
        ChromeDriver chrome = page.browser(dir, 390, 844);
        page.showOnFailure("audit-header-failure", () -> {
            WebDriverWait wait = signedIn();
            SoftAssertions softly = new SoftAssertions();
            rig.live.bridges.get(1).close();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("alarm-summary")));
            for (String lang : List.of("zh", "en")) {
                if (lang.equals("en")) {
                    chrome.findElement(By.id("lang-toggle")).click();
                    wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
                    wait.until(ExpectedConditions.textToBe(By.id("alarm-summary"), "Alarms: 1 active"));
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> header = (Map<String, Object>) chrome.executeScript(HEADER);
                softly.assertThat(header.get("shown")).as("%s: the header's parts shown: %s", lang, header)
                        .isEqualTo(List.of("h1", "alarm-summary", "live", "lang-toggle", "who-name", "password-open",
                                "signout"));
                softly.assertThat(((Number) header.get("lines")).intValue()).as("%s: lines of the header: %s", lang,
                        header).isLessThanOrEqualTo(2);
                softly.assertThat(((Number) header.get("right")).intValue()).as("%s: within the screen: %s", lang,
                        header).isLessThanOrEqualTo(390);
                softly.assertThat(header.get("nameCut")).as("%s: the name signed in cut: %s", lang, header)
                        .isEqualTo(false);
                Browser.screenshot(chrome, "audit-header-" + lang + "-390");

                WebElement search = chrome.findElement(By.id("pile-filter"));
                softly.assertThat(search.getAccessibleName()).as("%s: the pile search box's name", lang)
                        .isEqualTo(lang.equals("zh") ? "按桩号查找充电桩" : "Find a pile by its number");
                softly.assertThat(chrome.executeScript("return document.getElementById('pile-filter').labels.length"))
                        .as("%s: labels of the pile search box", lang).isEqualTo(1L);
            }
            softly.assertAll();
        });
    }

    /** The first account made through the setup link, its page live: the wait for what follows. */
    private WebDriverWait signedIn() {
        WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(60));
        wait.until(ExpectedConditions.textToBe(By.id("live-text"), "实时"));
        return wait;
    }

    /** The text of the element {@code id} when it is there and shown, none otherwise. */
    private static List<String> shownText(ChromeDriver chrome, String id) {
        return chrome.findElements(By.id(id)).stream().filter(WebElement::isDisplayed).map(WebElement::getText).toList();
    }
}
