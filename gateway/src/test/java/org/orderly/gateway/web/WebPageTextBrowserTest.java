package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the page says, as the property manager reads it in the real Chromium (live gateway, real bridges and meter on
 * 127.0.0.1): a message shown when the language is switched follows the language; the chart's figures carry their
 * unit; today's saving says what it is set against, and a saving below nothing is said as what controlled charging
 * cost more (until 2026-12-05 "saved ¥-0.59" in green); a 360 px phone screen needs no sideways scrolling in either
 * language.
 */
class WebPageTextBrowserTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final SignedInPage page = new SignedInPage();
    private WebRig rig;
    private ChromeDriver chrome;

    @Test
    void thePageSaysWhatItShowsInTheLanguageChosen() throws Exception {
        chrome = page.browser(dir, 1360, 1200);
        // The page's live stream kept where the test can hand it an overview (today's figures below).
        HandedOverview.keepStreams(chrome);
        rig = page.gateway(new WebRig(3, dir));
        page.showOnFailure("text-failure", this::walkThrough);
    }

    private void walkThrough() throws Exception {
        WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
        wait.until(d -> !d.findElements(By.cssSelector("#piles tr#pile-p0")).isEmpty());

        // A reservation's message is shown; switching the language while it is up translates it too.
        chrome.findElement(By.cssSelector("#pile-p0 button.reserve")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reserve-dialog")));
        String departure = LocalDateTime.now(rig.zone).plusHours(10).truncatedTo(ChronoUnit.MINUTES).toString();
        chrome.executeScript("arguments[0].value = arguments[1];", chrome.findElement(By.id("reserve-departure")), departure);
        chrome.findElement(By.id("reserve-energy")).sendKeys("10");
        chrome.findElement(By.id("reserve-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("toast"), "预约已保存，计划正在更新"));
        chrome.findElement(By.id("lang-toggle")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
        // Read without regard to whether it is still up: a loaded machine may take the 4 s it stays.
        wait.until(d -> "Reservation saved; the plan is being updated".equals(
                d.findElement(By.id("toast")).getAttribute("textContent")));

        // The chart's axis says its figures are kW.
        // A wait, not a read: the chart is drawn again on every live update, and an element read between the two is
        // stale (the wait ignores that and reads again).
        wait.until(d -> d.findElements(By.cssSelector("#chart svg text")).stream().map(WebElement::getText)
                .anyMatch("kW"::equals));

        // Today's saving says what it is set against, in the page's language.
        assertThat(chrome.findElement(By.id("today-basis")).getText()).isEqualTo(
                "Sessions that ended today or are plugged in, whenever they began; uncontrolled: each charged from"
                        + " plug-in at the most its car drew until it had the same energy");

        // Controlled charging dearer than uncontrolled today (a grid cap held cars into the peak, as in the demo on
        // 2026-12-05): said as what it cost more, not as a saving below nothing in green ("saved ¥-0.59 against ...").
        assertThat(todaySavingOf(-0.59)).isEqualTo("cost ¥0.59 more than uncontrolled charging (worse)");
        assertThat(todaySavingOf(1.25)).isEqualTo("saved ¥1.25 against uncontrolled charging (good)");
        // Nothing saved to the fen is the same cost, not "saved ¥0.00" in green (until 2026-12-06, as in the demo's morning).
        assertThat(todaySavingOf(0.004)).isEqualTo("the same cost as uncontrolled charging ()");
        assertThat(todaySavingOf(-0.004)).isEqualTo("the same cost as uncontrolled charging ()");
        // A car's energy known only from its pile's counter, no minute having seen its draw (a gateway's first minute):
        // the saving not known yet, not its cost said as a loss; before the first computation, not computed yet.
        // Until 2026-12-05 the first said "cost ¥0.05 more than uncontrolled charging", the second ¥0.00 and a saving.
        assertThat(todaySavingOf(null)).isEqualTo("saving not known yet: a car's draw not seen yet ()");
        assertThat(todayCardOf(null)).isEqualTo("— | not computed yet |  ()");
        // A saving over part of the sessions (two left out, their draw no stored minute saw) says which it leaves out;
        // until 2026-12-05 one such session left no saving at all. A saving over all of them says nothing more.
        assertThat(todayPartialOf(PARTIAL)).isEqualTo(
                "saved ¥1.25 against uncontrolled charging | the saving leaves out 2 session(s) on p08, p11 (0.3 kWh):"
                        + " their draw was not seen");
        assertThat(todayPartialOf(WHOLE)).isEqualTo("saved ¥1.25 against uncontrolled charging | (hidden)");
        // A session on a pile that measures neither its car's draw nor its energy (that draw is in the households' load,
        // their upper bound) is in no figure: the energy and cost are at least what they say, and the session is named.
        // Until 2026-12-06 the card said its 0 as measured, "3.0 | cost ¥1.47", and nothing of it.
        // The words allow a pile offline all along too (SessionEnergy.known false), which measured nothing either.
        assertThat(todayUncountedOf(UNCOUNTED)).isEqualTo("at least 3.0 | cost at least ¥1.47 | 1 session(s) on p08 not"
                + " counted: draw and energy unmeasured (pile offline or not metering), in the households' load");
        assertThat(todayUncountedOf(WHOLE)).isEqualTo("2.0 | cost ¥1.05 | (hidden)");

        // A 360 px phone, in English (the longer words) and in Chinese.
        chrome.manage().window().setSize(new Dimension(360, 1600));
        for (String title : new String[] {"Orderly charging", "有序充电"}) {
            wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), title));
            wait.until(d -> (Long) ((ChromeDriver) d).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;") <= 0L);
            Browser.screenshot(chrome, "phone-360-" + (title.startsWith("O") ? "en" : "zh"));
            if (!title.startsWith("O")) {
                assertThat(chrome.findElement(By.id("today-basis")).getText())
                        .isEqualTo("按今日结束或仍插枪的充电计（不论何时插枪）；无序充电指插枪即以车辆实测最大功率充到同样电量");
                assertThat(todaySavingOf(-0.59)).isEqualTo("比无序充电多花 ¥0.59 (worse)");
                assertThat(todaySavingOf(0.0)).isEqualTo("与无序充电花费相同 ()");
                assertThat(todayPartialOf(PARTIAL))
                        .isEqualTo("比无序充电节省 ¥1.25 | 节省未计入 2 次充电（p08、p11，0.3 kWh）：未测得其充电功率");
                assertThat(todayUncountedOf(UNCOUNTED))
                        .isEqualTo("至少 3.0 | 电费至少 ¥1.47 | 未计入 1 次充电（p08）：其用电未测得（充电桩离线或未计量），计在住户负荷里");
            } else {
                chrome.findElement(By.id("lang-toggle")).click();
            }
        }
    }

    /**
     * Today's saving as the card says it, and its class, once the page is handed the gateway's overview with today's
     * saving {@code yuan} (null: not known; the live stream's next update, every second, sends the gateway's own
     * again).
     */
    private String todaySavingOf(Double yuan) {
        return (String) HandedOverview.handed(chrome,
                "o.today = { evKwh: 0.1, costYuan: 0.05, uncontrolledCostYuan: null, savingYuan: args[0] };",
                "document.getElementById('today-saving').textContent + ' ('"
                        + " + document.getElementById('today-saving').className + ')'", yuan);
    }

    /** Today's figures with a saving of ¥1.25 over part of the sessions: p08's and p11's left out. */
    private static final String PARTIAL = """
            {"evKwh": 2.3, "costYuan": 1.2, "uncontrolledCostYuan": 2.3, "savingYuan": 1.25, "comparedKwh": 2.0,
             "comparedCostYuan": 1.05, "leftOut": [{"session": "p08@3-14", "pile": "p08", "kwh": 0.1},
             {"session": "p11@5-16", "pile": "p11", "kwh": 0.2}]}""";
    /** The same saving over every session. */
    private static final String WHOLE = """
            {"evKwh": 2.0, "costYuan": 1.05, "uncontrolledCostYuan": 2.3, "savingYuan": 1.25, "comparedKwh": 2.0,
             "comparedCostYuan": 1.05, "leftOut": []}""";

    /** Today's figures with p08's session not counted: its pile measures neither its car's draw nor its energy. */
    private static final String UNCOUNTED = """
            {"evKwh": 3.0, "costYuan": 1.47, "uncontrolledCostYuan": 1.47, "savingYuan": 0.0, "comparedKwh": 3.0,
             "comparedCostYuan": 1.47, "leftOut": [], "notCounted": [{"session": "p08@3-14", "pile": "p08"}]}""";

    /**
     * Today's energy, cost and what the card says of the sessions it does not count ({@code (hidden)} when it says
     * nothing), once the page is handed an overview whose today is {@code today} (JSON).
     */
    private String todayUncountedOf(String today) {
        return (String) HandedOverview.handed(chrome, "o.today = JSON.parse(args[0]);",
                "['today-kwh', 'today-cost'].map(id => document.getElementById(id).textContent).join(' | ') + ' | '"
                        + " + (document.getElementById('today-uncounted').hidden ? '(hidden)'"
                        + " : document.getElementById('today-uncounted').textContent)", today);
    }

    /**
     * Today's saving and what the card says under it of the sessions it leaves out ({@code (hidden)} when it says
     * nothing), once the page is handed an overview whose today is {@code today} (JSON).
     */
    private String todayPartialOf(String today) {
        return (String) chrome.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/overview').then(r => r.json()).then(o => {
                    o.today = JSON.parse(arguments[0]);
                    window.liveStreams[window.liveStreams.length - 1]
                        .dispatchEvent(new MessageEvent('overview', { data: JSON.stringify(o) }));
                    const partial = document.getElementById('today-partial');
                    done(document.getElementById('today-saving').textContent + ' | '
                        + (partial.hidden ? '(hidden)' : partial.textContent));
                });""", today);
    }

    /** Today's card (energy | cost | saving (its class)) once the page is handed an overview whose today is none. */
    private String todayCardOf(Object today) {
        return (String) HandedOverview.handed(chrome, "o.today = args[0];",
                "['today-kwh', 'today-cost', 'today-saving'].map(id => document.getElementById(id).textContent)"
                        + ".join(' | ') + ' (' + document.getElementById('today-saving').className + ')'", today);
    }
}
