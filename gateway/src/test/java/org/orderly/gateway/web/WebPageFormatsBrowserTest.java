package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.orderly.gateway.store.Sample;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreReader;
import org.orderly.testkit.Await;

/**
 * How the page writes times, alarms and the chart, in the real Chromium (live gateway, real bridges and meter on
 * 127.0.0.1): stored events show times in the compound's zone to the second, not UTC instants with nanoseconds; an
 * alarm's event says the alarm in the page's language, not its code; the chart's axis is at round figures and its
 * legend lists only what is drawn; the EV load's estimated part is drawn apart (hatched, and dotted where not known
 * whether measured: minutes recorded before 2026-12-04) with its legend in English and Chinese, and so is the
 * households' part that is a bound, not a measurement (hatched, since 2026-12-06); an English date names its month.
 */
class WebPageFormatsBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The stale transformer reading's alarm: what it means and what the gateway does about it. */
    private static final String STALE_EN = "Transformer meter stale: without its readings the gateway charges"
            + " conservatively, at the safe power only";
    /** The legend of the households' part that is a bound. */
    private static final String BOUND_EN = "Household load, upper bound (may include a car's draw the gateway does not know)";
    @TempDir
    Path dir;
    @RegisterExtension
    final SignedInPage page = new SignedInPage();
    private WebRig rig;
    private ChromeDriver chrome;

    @Test
    void timesAlarmsAndTheChartReadAsThePropertyManagerReadsThem() throws Exception {
        chrome = page.browser(dir, 1360, 1200);
        rig = page.gateway(new WebRig(3, dir));
        page.showOnFailure("formats-failure", this::walkThrough);
    }

    private void walkThrough() throws Exception {
        WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(90));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
        wait.until(d -> !d.findElements(By.cssSelector("#piles tr#pile-p0")).isEmpty());
        // Stored before the page switches language, which draws the chart again: a quarter hour five hours ago recorded
        // before the EV load's unmeasured part was (2026-12-04), one two hours ago with 2.5 of its 6 kW an estimate, one
        // three hours ago whose households were a bound half of each minute (10 of their 20 kW).
        Instant unknown = quarter(Instant.now().minus(Duration.ofHours(5)));
        Instant estimated = quarter(Instant.now().minus(Duration.ofHours(2)));
        Instant bound = quarter(Instant.now().minus(Duration.ofHours(3)));
        store(unknown, estimated, bound);
        chrome.findElement(By.id("lang-toggle")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));

        // A reservation, stored with its departure as a UTC instant, and the transformer meter stopped: its alarm's
        // event, and the mode change's event with the reading's time.
        chrome.findElement(By.cssSelector("#pile-p0 button.reserve")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reserve-dialog")));
        LocalDateTime departure = LocalDateTime.now(rig.zone).plusHours(10).truncatedTo(ChronoUnit.MINUTES);
        chrome.executeScript("arguments[0].value = arguments[1];", chrome.findElement(By.id("reserve-departure")),
                departure.toString());
        chrome.findElement(By.id("reserve-energy")).sendKeys("10");
        chrome.findElement(By.id("reserve-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("toast"), "Reservation saved; the plan is being updated"));
        rig.live.meter.stop();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#alarms li[data-kind='METER_STALE']")));

        // The departure as the rest of the page writes a time, its day said when not today (6 Dec, 07:30; 12/06 07:30
        // in Chinese): until 2026-12-05 the event said 2026-12-06 07:30 as the gateway sends it.
        boolean today = departure.toLocalDate().equals(LocalDate.now(rig.zone));
        String local = departure.format(DateTimeFormatter.ofPattern(today ? "HH:mm" : "d MMM, HH:mm", Locale.UK));
        String localZh = departure.format(DateTimeFormatter.ofPattern(today ? "HH:mm" : "MM/dd HH:mm"));
        wait.until(d -> events(d).stream().anyMatch(e -> e.contains("departure " + local + ",")));
        wait.until(d -> events(d).stream().anyMatch(e -> e.startsWith("Alarm raised · Transformer meter stale")));
        wait.until(d -> events(d).stream().anyMatch(e -> e.contains("read at ")));
        List<String> events = events(chrome);
        assertThat(events).as("events").noneMatch(e -> e.matches("(?s).*\\d\\d:\\d\\d(:\\d\\d)?\\.\\d.*"))
                .noneMatch(e -> e.matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d.*"))
                .noneMatch(e -> e.matches("(?s).*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d.*"))
                // with the meter's failed polls when its poller found it silent first (FieldAlarms)
                .anyMatch(e -> e.equals("Alarm raised · " + STALE_EN + "; have the meter and its link checked")
                        || e.startsWith("Alarm raised · " + STALE_EN + "; meter transformer is not answering: all 3"
                                + " polls in 1 min failed; "));

        // The chart's axis at 0, 10, 20 ... with a top of 50, not 13 and 38: drawn by the page's chart on a limit
        // that makes that top.
        @SuppressWarnings("unchecked")
        List<String> ticks = (List<String>) chrome.executeScript("""
                const div = document.createElement("div");
                const now = Date.now();
                OrderlyChart.draw(div, { from: now - 86400e3, to: now + 86400e3, now, limitKw: 46, history: [],
                    plan: [], caps: [], prices: [] }, k => k, ms => "");
                return [...div.querySelectorAll("text[text-anchor='end']")].map(e => e.textContent)
                    .filter(s => s !== "kW");""");
        assertThat(ticks).as("ticks of a 50 kW axis").containsExactly("0", "10", "20", "30", "40", "50");

        // The legend: the rig has a peak and a valley but no grid cap.
        wait.until(d -> legend(d).contains("Valley price"));
        assertThat(legend(chrome)).contains("Transformer limit", "Peak price").doesNotContain("Grid cap");

        // The EV load's part no pile measured: in the chart's data, null where not known; drawn hatched, the EV load of
        // a quarter whose part is not known dotted, each with its legend.
        JsonNode chart = JSON.readTree((String) chrome.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/chart').then(r => r.text()).then(done);"));
        JsonNode before = point(chart, unknown);
        JsonNode split = point(chart, estimated);
        assertThat(before.has("evUnmeasuredKw") && before.get("evUnmeasuredKw").isNull()).as("not known: %s", before)
                .isTrue();
        assertThat(split.path("evKw").asDouble()).as("%s", split).isEqualTo(6.0);
        assertThat(split.path("evUnmeasuredKw").asDouble()).as("%s", split).isEqualTo(2.5);
        assertThat(legend(chrome)).contains("EV load not metered (estimated)", "EV load (metering not recorded)");
        assertThat(chrome.findElement(By.id("chart-ev-unmeasured")).getAttribute("d")).as("the estimate hatched")
                .isNotBlank();
        assertThat(chrome.findElement(By.id("chart-ev-unmeasured")).getAttribute("fill")).isEqualTo("url(#chart-hatch)");
        assertThat(chrome.findElement(By.id("chart-ev-unknown")).getAttribute("d")).as("not known, dotted")
                .isNotBlank();
        Browser.screenshot(chrome, "formats-chart-unmeasured");

        // The households' part that is a bound: in the chart's data, null where not recorded (before 2026-12-06); drawn
        // hatched in the households' colour on top of their measured part, with its legend. Until 2026-12-06 the
        // households' area said 20 kW measured.
        JsonNode halfBound = point(chart, bound);
        assertThat(before.has("baseBoundKw") && before.get("baseBoundKw").isNull()).as("not known: %s", before).isTrue();
        assertThat(halfBound.path("baseKw").asDouble()).as("%s", halfBound).isEqualTo(20.0);
        assertThat(halfBound.path("baseBoundKw").asDouble()).as("%s", halfBound).isEqualTo(10.0);
        assertThat(legend(chrome)).contains(BOUND_EN);
        assertThat(chrome.findElement(By.id("chart-base-bound")).getAttribute("d")).as("the bound hatched").isNotBlank();
        assertThat(chrome.findElement(By.id("chart-base-bound")).getAttribute("fill")).isEqualTo("url(#chart-hatch-base)");

        // The control mode's card says what its time is (when the values shown were put together; a bare time until
        // 2026-12-05); its date names its month in English (2 Dec), and stays 12/02 in Chinese.
        wait.until(d -> d.findElement(By.id("clock")).getText()
                .matches("as of \\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec), \\d\\d:\\d\\d"));
        chrome.findElement(By.id("lang-toggle")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "有序充电"));
        wait.until(d -> d.findElement(By.id("clock")).getText().matches("数据时间 \\d\\d/\\d\\d \\d\\d:\\d\\d"));
        wait.until(d -> events(d).stream()
                .anyMatch(e -> e.contains("告警产生 · 变压器电表数据过期：网关收不到电表读数，已改为保守充电，只用安全功率；")));
        wait.until(d -> events(d).stream().anyMatch(e -> e.contains("离开时间 " + localZh + "，")));
        assertThat(events(chrome)).as("events in Chinese")
                .noneMatch(e -> e.matches("(?s).*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d.*"));
        wait.until(d -> legend(d).contains("未计量的充电负载（估算）"));
        assertThat(legend(chrome)).contains("充电负载（是否计量未记录）", "住户负荷上限（可能含网关未知的车辆用电）");
        Browser.screenshot(chrome, "formats-zh");
    }

    /**
     * The compound's EV load stored for the quarter hours {@code unknown} (without its unmeasured part, as before
     * 2026-12-04) and {@code estimated} (2.5 kW of 6 an estimate), 6 kW over 20 kW of households, and {@code bound}
     * (its households 10 kW a bound in each minute, its EV load measured), once written.
     */
    private void store(Instant unknown, Instant estimated, Instant bound) throws InterruptedException {
        Store store = rig.live.gateway.store();
        for (int m = 0; m < 15; m++) {
            for (Instant q : List.of(unknown, estimated, bound)) {
                Instant minute = q.plus(Duration.ofMinutes(m));
                store.sample(new Sample("compound", "base.kw", minute, 20));
                store.sample(new Sample("compound", "ev.kw", minute, 6));
                if (q.equals(estimated)) {
                    store.sample(new Sample("compound", "ev.unmeasured.kw", minute, 2.5));
                }
                if (q.equals(bound)) {
                    store.sample(new Sample("compound", "ev.unmeasured.kw", minute, 0));
                    store.sample(new Sample("compound", "base.bound.kw", minute, 10));
                }
            }
        }
        // A minute is written once a later sample of its series, or the writer's tick, closes it.
        Await.until("the quarters written", Duration.ofSeconds(60), () -> {
            try (StoreReader reader = store.reader()) {
                return reader.readings("compound", "ev.kw", unknown, unknown.plus(Duration.ofMinutes(15))).size() == 15
                        && reader.readings("compound", "ev.unmeasured.kw", estimated,
                        estimated.plus(Duration.ofMinutes(15))).size() == 15
                        && reader.readings("compound", "base.bound.kw", bound, bound.plus(Duration.ofMinutes(15))).size() == 15;
            }
        });
    }

    private static Instant quarter(Instant t) {
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), 15 * 60_000L) * 15 * 60_000L);
    }

    /** The chart's history point at {@code at}. */
    private static JsonNode point(JsonNode chart, Instant at) {
        for (JsonNode p : chart.path("history")) {
            if (p.path("at").asLong() == at.toEpochMilli()) {
                return p;
            }
        }
        throw new AssertionError("no point at " + at + " in the chart's history " + chart.path("history"));
    }

    /** The event list's entries without their time column. */
    private static List<String> events(org.openqa.selenium.WebDriver d) {
        return d.findElements(By.cssSelector("#events li span:nth-child(2)")).stream().map(WebElement::getText).toList();
    }

    private static List<String> legend(org.openqa.selenium.WebDriver d) {
        return d.findElements(By.cssSelector("#legend span")).stream().map(WebElement::getText).toList();
    }
}
