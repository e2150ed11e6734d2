package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How the page writes times, alarms and the chart, in the real Chromium (live gateway, real bridges and meter on
 * 127.0.0.1): stored events show times in the compound's zone to the second, not UTC instants with nanoseconds; an
 * alarm's event says the alarm in the page's language, not its code; the chart's axis is at round figures and its
 * legend lists only what is drawn; an English date names its month.
 */
class WebPageFormatsBrowserTest {
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

        String local = departure.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        wait.until(d -> events(d).stream().anyMatch(e -> e.contains("departure " + local + ",")));
        wait.until(d -> events(d).stream().anyMatch(e -> e.startsWith("Alarm raised · Transformer meter stale")));
        wait.until(d -> events(d).stream().anyMatch(e -> e.contains("read at ")));
        List<String> events = events(chrome);
        assertThat(events).as("events").noneMatch(e -> e.matches("(?s).*\\d\\d:\\d\\d(:\\d\\d)?\\.\\d.*"))
                .noneMatch(e -> e.matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d.*"))
                .contains("Alarm raised · Transformer meter stale: charging held to the safe power");

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

        // The clock's date names its month in English (2 Dec), and stays 12/02 in Chinese.
        wait.until(d -> d.findElement(By.id("clock")).getText()
                .matches("\\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec), \\d\\d:\\d\\d"));
        chrome.findElement(By.id("lang-toggle")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "有序充电"));
        wait.until(d -> d.findElement(By.id("clock")).getText().matches("\\d\\d/\\d\\d \\d\\d:\\d\\d"));
        wait.until(d -> events(d).stream().anyMatch(e -> e.endsWith("告警产生 · 变压器电表数据过期：充电限于安全功率")));
        Browser.screenshot(chrome, "formats-zh");
    }

    /** The event list's entries without their time column. */
    private static List<String> events(org.openqa.selenium.WebDriver d) {
        return d.findElements(By.cssSelector("#events li span:nth-child(2)")).stream().map(WebElement::getText).toList();
    }

    private static List<String> legend(org.openqa.selenium.WebDriver d) {
        return d.findElements(By.cssSelector("#legend span")).stream().map(WebElement::getText).toList();
    }
}
