package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.orderly.bridge.pile.PileFault;
import org.orderly.gateway.app.LiveRig;
import org.orderly.gateway.core.model.GridCap;

/**
 * A property manager who reads the page in English sees no Chinese, and in Chinese no English word but an id, a unit
 * or a name English by nature (real Chromium at a phone's 390 x 844; a live gateway with 10 real bridges on 127.0.0.1).
 * The page is made rich first: cars charging (C), waiting (B), a pile with none (A), two in fault (F), one offline,
 * one offline and heard again (its alarm cleared), a late car, a grid cap in force, the attention list, every group
 * open, every alarm listed, the event list, then the reservation dialog open. Every line the page renders, and each
 * rendered element's title, aria-label and placeholder and the document's title, is read in each language.
 */
class WebPageOneLanguageBrowserTest {
    private static final int PILES = 10;
    /** Chinese and the full-width forms and punctuation that go with it: none of it belongs on the English page. */
    private static final Pattern CJK = Pattern.compile("[\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef]+");
    /** A Latin word: letters, with the digits, dots and hyphens of a name such as web.tls or RS-485. */
    private static final Pattern LATIN = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[.-][A-Za-z0-9]+)*");
    /**
     * Latin words the Chinese page may show. Units (kW, kWh, A, V); the IEC 61851 states a pile reports (A to F), shown
     * as such on a pile's row; the product's name, Orderly; names English by nature the manager meets as such on the
     * device or in a log: HTTPS, MQTT, SQLite, NTP, RS-485, SIM. The page's ids (piles, gateway, the account, a grid
     * cap's id as the grid company sent it) are allowed by what the page is about, in {@link #ids}.
     */
    private static final Set<String> ALLOWED_IN_ZH = Set.of("kW", "kWh", "A", "V", "B", "C", "D", "E", "F", "Orderly",
            "HTTPS", "MQTT", "SQLite", "NTP", "RS-485", "SIM");

    @RegisterExtension
    final SignedInPage page = new SignedInPage();

    @Test
    void eachLanguageShowsNoWordOfTheOther(@TempDir Path dir) throws Exception {
        ChromeDriver chrome = page.browser(dir, 390, 844);
        List<GridCap> caps = new CopyOnWriteArrayList<>();
        WebRig rig = page.gateway(WebRig.withOffline(PILES, dir, LiveRig.Offline.QUICK, () -> caps));
        page.showOnFailure("one-language-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(60));
            wait.until(d -> d.findElements(By.cssSelector("#piles tbody tr")).size() == PILES);
            caps.add(new GridCap("dispatch-7", Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), 30));
            rig.live.bridges.get(2).trip(PileFault.contactorWelded());
            rig.live.bridges.get(3).trip(PileFault.vehicleOverCurrent());
            rig.live.bridges.get(4).silence();
            rig.live.bridges.get(5).silence();
            rig.live.bridges.get(6).unplug();
            NeedingPiles.declareLate(chrome, List.of("p7"));
            wait.until(d -> alarms(chrome).containsAll(List.of("PILE_OFFLINE p5 active", "PILE_OFFLINE p4 active",
                    "PILE_FAULT p2 active", "PILE_FAULT p3 active"))
                    && alarms(chrome).stream().anyMatch(a -> a.startsWith("GRID_CAP ") && a.endsWith(" active")));
            rig.live.bridges.get(5).answer();
            wait.until(d -> alarms(chrome).contains("PILE_OFFLINE p5 cleared"));
            wait.until(d -> d.findElement(By.cssSelector("#pile-p7 td.finish")).getAttribute("class").contains("late"));
            wait.until(d -> d.findElement(By.id("attention-count")).getText().equals("需要处理的充电桩：4 台"));

            List<String> zh = rendered(chrome, wait);
            Browser.screenshot(chrome, "one-language-zh-390");
            List<String> en;
            chrome.findElement(By.id("reserve-cancel")).click();
            chrome.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(By.id("attention-count"), "Piles that need attention: 4"));
            en = rendered(chrome, wait);
            Browser.screenshot(chrome, "one-language-en-390");

            Set<String> ids = ids(chrome);
            List<String> leaks = new ArrayList<>();
            leaks(en, CJK, Set.of()).forEach(l -> leaks.add("English page: " + l));
            leaks(zh, LATIN, ids).forEach(l -> leaks.add("Chinese page: " + l));
            assertThat(leaks).as("Chinese on the English page, English words on the Chinese page (allowed there: %s and"
                    + " the ids %s)", ALLOWED_IN_ZH, ids).isEmpty();
        });
    }

    /**
     * A serial port that will not open, as the gateway's alarm says why in its poller's words (a path with nothing at
     * it, a device there that will not open: {@code SerialPortMissing}, {@code SerialPortNotOpened}), handed to the page
     * as the gateway sends it: the Chinese alarm says why in Chinese, the device's path and error number as they are.
     * Until 2026-12-06 the reason was shown as sent, in English on the Chinese page.
     */
    @Test
    void aSerialPortsReasonIsSaidInTheLanguageOfThePage(@TempDir Path dir) throws Exception {
        ChromeDriver chrome = page.browser(dir, 390, 844);
        HandedOverview.keepStreams(chrome);
        page.gateway(new WebRig(1, dir));
        page.showOnFailure("one-language-port-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(60));
            wait.until(d -> !d.findElements(By.cssSelector("#piles tr#pile-p0")).isEmpty());
            String change = """
                    o.alarms = [['a1', 'room: no serial port /dev/ttyUSB0: nothing is at that path'],
                        ['a2', 'hall: serial port /dev/ttyUSB1 is there but cannot be opened (error 13: permission denied)']]
                        .map(([id, detail]) => ({ id, kind: 'PORT_UNAVAILABLE', subject: 'gw', detail, raisedAt: Date.now(),
                            clearedAt: null, acknowledgedBy: null, acknowledgedAt: null }));""";
            String read = "[...document.querySelectorAll('#alarms li')].map(li => 'alarm\\t' + li.innerText)";
            @SuppressWarnings("unchecked")
            List<String> zh = (List<String>) HandedOverview.handed(chrome, change, read);
            // The bus, the path and the error number are the machine's names, as the installer types them.
            Set<String> names = Set.of("room", "hall", "dev", "ttyUSB0", "ttyUSB1", "gw");
            assertThat(leaks(zh, LATIN, names)).as("English words in the Chinese alarms %s", zh).isEmpty();
            assertThat(zh).anySatisfy(a -> assertThat(a).contains("/dev/ttyUSB0"))
                    .anySatisfy(a -> assertThat(a).contains("/dev/ttyUSB1").contains("13"));
            chrome.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
            @SuppressWarnings("unchecked")
            List<String> en = (List<String>) HandedOverview.handed(chrome, change, read);
            assertThat(en).anySatisfy(a -> assertThat(a).contains("(no serial port /dev/ttyUSB0: nothing is at that path)"))
                    .anySatisfy(a -> assertThat(a)
                            .contains("(serial port /dev/ttyUSB1 is there but cannot be opened (error 13: permission denied))"));
        });
    }

    /**
     * What the page renders with every group and every alarm listed, then with the reservation dialog open over it
     * (left open): its lines and attributes as {@link #SCAN} reads them, each once.
     */
    @SuppressWarnings("unchecked")
    private static List<String> rendered(ChromeDriver chrome, WebDriverWait wait) {
        chrome.executeScript("""
                document.querySelectorAll('#pile-groups button.group[aria-expanded="false"]').forEach(b => b.click());""");
        // The alarms' button lists them all, or fewer once they are: clicked only while it says it lists them all.
        chrome.executeScript("""
                const b = document.querySelector('#alarms button.small');
                if (b !== null && arguments[0].includes(b.textContent)) b.click();""", List.of("全部显示", "Show all"));
        Set<String> out = new LinkedHashSet<>((List<String>) chrome.executeScript(SCAN));
        chrome.findElement(By.cssSelector("#pile-p8 button.reserve")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reserve-dialog")));
        out.addAll((List<String>) chrome.executeScript(SCAN));
        return List.copyOf(out);
    }

    /**
     * Each rendered line of text, each rendered element's title, aria-label and placeholder, and the document's title.
     * A line that is the whole text of an element marked as in the other language is left out: the language button
     * names the other language in that language (中文 / English), marked so for a screen reader (docs/web.md).
     */
    private static final String SCAN = """
            const out = ['document title\t' + document.title];
            const page = document.documentElement.lang.split('-')[0];
            const other = [...document.querySelectorAll('body [lang]')].filter(e => e.lang.split('-')[0] !== page)
                .map(e => e.innerText.trim());
            for (const line of document.body.innerText.split('\\n')) {
              if (line.trim() !== '' && !other.includes(line.trim())) out.push('text\t' + line.trim());
            }
            const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
            for (const e of document.querySelectorAll('svg text')) if (shown(e)) out.push('chart\t' + e.textContent);
            for (const e of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
              if (!shown(e)) continue;
              for (const a of ['title', 'aria-label', 'placeholder']) {
                if (e.getAttribute(a)) out.push(a + ' of ' + e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '\t' + e.getAttribute(a));
              }
            }
            return out;""";

    /** Each line with a word {@code words} finds that is not allowed, with that word. */
    private static List<String> leaks(List<String> lines, Pattern words, Set<String> ids) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            // "where\ttext": only the text is read
            Matcher m = words.matcher(line.substring(line.indexOf('\t') + 1));
            while (m.find()) {
                String w = m.group();
                if (!ALLOWED_IN_ZH.contains(w) && !ids.contains(w) || words == CJK) {
                    out.add("[" + w + "] in " + line.replace("\t", ": "));
                }
            }
        }
        return out;
    }

    /** The ids the page shows as such: the piles', the gateway's, the account's and the grid caps'. */
    @SuppressWarnings("unchecked")
    private static Set<String> ids(ChromeDriver chrome) {
        return Set.copyOf((List<String>) chrome.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const o = await (await fetch('/api/overview')).json();
                  return [...o.piles.map(p => p.id), document.getElementById('gateway-id').textContent, arguments[0],
                      ...o.alarms.filter(a => a.kind === 'GRID_CAP').map(a => a.subject), 'dispatch-7'];
                })().then(done, e => done([String(e)]));""", SignedInPage.NAME));
    }

    /** The alarms the page is sent, as "KIND subject active" or "KIND subject cleared". */
    @SuppressWarnings("unchecked")
    private static List<String> alarms(ChromeDriver chrome) {
        return (List<String>) chrome.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/overview').then(r => r.json()).then(o => done(o.alarms.map(a => a.kind + ' ' + a.subject + ' '
                    + (a.clearedAt == null ? 'active' : 'cleared'))), e => done([String(e)]));""");
    }
}
