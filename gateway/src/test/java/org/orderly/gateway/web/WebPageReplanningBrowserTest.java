package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A reservation saved on the page is shown at once, re-planning (重新规划中…) until a plan made after it is the one the
 * page reads; never beside the figures of the plan before as the car's (real Chromium, live gateway, real bridges and
 * meter on 127.0.0.1). Until 2026-12-07 the row showed, for a round or two of planning, the plan made before the
 * reservation: its finish and shortfall, first beside the declaration before, then beside the new one.
 */
class WebPageReplanningBrowserTest {
    private static final By P0_FINISH = FinishTexts.P0_FINISH;
    private static final Duration AHEAD = Duration.ofHours(1);
    private static final String REPLANNING = "重新规划中…";

    @TempDir
    Path dir;
    @RegisterExtension
    final SignedInPage page = new SignedInPage();

    @Test
    void aSavedReservationIsShownAtOnceReplanningUntilAPlanMadeAfterIt() throws Exception {
        ChromeDriver chrome = page.browser(dir, 1360, 1200);
        page.gateway(WebRig.onePrice(2, dir));
        page.showOnFailure("replanning-failure", () -> {
            WebDriverWait wait = page.makeFirstAccount(Duration.ofSeconds(30));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
            // The plan before: one with a finish for p0's car, which the page shows in its row; every text p0's finish
            // takes from here on, as the manager would see it.
            FinishTexts.fromAPlannedFinish(wait, chrome);
            String finishBefore = chrome.findElement(P0_FINISH).getText();
            Instant saved = Instant.now();
            page.reserve(wait, "p0", AHEAD, "150");

            // The overview from the moment the dialog closed, until the page reads a plan made after the reservation.
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> seen = (List<Map<String, Object>>) chrome.executeAsyncScript("""
                    const done = arguments[arguments.length - 1], saved = arguments[0], seen = [];
                    const until = Date.now() + 30000;
                    (async function poll() {
                      const o = await (await fetch('/api/overview')).json();
                      const p0 = o.piles.find(p => p.id === 'p0');
                      seen.push(Object.assign({planAt: o.planAt}, p0));
                      if (p0.replanning !== true && o.planAt >= saved || Date.now() > until) done(seen);
                      else setTimeout(poll, 20);
                    })();""", saved.toEpochMilli());

            long departureAround = saved.plus(AHEAD).toEpochMilli();
            assertThat(seen.get(0).get("declaredDepartureAt")).as("the saved reservation at once, " + seen.get(0))
                    .isInstanceOf(Number.class);
            assertThat(((Number) seen.get(0).get("declaredDepartureAt")).longValue())
                    .isBetween(departureAround - 120_000, departureAround + 60_000);
            for (Map<String, Object> row : seen) {
                boolean planBefore = ((Number) row.get("planAt")).longValue() < saved.toEpochMilli();
                if (planBefore) {
                    assertThat(row).as("a row read from the plan made before the reservation")
                            .containsEntry("replanning", true).containsEntry("finishAt", null)
                            .containsEntry("shortKwh", null).containsEntry("nextChargeAt", null);
                }
                assertThat(row.get("declaredDepartureAt")).as("the saved reservation, " + row)
                        .isEqualTo(seen.get(0).get("declaredDepartureAt"));
            }
            Map<String, Object> last = seen.get(seen.size() - 1);
            assertThat(last).as("a plan made after it, in the end").containsEntry("replanning", false);
            List<String> texts = FinishTexts.recorded(chrome);
            assertThat(texts).as("p0's finish as the page said it after the save").contains(REPLANNING);
            // While marked, nothing else: a figure of the plan before (its finish, its shortfall) shown between two marks
            // would be the old plan's again. An overview fetched before the save may still land first, the new plan's
            // figures only after the last mark.
            List<String> marked = texts.subList(texts.indexOf(REPLANNING), texts.lastIndexOf(REPLANNING) + 1);
            assertThat(marked).as("p0's finish from its first mark to its last, of " + texts).containsOnly(REPLANNING);
            assertThat(texts.subList(texts.lastIndexOf(REPLANNING) + 1, texts.size()))
                    .as("after the last mark, of " + texts).doesNotContain(finishBefore);
            // Then the plan made after it: 150 kWh in an hour is more than a 32 A pile gives, short at the departure.
            wait.until(d -> d.findElement(P0_FINISH).getText().matches("预计离开时仍差 \\d+\\.\\d kWh"));
        });
    }
}
