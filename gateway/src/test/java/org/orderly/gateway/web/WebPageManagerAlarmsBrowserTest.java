package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.FailureShare;
import org.orderly.gateway.store.EventKind;

/**
 * The transformer's alarms and a pile's limit as the property manager reads them in the real Chromium (live gateway,
 * real bridge and Modbus TCP meter on 127.0.0.1), in Chinese and in English: an overload and a grid cap say their
 * figures (the cap's end in the compound's time, its event's too, on a browser in another zone; the card's cap on one
 * line on a phone); an installer's limit is in the pile's row, not only in the events;
 * an overload stands while the meter is silent (no reading says it is over) and clears only on readings under the
 * limit; a meter failing often says which and its share, and clears when its poller says so. Until 2026-12-04 the two
 * alarms had no figures, the row said only the plan's reason, and the overload was
 * "cleared" 30 s into the meter's silence, and a meter failing often was no alarm.
 */
class WebPageManagerAlarmsBrowserTest {
    /** The overloads' hold here (web.overloadHoldS): raised after 2 s far over, cleared after 6 s of readings under. */
    private static final int HOLD_S = 2;
    private static final By OVERLOAD = AlarmItems.raised("OVERLOAD");
    private static final By OVERLOAD_CLEARED = AlarmItems.cleared("OVERLOAD");
    private static final By CAP = AlarmItems.raised("GRID_CAP");
    private static final By STALE = AlarmItems.raised("METER_STALE");
    private static final By UNRELIABLE = AlarmItems.raised("METER_UNRELIABLE");
    private static final By UNRELIABLE_CLEARED = AlarmItems.cleared("METER_UNRELIABLE");
    private static final By P0_STATUS = By.cssSelector("#pile-p0 td.reason");

    @TempDir
    Path dir;
    @RegisterExtension
    final SignedInPage page = new SignedInPage();

    @Test
    void theTransformersAlarmsSayTheirFiguresAPilesLimitIsInItsRowAndAnOverloadStandsWhileTheMeterIsSilent()
            throws Exception {
        ChromeDriver chrome = page.browser(dir, 1366, 1200);
        // The browser in a zone the compound's never is (WebRig's is -12 to +11 h): a time the page reads in the
        // browser's zone rather than the compound's is hours off, as on a laptop set to another zone.
        chrome.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Pacific/Kiritimati"));
        List<GridCap> caps = new CopyOnWriteArrayList<>();
        WebRig rig = page.gateway(new WebRig(1, dir, () -> List.copyOf(caps), ", overloadHoldS: " + HOLD_S));
        page.showOnFailure("manager-alarms-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(60));
            wait.until(d -> !d.findElements(By.cssSelector("#piles tr#pile-p0 button.limit")).isEmpty());

            chrome.findElement(By.cssSelector("#pile-p0 button.limit")).click();
            Alert prompt = wait.until(ExpectedConditions.alertIsPresent());
            prompt.sendKeys("10");
            prompt.accept();
            wait.until(d -> d.findElement(P0_STATUS).getText().contains("限流 10 A"));
            // A limit's event as stored before 2026-12-04, its amps "10.0": listed once the overload below reloads them.
            rig.live.gateway.store().event(EventKind.WEB_LIMIT, "p0", "10.0 A by zhao", EventKind.FORM, "amps",
                    "amps", "10.0", "by", "zhao");

            // A cap to a whole minute half an hour ahead: the compound's evening, the same day, said as 21:47.
            Instant until = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
            String untilShown = LocalTime.ofInstant(until, rig.zone).toString();
            caps.add(new GridCap("dispatch-9", Instant.now().minusSeconds(1), until, 30));
            rig.live.householdKw(46);
            wait.until(d -> d.findElement(CAP).getText().startsWith(AlarmWords.CAP_ZH.formatted(untilShown) + "\n"));
            // Its event says the same end: the event's detail comes in the compound's time with no zone written
            // (EventTimes), which the page read in the browser's zone until 2026-12-05 (至 21:37 beside 至 13:37).
            wait.until(d -> events(chrome).contains("告警产生 · " + AlarmWords.CAP_ZH.formatted(untilShown)));
            // On a phone each of the card's limits stays on one line, its figure beside its unit (until 2026-12-05 the
            // cap broke before its kW at 390 px).
            chrome.manage().window().setSize(new Dimension(390, 1200));
            wait.until(d -> (Long) chrome.executeScript("return window.innerWidth;") <= 390);
            assertThat(chrome.executeScript("return ['transformer-limit', 'transformer-cap'].map(id => id + ': '"
                    + " + document.getElementById(id).getClientRects().length + ' line(s)');"))
                    .as("the transformer card's limits at 390 px").isEqualTo(
                            List.of("transformer-limit: 1 line(s)", "transformer-cap: 1 line(s)"));
            Browser.screenshot(chrome, "manager-alarms-cap-zh-390");
            chrome.manage().window().setSize(new Dimension(1366, 1200));
            wait.until(d -> d.findElement(OVERLOAD).getText().startsWith(AlarmWords.OVERLOAD_ZH + "\n"));
            // A meter failing one poll in 20 or more, as its poller tells the gateway at a window's end (MeterFailureLog;
            // through the real pollers on a moved ticker in MeterFailureLogTest and Dlt645FailureLogTest).
            rig.live.gateway.unreliableMeters().onFailingOften(new FailureShare("tx", 600, 1200, Duration.ofMinutes(10)));
            wait.until(d -> d.findElement(UNRELIABLE).getText().startsWith("电表 tx 通信频繁失败：10 分钟内 1200 次读取中失败"
                    + " 600 次，"));

            chrome.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
            wait.until(d -> d.findElement(CAP).getText()
                    .startsWith(AlarmWords.CAP_EN.formatted(untilShown) + "\n"));
            wait.until(d -> events(chrome).contains("Alarm raised · " + AlarmWords.CAP_EN.formatted(untilShown)));
            wait.until(d -> d.findElement(OVERLOAD).getText()
                    .startsWith(AlarmWords.OVERLOAD_EN + "\n"));
            wait.until(d -> d.findElement(P0_STATUS).getText().contains("Limited to 10 A"));
            wait.until(d -> d.findElement(UNRELIABLE).getText()
                    .startsWith("Meter tx fails often: 600 of 1200 polls failed in 10 min, "));
            // Every poll failed: the meter no longer answers, which "fails often" would understate.
            rig.live.gateway.unreliableMeters().onFailingOften(new FailureShare("tx", 1200, 1200, Duration.ofMinutes(10)));
            wait.until(d -> d.findElement(UNRELIABLE).getText()
                    .startsWith("Meter tx is not answering: all 1200 polls in 10 min failed, its readings missing; "));
            rig.live.gateway.unreliableMeters().onFailingSeldomAgain("tx");
            wait.until(ExpectedConditions.visibilityOfElementLocated(UNRELIABLE_CLEARED));
            // The limit's event says the current as the row does (until 2026-12-04 "limited to 10.0 A").
            wait.until(d -> String.valueOf(chrome.executeScript("return [...document.querySelectorAll('#events li')]"
                    + ".map(li => li.innerText).join('\\n');")).contains("limited to 10 A by " + SignedInPage.NAME));
            wait.until(d -> String.valueOf(chrome.executeScript("return [...document.querySelectorAll('#events li')]"
                    + ".map(li => li.innerText).join('\\n');")).contains("limited to 10 A by zhao"));

            // The meter falls silent: the gateway says so, and the overload, which no reading says is over, stands
            // (until 2026-12-04 it cleared once unknown for the clear hold, 6 s here; the page built many times since).
            rig.live.meter.stop();
            wait.until(ExpectedConditions.visibilityOfElementLocated(STALE));
            // One alarm for it: the stale reading names the meter and its failed polls (until 2026-12-04 a second,
            // METER_UNRELIABLE, stood beside it for the same silence).
            wait.until(d -> d.findElement(STALE).getText().startsWith("Transformer meter stale: without its readings the "
                    + "gateway charges conservatively, at the safe power only; meter transformer is not answering: all 3"
                    + " polls in 1 min failed; "));
            assertThat(chrome.findElements(UNRELIABLE)).as("the silent meter's own alarm").isEmpty();
            Tick silentSince = rig.live.gateway.ticker().now();
            // Twice the clear hold (6 s) on the gateway's own ticker: an overload cleared once unknown for the clear hold
            // is cleared 6 s before the look, the page's once-a-second updates ample for it to show. It was four
            // times, 24 s of the test's time spent proving the same absence.
            Duration wellPastTheClearHold = Duration.ofSeconds(HOLD_S * 3 * 2);
            new WebDriverWait(chrome, Duration.ofSeconds(120)).until(d ->
                    rig.live.gateway.ticker().now().since(silentSince).compareTo(wellPastTheClearHold) >= 0);
            assertThat(chrome.findElements(OVERLOAD_CLEARED)).as("the overload cleared with the meter silent").isEmpty();
            assertThat(chrome.findElement(OVERLOAD).getText()).startsWith(AlarmWords.OVERLOAD_EN + "\n");

            // Heard again, under its limit: cleared once the readings have held so for the clear hold.
            rig.live.householdKw(20);
            rig.live.meter.start();
            new WebDriverWait(chrome, Duration.ofSeconds(90)).ignoring(StaleElementReferenceException.class)
                    .until(ExpectedConditions.visibilityOfElementLocated(OVERLOAD_CLEARED));
            assertThat(chrome.findElements(OVERLOAD)).isEmpty();
        });
    }

    /** The event list's entries, each as "kind · text" without its time. */
    private static List<String> events(ChromeDriver chrome) {
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) chrome.executeScript(
                "return [...document.querySelectorAll('#events li span:nth-child(2)')].map(s => s.innerText);");
        return texts;
    }
}
