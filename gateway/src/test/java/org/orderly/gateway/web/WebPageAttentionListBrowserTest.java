package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.orderly.bridge.pile.PileFault;
import org.orderly.gateway.app.LiveRig;

/**
 * Several piles that need the manager at once on a phone (real Chromium at 390 x 844, then at an office display's
 * 1366 x 768; a live gateway with 24 real bridges and a real meter on 127.0.0.1): two in fault, three offline (their
 * bridges silent) and four cars short at their declared departure. The first screen says how many and names
 * them, a line each with a few words of why, the faults and the offline first; a tap on a line brings its pile's card.
 * A tenth (a fifth late car) is listed on a tap of the button under the first eight.
 * Until 2026-12-06 each had its card of some 230 px, and only the first was in the first screen (docs/web.md, "A large
 * compound").
 */
class WebPageAttentionListBrowserTest {
    private static final int PILES = 24;
    private static final List<String> FAULTS = List.of("p20", "p5");
    private static final List<String> OFFLINE = List.of("p17", "p3", "p11");
    private static final List<String> LATE = List.of("p22", "p1", "p8", "p14");
    /** As the page ranks them: in fault, offline, late, each kind as the compound numbers its piles. */
    private static final List<String> RANKED = List.of("p5", "p20", "p3", "p11", "p17", "p1", "p8", "p14", "p22");
    /** With one more late car, p19, in its place among them: more than the list's eight and one. */
    private static final List<String> RANKED_TEN =
            List.of("p5", "p20", "p3", "p11", "p17", "p1", "p8", "p14", "p19", "p22");
    /**
     * How many of them, the first, a phone's first screen names at the least: in Chinese seven (eight on this page as
     * measured), in English, whose figures' card is taller, six (both faults, the offline and a late car).
     */
    private static final int NAMED_AT_LEAST_ZH = 7;
    private static final int NAMED_AT_LEAST_EN = 6;
    /**
     * A late car's line: short at its declared departure, as the plan gives it less by then than it likely wants (until
     * the evening of 2026-12-06 its plan's finish after the departure, the planner's own shortfall being none).
     */
    private static final String LATE_ZH = "离开时仍差 \\d+\\.\\d kWh，预约离开 (\\d\\d/\\d\\d )?\\d\\d:\\d\\d";
    private static final String LATE_EN = "\\d+\\.\\d kWh short, leaves at (\\d{1,2} [A-Z][a-z]{2}, )?\\d\\d:\\d\\d";

    @RegisterExtension
    final SignedInPage page = new SignedInPage();

    @Test
    void aPhonesFirstScreenCountsAndNamesThePilesThatNeedTheManagerTheirCardsATapAway(@TempDir Path dir)
            throws Exception {
        ChromeDriver chrome = page.browser(dir, 390, 844);
        WebRig rig = page.gateway(WebRig.withOffline(PILES, dir, LiveRig.Offline.QUICK));
        page.showOnFailure("attention-list-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(60));
            wait.until(d -> d.findElements(By.cssSelector("#piles tbody tr")).size() == PILES);
            FAULTS.forEach(p -> rig.live.bridges.get(Integer.parseInt(p.substring(1))).trip(PileFault.contactorWelded()));
            OFFLINE.forEach(p -> rig.live.bridges.get(Integer.parseInt(p.substring(1))).silence());
            NeedingPiles.declareLate(chrome, LATE);
            wait.until(ExpectedConditions.textToBe(By.id("pile-attention-text"), "只看需处理的（9）"));
            // Each late car said so (its plan made after its reservation), each offline pile's alarm raised.
            wait.until(d -> LATE.stream().allMatch(p -> d.findElement(By.cssSelector("#pile-" + p + " td.finish"))
                    .getAttribute("class").contains("late")));
            // And each silenced pile said offline: before that it counts among the nine by its raised alarm, ranked
            // after the offline ones (a helper's run at load 12: [p5, p20, p3, p17, p11, ...], p11 not offline yet).
            wait.until(d -> OFFLINE.stream().allMatch(p -> d.findElements(By.cssSelector("#pile-" + p)).stream()
                    .anyMatch(row -> row.getAttribute("class").contains("offline"))));

            List<String> named = NeedingPiles.namedInFirstScreen(chrome, RANKED);
            Browser.screenshot(chrome, "attention-list-zh-390");
            assertThat(named).as("the piles that need the manager that the first screen names, top to bottom")
                    .startsWith(RANKED.subList(0, NAMED_AT_LEAST_ZH).toArray(String[]::new));
            assertThat(named).as("named in the first screen, in the page's order").isEqualTo(RANKED.subList(0, named.size()));
            By count = By.id("attention-count");
            assertThat(chrome.findElement(count).getText()).isEqualTo("需要处理的充电桩：9 台");
            assertThat(inFirstScreen(chrome, chrome.findElement(count))).as("the count in the first screen").isTrue();
            // What the manager read there before stays there: the transformer's load and the header's alarms.
            assertThat(inFirstScreen(chrome, chrome.findElement(By.id("kpi-transformer"))))
                    .as("the transformer's card in the first screen").isTrue();
            assertThat(chrome.findElement(By.id("alarm-summary")).getText()).matches("告警：\\d+ 条未恢复");
            assertThat(inFirstScreen(chrome, chrome.findElement(By.id("alarm-summary")))).isTrue();
            assertThat(why(chrome, "p5")).isEqualTo("故障：接触器粘连");
            assertThat(why(chrome, "p3")).isEqualTo("离线");
            assertThat(why(chrome, "p1")).matches(LATE_ZH);
            assertThat(lines(chrome)).as("the lines, nine: one more than eight takes the button's place").isEqualTo(RANKED);
            assertThat(chrome.findElements(By.cssSelector("#attention-lines button.more"))).isEmpty();
            assertThat(seen(chrome, chrome.findElement(By.cssSelector("#pile-p20 td[data-reason]"))))
                    .as("p20's card in the first screen").isFalse();

            // A tap on a line brings its pile's card into sight below the header, with the whole of why.
            chrome.findElement(By.cssSelector("#attention-lines [data-pile='p20']")).click();
            WebElement reason = chrome.findElement(By.cssSelector("#pile-p20 td[data-reason]"));
            wait.until(d -> seen(chrome, reason));
            assertThat(reason.getText()).startsWith("接触器粘连：");
            Browser.screenshot(chrome, "attention-list-tapped-zh-390");

            chrome.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(count, "Piles that need attention: 9"));
            assertThat(why(chrome, "p5")).isEqualTo("Fault: contactor welded");
            assertThat(why(chrome, "p3")).isEqualTo("Offline");
            assertThat(why(chrome, "p1")).matches(LATE_EN);
            assertThat(NeedingPiles.namedInFirstScreen(chrome, RANKED)).as("named in the first screen in English")
                    .startsWith(RANKED.subList(0, NAMED_AT_LEAST_EN).toArray(String[]::new));
            Browser.screenshot(chrome, "attention-list-en-390");

            // A tenth: eight lines listed, a button counts the other two and lists them.
            NeedingPiles.declareLate(chrome, List.of("p19"));
            wait.until(ExpectedConditions.textToBe(count, "Piles that need attention: 10"));
            assertThat(lines(chrome)).as("the lines of ten").isEqualTo(RANKED_TEN.subList(0, 8));
            By more = By.cssSelector("#attention-lines button.more");
            // The list is drawn anew at each refresh: the button is found again at each look, and clicked on a look
            // that finds it whole (a button found, then redrawn, is stale: CI 56a).
            wait.until(ExpectedConditions.textToBe(more, "2 more: show all"));
            wait.ignoring(StaleElementReferenceException.class).until(d -> {
                d.findElement(more).click();
                return true;
            });
            wait.until(d -> lines(chrome).equals(RANKED_TEN));
            wait.until(ExpectedConditions.textToBe(more, "Show fewer"));

            // At an office display's width the table's first rows are those piles, ranked, a line each, no list: the
            // first screen (625 px of page) holds five, those in fault and offline.
            chrome.manage().window().setSize(new Dimension(1366, 768));
            wait.until(d -> !d.findElement(By.id("attention")).isDisplayed());
            assertThat(shown(chrome)).as("the rows listed at 1366 px").isEqualTo(RANKED_TEN);
            assertThat(NeedingPiles.namedInFirstScreen(chrome, RANKED_TEN)).as("named in the first screen at 1366 px")
                    .startsWith("p5", "p20", "p3", "p11", "p17");
            Browser.screenshot(chrome, "attention-list-en-1366");
        });
    }

    /**
     * The piles the attention list names, a line each, in its order: read in one script, as the page redraws the list
     * at each refresh (found and read element by element, a line redrawn between the two was stale: a CI run, 2026-12-07).
     */
    @SuppressWarnings("unchecked")
    private static List<String> lines(ChromeDriver chrome) {
        return (List<String>) chrome.executeScript(
                "return [...document.querySelectorAll('#attention-lines a.need')].map(a => a.getAttribute('data-pile'));");
    }

    /** The few words of why on a pile's line, read in one script as {@link #lines} are. */
    private static String why(ChromeDriver chrome, String pile) {
        return (String) chrome.executeScript("const e = document.querySelector(arguments[0]); return e && e.innerText;",
                "#attention-lines [data-pile='" + pile + "'] span");
    }

    /** Whether the window, where it is scrolled to, shows the element at its middle (not under the sticky header). */
    private static boolean seen(ChromeDriver chrome, WebElement e) {
        return (Boolean) chrome.executeScript("""
                const r = arguments[0].getBoundingClientRect();
                const at = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
                return r.height > 0 && at !== null && arguments[0].contains(at);""", e);
    }

    /** Whether the element is wholly within the window with the page at its top. */
    private static boolean inFirstScreen(ChromeDriver chrome, WebElement e) {
        return (Boolean) chrome.executeScript("""
                window.scrollTo(0, 0);
                const r = arguments[0].getBoundingClientRect();
                return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;""", e);
    }

    private static List<String> shown(ChromeDriver chrome) {
        return chrome.findElements(By.cssSelector("#piles tbody tr")).stream().filter(WebElement::isDisplayed)
                .map(tr -> tr.getAttribute("id").replace("pile-", "")).toList();
    }
}
