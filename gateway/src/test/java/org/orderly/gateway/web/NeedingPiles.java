package org.orderly.gateway.web;

import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Piles that need the manager as a signed-in page makes and shows them, for the browser tests and the page's height
 * benchmark: cars declared to leave before they can be full, and which piles the first screen names.
 */
final class NeedingPiles {
    private NeedingPiles() {
    }

    /**
     * Declares for the car at each of {@code piles} ("p1") a departure an hour from now, in the compound's zone, with
     * 150 kWh wanted: no pile gives that in an hour, so each is short at its departure (its row's {@code shortKwh}; until
     * the evening of 2026-12-06 its row said the plan's finish after the departure instead). Through the page's own
     * API with its sign-in (the installer's); fails with the pile and the answer for one refused.
     */
    static void declareLate(ChromeDriver chrome, List<String> piles) {
        Object refused = chrome.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const zone = (await (await fetch('/api/status')).json()).zone;
                  const me = await (await fetch('/api/me')).json();
                  const departure = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit',
                      day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(Date.now() + 3600000))
                      .replace(' ', 'T');
                  for (const pile of arguments[0]) {
                    const r = await fetch('/api/piles/' + pile + '/reservation', { method: 'POST',
                        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf },
                        body: JSON.stringify({ departure, energyKwh: 150 }) });
                    if (!r.ok) return pile + ': ' + r.status + ' ' + await r.text();
                  }
                  return null;
                })().then(done, e => done(String(e)));""", piles);
        if (refused != null) {
            throw new AssertionError("reservation refused for " + refused);
        }
    }

    /**
     * Which of {@code piles} the first screen names, with the page at its top, in the order it shows them: a pile's
     * line in the attention list where the list is shown, else its row's reason; named when wholly within the window.
     */
    @SuppressWarnings("unchecked")
    static List<String> namedInFirstScreen(ChromeDriver chrome, List<String> piles) {
        return (List<String>) chrome.executeScript("""
                window.scrollTo(0, 0);
                return arguments[0].map(pile => {
                  const line = document.querySelector('#attention-lines [data-pile="' + pile + '"]');
                  const e = line !== null && line.offsetParent !== null ? line
                      : document.querySelector('#pile-' + pile + ' td[data-reason]');
                  return [pile, e.getBoundingClientRect()];
                }).filter(([pile, r]) => r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight)
                  .sort((a, b) => a[1].top - b[1].top).map(([pile]) => pile);""", piles);
    }
}
