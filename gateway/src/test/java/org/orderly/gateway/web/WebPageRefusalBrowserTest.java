package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.orderly.gateway.app.TestBridge;
import org.orderly.gateway.upstream.RefuseSubscribeProxy;
import org.orderly.testkit.Mosquitto;

/**
 * The page speaks its language, in the real Chromium against a live gateway whose grid company's broker (Mosquitto on
 * 127.0.0.1, through a proxy that refuses the command subscription as a 3.1.1 broker with an ACL does) will not let it
 * subscribe: on the Chinese page a pile limit out of range is refused in Chinese, with the pile's range, not as the
 * server's English line; a pause is listed among the events at once; and the events (the start's control mode, the
 * refused subscription and its alarm, the pause) read in Chinese, none as its stored English message, and in English
 * on the English page; an event of the gateway itself, its upstream link or its store names no subject (not the
 * gateway's id, not "upstream"), a pile's names the pile.
 */
class WebPageRefusalBrowserTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final SignedInPage page = new SignedInPage();
    private ChromeDriver chrome;

    @Test
    void refusalsAndEventsReadInThePagesLanguage() throws Exception {
        chrome = page.browser(dir, 1360, 1200);
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             RefuseSubscribeProxy proxy = new RefuseSubscribeProxy(broker.port())) {
            page.gateway(new WebRig(1, dir, """
                    upstream:
                      broker: %s
                      plaintext: true
                      protocol: mqtt311
                    """.formatted(proxy.url()), TestBridge::new));
            page.showOnFailure("refusal-failure", () -> {
                WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(90));
                aLimitOutOfRangeIsRefusedInChinese(wait);

                // A pause made on the page is in its event list at once (not at the list's reload a minute later),
                // and said in Chinese: paused, by whom; not the stored "0 A by li".
                chrome.findElement(By.cssSelector("#pile-p0 button.pause")).click();
                String first = new WebDriverWait(chrome, Duration.ofSeconds(10))
                        .until(d -> firstEvent().contains("充电桩限流") ? firstEvent() : null);
                assertThat(first).contains("充电桩限流 · p0 · 暂停充电 · 由 " + SignedInPage.NAME + " 操作")
                        .doesNotContain("0 A", " by ");

                // The refused subscription's alarm makes the page read its events again.
                List<String> zh = new WebDriverWait(chrome, Duration.ofSeconds(60)).until(d -> {
                    List<String> lines = events();
                    return lines.stream().anyMatch(l -> l.startsWith("告警产生 · 电网公司的消息服务器拒绝"))
                            ? lines : null;
                });
                assertThat(zh).as("the events on the Chinese page")
                        // Starting to normal, or on a loaded machine through conservative (a meter read late).
                        .anyMatch(l -> l.startsWith("控制模式 · ") && l.contains(" → 正常"))
                        .anyMatch(l -> l.startsWith("电网公司指令订阅被拒绝 · 电网公司的消息服务器"))
                        .anyMatch(l -> l.startsWith("充电桩限流 · p0 · 暂停充电"));
                List<String> stored = storedMessages();
                assertThat(stored).as("the stored messages").hasSizeGreaterThanOrEqualTo(4);
                for (String line : zh) {
                    assertThat(line).as("an event on the Chinese page")
                            .doesNotContain(" by ", "->", "transformer", "broker", "subscription", " · gw-test · ", "upstream");
                    for (String message : stored.stream().filter(m -> !m.isBlank()).toList()) {
                        assertThat(line).as("an event on the Chinese page").doesNotContain(message);
                    }
                }

                chrome.findElement(By.id("lang-toggle")).click();
                wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Orderly charging"));
                // The events are said in the page's language by the server: the list is fetched again after the
                // switch, and under load comes after the headings.
                List<String> en = new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d -> {
                    List<String> lines = events();
                    return lines.stream().anyMatch(l -> l.startsWith("Control mode · ")) ? lines : null;
                });
                assertThat(en).as("the events on the English page")
                        .anyMatch(l -> l.startsWith("Control mode · ") && l.contains(" → Normal"))
                        .anyMatch(l -> l.startsWith("Alarm raised · The grid company's broker refuses"))
                        .anyMatch(l -> l.startsWith("Grid company's commands refused · The broker "))
                        .anyMatch(l -> l.startsWith("Pile limit · p0 · paused by " + SignedInPage.NAME));
                assertThat(String.join("\n", en)).doesNotContainPattern("\\p{IsHan}");
            });
        }
    }

    private void aLimitOutOfRangeIsRefusedInChinese(WebDriverWait wait) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
        wait.until(d -> !d.findElements(By.cssSelector("#piles tr#pile-p0 button.limit")).isEmpty());
        chrome.findElement(By.cssSelector("#pile-p0 button.limit")).click();
        Alert prompt = wait.until(ExpectedConditions.alertIsPresent());
        prompt.sendKeys("3");
        prompt.accept();
        wait.until(d -> d.findElement(By.id("toast")).isDisplayed()
                && !d.findElement(By.id("toast")).getText().isBlank());
        String toast = chrome.findElement(By.id("toast")).getText();
        assertThat(toast).as("the refusal on the Chinese page").startsWith("已拒绝：")
                .contains("充电桩 p0", "3").doesNotContain("amps", "pause", "was");

        // A limit typed as no number is the server's to refuse, not sent as null, which lifts the pile's limit.
        chrome.findElement(By.cssSelector("#pile-p0 button.limit")).click();
        Alert again = wait.until(ExpectedConditions.alertIsPresent());
        again.sendKeys("abc");
        again.accept();
        String typo = wait.until(d -> {
            String now = d.findElement(By.id("toast")).getText();
            return !now.isBlank() && !now.equals(toast) ? now : null;
        });
        assertThat(typo).as("the answer to a limit typed as 'abc'").startsWith("已拒绝：").doesNotContain("✓");
    }

    /** The first event's line, read in one script: the list is rebuilt at each reload, which makes a found element stale. */
    private String firstEvent() {
        Object text = chrome.executeScript(
                "const li = document.querySelector('#events li:first-child'); return li ? li.innerText : '';");
        return String.valueOf(text);
    }

    /** Each event's line but its time, newest first. */
    @SuppressWarnings("unchecked")
    private List<String> events() {
        return (List<String>) chrome.executeScript("return [...document.querySelectorAll('#events li')]"
                + ".map(li => li.lastElementChild ? li.lastElementChild.innerText : li.innerText);");
    }

    /** The events' messages as the gateway stores them (in English), as the page is sent them. */
    @SuppressWarnings("unchecked")
    private List<String> storedMessages() {
        return (List<String>) chrome.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/events?hours=24').then(r => r.json()).then(es => done(es.map(e => e.message)));");
    }
}
