package org.orderly.gateway.web;

import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * An overview of the test's own handed to the page on its live stream, for what a live gateway does not readily show
 * (a saving below nothing, fifty piles at a full circuit). The page is as served; only EventSource's instances are
 * remembered, so that the test can dispatch on the page's own stream.
 */
final class HandedOverview {
    private HandedOverview() {
    }

    /** Before the page is opened: remember the page's live streams. */
    static void keepStreams(ChromeDriver chrome) {
        chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                const PageEventSource = window.EventSource;
                window.EventSource = class extends PageEventSource {
                    constructor(...args) { super(...args); window.liveStreams = (window.liveStreams || []).concat(this); }
                };"""));
    }

    /**
     * Hands the page the gateway's overview {@code o} as the script {@code change} alters it (its arguments in
     * {@code args}), and answers what the expression {@code read} says at once: the live stream's next update, within
     * a second, sends the gateway's own again.
     */
    static Object handed(ChromeDriver chrome, String change, String read, Object... args) {
        return chrome.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const args = [...arguments].slice(0, -1);
                fetch('/api/overview').then(r => r.json()).then(o => {
                    %s
                    window.liveStreams[window.liveStreams.length - 1]
                        .dispatchEvent(new MessageEvent('overview', { data: JSON.stringify(o) }));
                    done(%s);
                });""".formatted(change, read), args);
    }
}
