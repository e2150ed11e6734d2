package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.pile.PileFault;
import org.orderly.gateway.app.LiveRig;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Field failures as the property manager sees them in the real Chromium (live gateway, real bridges and meter on
 * 127.0.0.1), on a 1366 x 768 desktop and a 390 px phone, in Chinese and in English. First the transformer card with
 * the meter answering: the load as a share of the limit, each phase's current against its limit, a phase near or over
 * it marked. Then a pile's bridge trips and three stop (their rows offline, each saying the current held for it, and
 * not counted as charging) and the transformer meter stops answering (its alarm without the gateway's id after it, the
 * conservative mode, and a card that says its reading is stale rather than showing it as the present load; the one
 * alarm says too that the meter is not answering, naming it and its failed polls, where until 2026-12-04 a second row,
 * the meter's own METER_UNRELIABLE, said so). The five alarms raised are all in sight, without scrolling the list, and
 * the cleared one below them that the list has no room for is counted. The meter answering again, the card shows the load and the phases
 * again.
 */
class WebPageAlarmsBrowserTest {
    @TempDir
    Path dir;
    @RegisterExtension
    static final SignedInPage page = SignedInPage.sharingOneBrowser();
    private WebRig rig;
    private ChromeDriver chrome;

    private static final By STALE = By.cssSelector("#alarms li[data-kind='METER_STALE']");
    private static final By OFFLINE = By.cssSelector("#alarms li[data-kind='PILE_OFFLINE']");
    private static final By FAULT = By.cssSelector("#alarms li[data-kind='PILE_FAULT']");
    private static final By MORE = By.cssSelector("#alarms li.more span");
    /** The stale transformer reading's alarm once its poller has found the meter silent, in Chinese. */
    private static final String SILENT_ZH = "变压器电表数据过期：网关收不到电表读数，已改为保守充电，只用安全功率；"
            + "电表 transformer 无响应：1 分钟内 3 次读取全部失败；";
    /** The overloads' hold (web.overloadHoldS) shortened: the overloads here come and go, their hold is WebOverloadHoldTest's. */
    private static final Duration QUICK_OVERLOADS = Duration.ofSeconds(2);

    @Test
    void fieldFailuresShowOnTheCardsAndEveryRaisedAlarmIsInSight() throws Exception {
        chrome = page.browser(dir, 1366, 768);
        // The pile is offline 12 s after its last status (control.pileOfflineAfterMs) rather than the default 70 s.
        rig = page.gateway(WebRig.withOffline(5, dir, LiveRig.Offline.QUICK, QUICK_OVERLOADS));
        // The rig's 40 kW transformer has no phase limit set: each phase may carry a third, 40/3 kW at 220 V, 60.6 A.
        rig.live.meter.phaseAmps('A', 24);
        rig.live.meter.phaseAmps('B', 57);
        rig.live.meter.phaseAmps('C', 66);
        page.showOnFailure("alarms-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(120));
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#pile-p2 td:nth-child(3)"), "已插枪"));

            wait.until(ExpectedConditions.textToBe(phase('A'), "24 A · 40 %"));
            assertThat(chrome.findElement(phase('B')).getText()).isEqualTo("57 A · 94 %");
            assertThat(chrome.findElement(phase('C')).getText()).isEqualTo("66 A · 109 %");
            assertThat(phaseClass('A')).isEqualTo("phase");
            assertThat(phaseClass('B')).isEqualTo("phase high");
            assertThat(phaseClass('C')).isEqualTo("phase over");
            assertThat(chrome.findElement(By.id("transformer-phase-limit")).getText())
                    .isEqualTo("每相限值 61 A（变压器限值的三分之一）");
            wait.until(d -> shareMatchesLoad(d, 40));
            Browser.screenshot(chrome, "phases-zh-1366");

            // Two overloads come and go: the load's share stands out while they last, and two cleared alarms stay.
            for (int i = 1; i <= 2; i++) {
                rig.live.householdKw(50);
                wait.until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("#alarms li[data-kind='OVERLOAD']:not(.cleared)")));
                wait.until(d -> shareMatchesLoad(d, 40));
                assertThat(chrome.findElement(By.id("transformer-share")).getAttribute("class")).isEqualTo("share over");
                if (i == 1) {
                    Browser.screenshot(chrome, "phases-overload-zh-1366");
                }
                rig.live.householdKw(8);
                int cleared = i;
                wait.until(d -> d.findElements(By.cssSelector("#alarms li.cleared[data-kind='OVERLOAD']")).size() == cleared);
            }

            rig.live.bridges.get(0).trip(PileFault.contactorWelded());
            for (int i = 2; i <= 4; i++) {
                rig.live.bridges.get(i).close();
            }
            rig.live.meter.stop();
            wait.until(ExpectedConditions.visibilityOfElementLocated(STALE));
            // One alarm for the silent meter: the stale reading says which meter and that its polls failed.
            wait.until(d -> d.findElement(STALE).getText().startsWith(SILENT_ZH));
            wait.until(ExpectedConditions.textToBe(By.id("alarm-count"), "5"));
            assertThat(chrome.findElements(By.cssSelector("#alarms li[data-kind='METER_UNRELIABLE']")))
                    .as("the meter's silence raised no alarm of its own, not even for a moment").isEmpty();
            wait.until(d -> d.findElements(OFFLINE).size() == 3);
            wait.until(d -> d.findElement(By.cssSelector("#alarms li[data-kind='PILE_OFFLINE'][data-subject='p2']"))
                    .getText().startsWith(WebPageAuditBrowserTest.OFFLINE_ZH + " · p2\n"));
            // A gateway's alarm is not followed by the gateway's id; a pile's by the pile's.
            assertThat(chrome.findElement(STALE).getText()).startsWith(SILENT_ZH).contains("未恢复");
            wait.until(d -> d.findElement(FAULT).getText().contains(" · p0\n"));
            allRaisedInSight("1366 x 768, Chinese");
            // Seven alarms, six listed: the cleared one not listed is counted.
            wait.until(ExpectedConditions.textToBe(MORE, "另有 1 条已恢复的告警未列出"));

            // The offline piles: not charging, but each holds its bridge's safe current off the transformer's room.
            for (int i = 2; i <= 4; i++) {
                wait.until(ExpectedConditions.textToBe(By.cssSelector("#pile-p" + i + " td:nth-child(4)"), "离线 · 按 6 A 计"));
            }
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#pile-p2 td.reason"), "充电桩离线：已为其预留后备电流"));
            assertThat(chrome.findElement(By.id("mode")).getText()).isEqualTo("保守（仅安全功率）");
            // The offline piles are not counted as charging: the cycle plans nothing for them. Of the two heard from,
            // p0 is faulted and p1 waits for the valley, as the plan in force has it in conservative mode too (until
            // 2026-12-03 conservative mode charged every car: "1 台充电中").
            wait.until(d -> d.findElement(By.id("ev-detail")).getText().matches("0 台充电中 · .*"));
            wait.until(d -> d.findElement(By.cssSelector("#pile-p1 td.reason")).getText().startsWith("等待较低电价"));
            // Nor as plugged in, as telemetry counts them: said beside the counts; and their rows show no power, as their
            // last reports are not now (until 2026-12-02 counted as plugged in, the last report's kW shown).
            wait.until(d -> d.findElement(By.id("ev-detail")).getText().endsWith(" · 3 台离线"));
            for (int i = 2; i <= 4; i++) {
                assertThat(chrome.findElement(By.cssSelector("#pile-p" + i + " td:nth-child(5)")).getText()).isEqualTo("—");
            }

            // The transformer card: no load passed off as the present one, and why.
            wait.until(d -> d.findElement(By.id("transformer-status")).getText().startsWith("电表读数过期，最后读数于 "));
            assertThat(chrome.findElement(By.id("transformer-kw")).getText()).isEqualTo("—");
            assertThat(chrome.findElement(By.id("transformer-share")).getText()).isEmpty();
            assertThat(chrome.findElement(By.id("transformer-phases")).isDisplayed()).isFalse();
            shots("zh-1366");

            // Show all lists the cleared one; show fewer, six again.
            chrome.findElement(By.cssSelector("#alarms li.more button")).click();
            wait.until(d -> d.findElements(By.cssSelector("#alarms li.alarm")).size() == 7);
            assertThat(chrome.findElement(MORE).getText()).isEqualTo("共 7 条告警");
            chrome.findElement(By.cssSelector("#alarms li.more button")).click();
            wait.until(d -> d.findElements(By.cssSelector("#alarms li.alarm")).size() == 6);

            chrome.manage().window().setSize(new Dimension(390, 844));
            wait.until(d -> (Long) chrome.executeScript("return window.innerWidth;") <= 390);
            allRaisedInSight("390 px, Chinese");
            shots("zh-390");

            chrome.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
            wait.until(d -> d.findElement(By.cssSelector("#alarms li[data-kind='PILE_OFFLINE'][data-subject='p2']"))
                    .getText().startsWith(WebPageAuditBrowserTest.OFFLINE_EN + " · p2\n"));
            assertThat(chrome.findElement(STALE).getText())
                    .startsWith("Transformer meter stale: without its readings the gateway charges conservatively, at the"
                            + " safe power only; meter transformer is not answering: all 3 polls in 1 min failed; have the"
                            + " installer check its power and line").contains("active");
            assertThat(chrome.findElement(MORE).getText()).isEqualTo("1 more, cleared, not listed");
            assertThat(chrome.findElement(By.cssSelector("#pile-p2 td:nth-child(3)")).getText()).isEqualTo("Offline");
            assertThat(chrome.findElement(By.cssSelector("#pile-p2 td:nth-child(4)")).getText()).isEqualTo("offline · 6 A held");
            assertThat(chrome.findElement(By.cssSelector("#pile-p2 td.reason")).getText())
                    .isEqualTo("Pile offline: its fallback current held for it");
            assertThat(chrome.findElement(By.id("mode")).getText()).isEqualTo("Conservative (safe power only)");
            assertThat(chrome.findElement(By.id("transformer-status")).getText()).startsWith("Meter reading stale, last read at ");
            allRaisedInSight("390 px, English");
            shots("en-390");
            chrome.manage().window().setSize(new Dimension(1366, 768));
            wait.until(d -> (Long) chrome.executeScript("return window.innerWidth;") > 1000);
            allRaisedInSight("1366 x 768, English");
            shots("en-1366");

            // The meter answers again: the card shows the present load and the phases, and no longer says it is stale.
            rig.live.meter.start();
            wait.until(ExpectedConditions.textToBe(phase('C'), "66 A · 109 %"));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("transformer-status")));
            assertThat(chrome.findElement(By.id("transformer-phase-limit")).getText())
                    .isEqualTo("per phase limit 61 A (a third of the transformer's)");
            wait.until(d -> shareMatchesLoad(d, 40));
            Browser.screenshot(chrome, "phases-en-1366");
            chrome.manage().window().setSize(new Dimension(390, 844));
            wait.until(d -> (Long) chrome.executeScript("return window.innerWidth;") <= 390);
            chrome.executeScript("window.scrollTo(0, 0);");
            Browser.screenshot(chrome, "phases-en-390");
        });
    }

    /**
     * More alarms raised than the list has room for: seven of eight piles stop (seven raised) after an overload came and
     * went (cleared). The six listed are raised; the line under them says how many are not listed and how many of those
     * are still raised, in both languages, and show all lists every one.
     */
    @Test
    void raisedAlarmsTheListHasNoRoomForAreCountedAsRaised() throws Exception {
        chrome = page.browser(dir, 1366, 768);
        rig = page.gateway(WebRig.withOffline(8, dir, LiveRig.Offline.QUICK, QUICK_OVERLOADS));
        page.showOnFailure("alarms-raised-unlisted-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(120));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#pile-p7 td:nth-child(3)")));
            rig.live.householdKw(50);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#alarms li[data-kind='OVERLOAD']:not(.cleared)")));
            rig.live.householdKw(8);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#alarms li.cleared[data-kind='OVERLOAD']")));
            // The overload, and on a loaded machine the transformer meter's stale alarm of the start-up, raised before
            // its first reading and cleared by it (CI at load 17: "另有 3 条告警未列出"): counted, not presumed.
            int cleared = chrome.findElements(By.cssSelector("#alarms li.alarm.cleared")).size();
            int all = 7 + cleared;

            for (int i = 1; i <= 7; i++) {
                rig.live.bridges.get(i).close();
            }
            wait.until(ExpectedConditions.textToBe(By.id("alarm-count"), "7"));
            wait.until(d -> d.findElements(By.cssSelector("#alarms li.alarm")).size() == 6);
            assertThat(chrome.findElements(By.cssSelector("#alarms li.alarm.cleared"))).as("the six listed are raised").isEmpty();
            wait.until(ExpectedConditions.textToBe(MORE, "另有 " + (all - 6) + " 条告警未列出，其中 1 条未恢复"));
            Browser.screenshot(chrome, "alarms-raised-unlisted-zh-1366");

            chrome.findElement(By.cssSelector("#alarms li.more button")).click();
            wait.until(d -> d.findElements(By.cssSelector("#alarms li.alarm")).size() == all);
            assertThat(chrome.findElements(OFFLINE)).hasSize(7);
            assertThat(chrome.findElements(By.cssSelector("#alarms li.alarm.cleared[data-kind='OVERLOAD']"))).hasSize(1);
            assertThat(chrome.findElement(MORE).getText()).isEqualTo("共 " + all + " 条告警");
            assertThat(chrome.findElement(By.cssSelector("#alarms li.more button")).getText()).isEqualTo("收起");
            chrome.findElement(By.cssSelector("#alarms li.more button")).click();
            wait.until(d -> d.findElements(By.cssSelector("#alarms li.alarm")).size() == 6);

            chrome.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
            wait.until(ExpectedConditions.textToBe(MORE, (all - 6) + " more not listed, 1 of them active"));
            assertThat(chrome.findElement(By.cssSelector("#alarms li.more button")).getText()).isEqualTo("Show all");
            Browser.screenshot(chrome, "alarms-raised-unlisted-en-1366");
        });
    }

    /** A phase's figures on the transformer card. */
    private static By phase(char phase) {
        return By.cssSelector("#transformer-phases [data-phase='" + phase + "'] .v");
    }

    private String phaseClass(char phase) {
        return chrome.findElement(By.cssSelector("#transformer-phases [data-phase='" + phase + "']")).getAttribute("class");
    }

    /** Whether the card's share of the limit is its load over {@code limitKw}, in whole percent. */
    private static boolean shareMatchesLoad(WebDriver d, double limitKw) {
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) ((ChromeDriver) d).executeScript(
                "return [document.getElementById('transformer-kw').textContent,"
                        + " document.getElementById('transformer-share').textContent];");
        if (!shown.get(0).matches("\\d+\\.\\d")) {
            return false;
        }
        long percent = Math.round(Double.parseDouble(shown.get(0)) / limitKw * 100);
        // The figures are rounded: 19.9 kW of 40 may be 49 % or 50 %.
        return shown.get(1).equals(percent + " %") || shown.get(1).equals((percent - 1) + " %")
                || shown.get(1).equals((percent + 1) + " %");
    }

    /** Every raised alarm is in the list, none of them beyond the list's edge (the list does not scroll). */
    private void allRaisedInSight(String where) {
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) chrome.executeScript("""
                const ul = document.getElementById('alarms');
                const box = ul.getBoundingClientRect();
                const raised = [...ul.querySelectorAll('li.alarm:not(.cleared)')];
                return { scrolls: ul.scrollHeight > ul.clientHeight + 1, raised: raised.length,
                  outside: raised.filter(li => { const r = li.getBoundingClientRect();
                    return r.height === 0 || r.top < box.top - 1 || r.bottom > box.bottom + 1; }).length };""");
        assertThat(seen).as("the alarm list on %s", where)
                .containsEntry("scrolls", false).containsEntry("raised", 5L).containsEntry("outside", 0L);
    }

    /** Screenshots of the cards at the top and of the alarm list, for review. */
    private void shots(String name) throws Exception {
        chrome.executeScript("window.scrollTo(0, 0);");
        Browser.screenshot(chrome, "cards-" + name);
        chrome.executeScript("""
                const card = document.getElementById('alarms').closest('section');
                window.scrollTo(0, card.getBoundingClientRect().top + window.scrollY
                  - document.querySelector('header').offsetHeight - 8);""");
        Browser.screenshot(chrome, "alarms-" + name);
        chrome.executeScript("""
                const row = document.getElementById('pile-p2');
                window.scrollTo(0, row.getBoundingClientRect().top + window.scrollY
                  - document.querySelector('header').offsetHeight - 40);""");
        Browser.screenshot(chrome, "piles-" + name);
    }
}
