package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.orderly.gateway.core.model.GridCap;

/**
 * A car whose estimated finish comes after its resident's declared departure, or which the plan leaves short then, says
 * so in the finish column, in Chinese and in English (real Chromium, live gateway, real bridges and meter on 127.0.0.1).
 * Until 2026-12-06 the two times stood side by side beside "Charging as planned", read as the car being full when the
 * resident leaves.
 */
class WebPageLateFinishBrowserTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final SignedInPage page = new SignedInPage();
    private static final By P0_FINISH = By.cssSelector("#pile-p0 td.finish");
    private ChromeDriver chrome;

    /**
     * A car declared to leave in an hour wanting 150 kWh, more than its 32 A pile gives in an hour: the planner, finding
     * it likely there a while past the declared time, plans its charging past it (its row's {@code finishAt} after its
     * {@code declaredDepartureAt}), and the row says how much it lacks at the declared departure, late, in Chinese and
     * in English. Until the evening of 2026-12-06 it said the plan's finish after the departure, 00:15（晚于预约离开）:
     * room did not run out, so the planner's own shortfall was none, though the car is neither full then nor when it
     * declared it leaves (OverviewLateCarTest says the figure). A finish after the departure with nothing short is
     * said as such ({@link #aCarWithNoEnergyPlannedBeforeItsDepartureIsLateWithoutAFinish}'s p1).
     */
    @Test
    void aCarWhosePlanRunsPastItsDeclaredDepartureIsSaidShortThen() throws Exception {
        chrome = page.browser(dir, 1360, 1200);
        page.gateway(WebRig.onePrice(2, dir));
        page.showOnFailure("late-finish-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(30));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));

            // Leaving in an hour and wanting 150 kWh: no 32 A pile gives that in an hour.
            page.reserve(wait, "p0", Duration.ofHours(1), "150");

            wait.until(d -> d.findElement(P0_FINISH).getText().matches("预计离开时仍差 \\d+\\.\\d kWh"));
            assertThat(chrome.findElement(P0_FINISH).getAttribute("class")).contains("late");
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) chrome.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/api/overview').then(r => r.json()).then(o => done(o.piles.find(p => p.id === 'p0')));""");
            assertThat(((Number) row.get("finishAt")).longValue()).as("p0's finishAt, after its declared departure")
                    .isGreaterThan(((Number) row.get("declaredDepartureAt")).longValue());
            assertThat(((Number) row.get("shortKwh")).doubleValue()).as("p0's shortKwh").isGreaterThanOrEqualTo(0.1);
            // A car that will not have its energy when its resident leaves needs the manager (since 2026-12-06): counted,
            // and listed first in a large compound (docs/web.md, "A large compound").
            assertThat(chrome.findElement(By.id("pile-attention-text")).getText()).isEqualTo("只看需处理的（1）");
            Browser.screenshot(chrome, "late-finish-zh");
            chrome.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
            wait.until(d -> d.findElement(P0_FINISH).getText().matches("\\d+\\.\\d kWh short at the departure"));
            // The other pile, its resident having declared nothing, says its finish plainly.
            assertThat(chrome.findElement(By.cssSelector("#pile-p1 td.finish")).getAttribute("class"))
                    .doesNotContain("late");
        });
    }

    /**
     * The same on a live gateway: a grid cap below the households' load for the next three hours leaves the plan room
     * for none of a car declared to leave in an hour with 150 kWh. Its row, as the builder makes it, says no energy
     * planned and no finish, and the page says so, late. For a while on 2026-12-06 it said the end of the slots it is
     * likely there as its finish, after the departure (12/07 00:00（晚于预约离开）).
     */
    @Test
    void aCarACapLeavesNoRoomForSaysNoChargingPlanned() throws Exception {
        Instant now = Instant.now();
        reservedUnderACap("no-energy-planned-live-failure", new GridCap("hold-3h", now.minusSeconds(1),
                now.plus(Duration.ofHours(3)), 1), "预约离开前未安排充电", row -> Boolean.TRUE.equals(row.get("noEnergyPlanned")),
                (wait, row) -> assertThat(row).as("p0's row").containsEntry("noEnergyPlanned", true)
                        .containsEntry("finishAt", null));
    }

    /**
     * A car the plan gives some of its energy but not all before its declared departure is late too, and says by how
     * much the plan leaves it short: live, a grid cap below the households' load from a quarter of an hour on, for three
     * hours, leaves a car declared to leave in an hour with 150 kWh room for a little of it before the cap. Until
     * 2026-12-06 its finish was the end of its last planned slot, before the departure, said plainly and never late.
     */
    @Test
    void aCarThePlanLeavesShortBeforeItsDepartureSaysByHowMuch() throws Exception {
        Instant from = Instant.now().plus(Duration.ofMinutes(15));
        reservedUnderACap("short-at-departure-failure", new GridCap("from-15-min", from, from.plus(Duration.ofHours(3)), 1),
                "预计离开时仍差 \\d+\\.\\d kWh", row -> row.get("finishAt") instanceof Number finish
                        && finish.longValue() < ((Number) row.get("declaredDepartureAt")).longValue(), (wait, row) -> {
                    assertThat(row).as("p0's row").containsEntry("noEnergyPlanned", false);
                    assertThat(((Number) row.get("finishAt")).longValue()).as("p0's finishAt, before its departure")
                            .isLessThan(((Number) row.get("declaredDepartureAt")).longValue());
                    assertThat(((Number) row.get("shortKwh")).doubleValue()).as("p0's shortKwh").isGreaterThanOrEqualTo(0.1);
                    chrome.findElement(By.id("lang-toggle")).click();
                    wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
                    wait.until(d -> d.findElement(P0_FINISH).getText().matches("\\d+\\.\\d kWh short at the departure"));
                });
    }

    /** What a test of {@link #reservedUnderACap} checks of p0's overview row and the page after. */
    private interface LateRowCheck {
        void check(WebDriverWait wait, Map<String, Object> row) throws Exception;
    }

    /**
     * A live gateway of two piles with {@code cap} in force, p0 reserved to leave in an hour with 150 kWh: waits until
     * p0's finish matches {@code finishZh}, which must be marked late and counted as needing the manager, and until p0's
     * row of {@code /api/overview} is {@code planned} (of the plan made for the cap and the reservation), then hands that
     * row to {@code then}. The plan being solved when the reservation came is taken up first, without it (the page's
     * toast says the plan is being updated): its row mixes that plan with the new declaration, and may say the same
     * finish. Read at once, a loaded CI run on 2026-12-07 found p0's finish 6 h after its departure, of the plan made
     * for the cap alone.
     */
    private void reservedUnderACap(String failure, GridCap cap, String finishZh, Predicate<Map<String, Object>> planned,
                                   LateRowCheck then) throws Exception {
        chrome = page.browser(dir, 1360, 1200);
        List<GridCap> caps = new CopyOnWriteArrayList<>();
        page.gateway(new WebRig(2, dir, () -> caps));
        page.showOnFailure(failure, () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(60));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
            caps.add(cap);
            page.reserve(wait, "p0", Duration.ofHours(1), "150");

            wait.until(d -> d.findElement(P0_FINISH).getText().matches(finishZh));
            assertThat(chrome.findElement(P0_FINISH).getAttribute("class")).contains("late");
            assertThat(chrome.findElement(By.id("pile-attention-text")).getText()).isEqualTo("只看需处理的（1）");
            AtomicReference<Map<String, Object>> row = new AtomicReference<>();
            wait.withMessage(() -> "p0's row of the plan for the cap and the reservation; last seen " + row.get())
                    .until(d -> {
                        row.set(p0Row());
                        return planned.test(row.get());
                    });
            then.check(wait, row.get());
        });
    }

    /** p0's row of {@code /api/overview}, as the page's browser fetches it. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> p0Row() {
        return (Map<String, Object>) chrome.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/overview').then(r => r.json()).then(o => done(o.piles.find(p => p.id === 'p0')));""");
    }

    /**
     * A car the plan found room for none of its energy before its declared departure (the overview row's
     * {@code noEnergyPlanned}, its {@code finishAt} null) is late as a car finishing after its departure is: said so in
     * its finish column and its line of the attention list, in words of its own, and ranked with the late cars, after a
     * fault, on a phone's list and the office's table. Handed to the page on its live stream (HandedOverview): four
     * piles, p2 in fault, p0 with no energy planned, p1 finishing half an hour after its departure, p3 given some of its
     * energy, finishing half an hour before its departure 12.3 kWh short (its row's {@code shortKwh}; until 2026-12-06
     * said as finishing then, not late). For a while on
     * 2026-12-06 such a car's finish was the end of the slots it is likely there, said as finishing then, after the
     * departure: a lower bound shown as an estimate (OverviewLateCarTest).
     */
    @Test
    @SuppressWarnings("unchecked")
    void aCarWithNoEnergyPlannedBeforeItsDepartureIsLateWithoutAFinish() throws Exception {
        chrome = page.browser(dir, 390, 844);
        HandedOverview.keepStreams(chrome);
        page.gateway(WebRig.onePrice(4, dir));
        page.showOnFailure("no-energy-planned-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(60));
            wait.until(d -> d.findElements(By.cssSelector("#piles tbody tr")).size() == 4);
            String time = "(\\d\\d/\\d\\d |\\d{1,2} [A-Z][a-z]{2}, )?\\d\\d:\\d\\d";

            Map<String, Object> phone = handed(chrome);
            assertThat(phone.get("listShown")).as("the attention list at 390 px").isEqualTo(true);
            assertThat((List<String>) phone.get("lines")).as("the attention list's lines, ranked").hasSize(4)
                    .satisfies(l -> assertThat(l.get(0)).isEqualTo("p2 故障：接触器粘连"))
                    .satisfies(l -> assertThat(l.get(1)).matches("p0 未安排充电，预约离开 " + time))
                    .satisfies(l -> assertThat(l.get(2)).matches("p1 " + time + " 充满，晚于预约离开 " + time))
                    .satisfies(l -> assertThat(l.get(3)).matches("p3 离开时仍差 12.3 kWh，预约离开 " + time));
            assertThat(phone.get("finish")).as("p0's finish").isEqualTo("预约离开前未安排充电");
            assertThat(phone.get("late")).as("p0's finish marked late").isEqualTo(true);
            assertThat(phone.get("shortFinish")).as("p3's finish").isEqualTo("预计离开时仍差 12.3 kWh");
            assertThat(phone.get("shortLate")).as("p3's finish marked late").isEqualTo(true);
            assertThat(phone.get("count")).isEqualTo("只看需处理的（4）");

            chrome.manage().window().setSize(new Dimension(1366, 768));
            Map<String, Object> office = handed(chrome);
            assertThat(office.get("listShown")).as("the attention list at 1366 px").isEqualTo(false);
            assertThat((List<String>) office.get("rows")).as("the table's rows, ranked")
                    .containsExactly("pile-p2", "pile-p0", "pile-p1", "pile-p3");

            chrome.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
            chrome.manage().window().setSize(new Dimension(390, 844));
            Map<String, Object> english = handed(chrome);
            assertThat((List<String>) english.get("lines")).as("the attention list's lines in English")
                    .satisfies(l -> assertThat(l.get(1)).matches("p0 No charging planned, leaves at " + time))
                    .satisfies(l -> assertThat(l.get(3)).matches("p3 12.3 kWh short, leaves at " + time));
            assertThat(english.get("finish")).isEqualTo("no charging planned before the departure");
            assertThat(english.get("shortFinish")).isEqualTo("12.3 kWh short at the departure");
        });
    }

    /** The page handed the overview of {@link #aCarWithNoEnergyPlannedBeforeItsDepartureIsLateWithoutAFinish}, as shown. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> handed(ChromeDriver chrome) {
        String change = """
                const leaves = Date.now() + 3600000;
                for (const p of o.piles) {
                  Object.assign(p, { plugged: true, state: 'C', amps: 16, fault: null, finishAt: null, shortKwh: null,
                      noEnergyPlanned: false, declaredDepartureAt: null, declaredKwh: null, reason: 'CHARGING' });
                }
                Object.assign(o.piles[0], { shortKwh: 140.2, noEnergyPlanned: true, declaredDepartureAt: leaves, declaredKwh: 150 });
                Object.assign(o.piles[1], { finishAt: leaves + 1800000, declaredDepartureAt: leaves, declaredKwh: 150 });
                Object.assign(o.piles[2], { state: 'F', amps: 0, fault: 'contactor welded', reason: 'NONE' });
                Object.assign(o.piles[3], { finishAt: leaves - 1800000, shortKwh: 12.3, declaredDepartureAt: leaves,
                    declaredKwh: 40 });""";
        String read = """
                ({ listShown: document.getElementById('attention').offsetParent !== null,
                   lines: [...document.querySelectorAll('#attention-lines a')].map(a => a.dataset.pile + ' '
                       + a.querySelector('span').textContent),
                   finish: document.querySelector('#pile-p0 td.finish').textContent,
                   late: document.querySelector('#pile-p0 td.finish').classList.contains('late'),
                   shortFinish: document.querySelector('#pile-p3 td.finish').textContent,
                   shortLate: document.querySelector('#pile-p3 td.finish').classList.contains('late'),
                   count: document.getElementById('pile-attention-text').textContent,
                   rows: [...document.querySelectorAll('#piles tbody tr')].filter(tr => !tr.hidden).map(tr => tr.id) })""";
        return (Map<String, Object>) HandedOverview.handed(chrome, change, read);
    }
}
