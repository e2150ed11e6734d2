package org.orderly.gateway.web;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Every text p0's finish column takes on the page, as the manager would see it, from a plan that gave it a finish. */
final class FinishTexts {
    static final By P0_FINISH = By.cssSelector("#pile-p0 td.finish");

    private FinishTexts() {
    }

    /** Waits for a plan with a finish for p0's car (a time in its row), then records every text its finish takes. */
    static void fromAPlannedFinish(WebDriverWait wait, ChromeDriver chrome) {
        wait.until(d -> d.findElement(P0_FINISH).getText().matches(".*\\d\\d:\\d\\d.*"));
        chrome.executeScript("""
                window.finishTexts = [];
                const cell = document.querySelector('#pile-p0 td.finish');
                new MutationObserver(() => window.finishTexts.push(cell.textContent))
                    .observe(cell, {childList: true, characterData: true, subtree: true});""");
    }

    /** The texts recorded since {@link #fromAPlannedFinish}, oldest first. */
    @SuppressWarnings("unchecked")
    static List<String> recorded(ChromeDriver chrome) {
        return (List<String>) chrome.executeScript("return window.finishTexts;");
    }
}
