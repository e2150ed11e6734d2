package org.orderly.gateway.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.live.CycleResult;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the page's browser tests share: the real Chromium against a live gateway ({@link WebRig}), the installer's
 * first account made through the one-time setup link, and what the page showed when a step failed. Registered with
 * {@code @RegisterExtension}, it quits the browser and closes the gateway after each test; made by
 * {@link #sharingOneBrowser()} and registered on a static field, it keeps one browser for the class's tests.
 */
final class SignedInPage implements AfterEachCallback, AfterAllCallback {
    static final String NAME = "li";
    static final String PASSWORD = "property-office-2026";

    /** Whether the browser is kept for the class's next test rather than quit after each. */
    private final boolean shared;
    private ChromeDriver chrome;
    private Path sharedProfile;
    private WebRig rig;

    SignedInPage() {
        this(false);
    }

    private SignedInPage(boolean shared) {
        this.shared = shared;
    }

    /**
     * One browser for every test of a class, each test with a gateway of its own (a new port) and neither a cookie
     * nor the page's storage of the test before: a Chromium's start, a few seconds on a loaded machine, once.
     */
    static SignedInPage sharingOneBrowser() {
        return new SignedInPage(true);
    }

    /**
     * Starts the browser ({@link Browser#start}) with a fresh profile in {@code dir/profile}; sharing one, the class's
     * browser, started in a profile of its own at the first test's call and sized to {@code width} x {@code height}.
     */
    ChromeDriver browser(Path dir, int width, int height) throws IOException {
        if (!shared) {
            chrome = Browser.start(dir.resolve("profile"), width, height);
        } else if (chrome == null) {
            // Not in the test's directory, which is removed after the test while the browser lives on.
            sharedProfile = Files.createTempDirectory("shared-browser");
            chrome = Browser.start(sharedProfile.resolve("profile"), width, height);
        } else {
            chrome.manage().window().setSize(new Dimension(width, height));
            new WebDriverWait(chrome, Duration.ofSeconds(10))
                    .until(d -> (Long) chrome.executeScript("return window.innerWidth;") == width);
        }
        return chrome;
    }

    /** The gateway the test runs, closed after the test. */
    WebRig gateway(WebRig started) {
        rig = started;
        return rig;
    }

    /**
     * Opens the gateway's one-time setup link, makes the first account ({@link #NAME}, {@link #PASSWORD}) and returns
     * the wait of at most {@code within} it used, for what the test waits for next.
     */
    WebDriverWait makeFirstAccount(Duration within) {
        return makeFirstAccount(within, rig.web.setupUrl());
    }

    /** The same through {@code setupUrl}, the link as another host (e.g. a proxy) serves it. */
    WebDriverWait makeFirstAccount(Duration within, String setupUrl) {
        // The page draws the alarms, the piles and the chart again on every live update: an element found a moment
        // ago may be gone, and the wait reads it again.
        WebDriverWait wait = new WebDriverWait(chrome, within);
        wait.ignoring(StaleElementReferenceException.class);
        chrome.get(setupUrl);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("setup-form")));
        chrome.findElement(By.id("setup-name")).sendKeys(NAME);
        chrome.findElement(By.id("setup-password")).sendKeys(PASSWORD);
        chrome.findElement(By.id("setup-submit")).click();
        return wait;
    }

    /**
     * Reserves for the car at {@code pile} through the page's dialog: a departure {@code ahead} of now in the compound's
     * zone, to the minute, and {@code energyKwh} as typed; returns when the dialog has closed.
     */
    void reserve(WebDriverWait wait, String pile, Duration ahead, String energyKwh) {
        By reserve = By.cssSelector("#pile-" + pile + " button.reserve");
        wait.until(ExpectedConditions.elementToBeClickable(reserve));
        chrome.findElement(reserve).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reserve-dialog")));
        String departure = LocalDateTime.now(rig.zone).plus(ahead).truncatedTo(ChronoUnit.MINUTES).toString();
        chrome.executeScript("arguments[0].value = arguments[1];", chrome.findElement(By.id("reserve-departure")), departure);
        chrome.findElement(By.id("reserve-energy")).sendKeys(energyKwh);
        chrome.findElement(By.id("reserve-submit")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("reserve-dialog")));
    }

    /** Steps on the page, which may throw what a test throws. */
    interface Steps {
        void run() throws Exception;
    }

    /**
     * Runs {@code steps}; when one fails, saves what the page showed as {@code target/web-screenshots/SHOT.png} and
     * fails with the page's text, for whoever reads the failure.
     */
    void showOnFailure(String shot, Steps steps) throws Exception {
        try {
            steps.run();
        } catch (RuntimeException | AssertionError e) {
            Browser.screenshot(chrome, shot);
            throw new AssertionError("page at failure (target/web-screenshots/" + shot + ".png): "
                    + chrome.findElement(By.tagName("main")).getText() + "\n" + gatewayState(), e);
        }
    }

    /** What the page does not show of the gateway behind it, for a failure that a page's text alone leaves open. */
    private String gatewayState() {
        if (rig == null || rig.live.gateway == null) {
            return "gateway: not started";
        }
        Gateway g = rig.live.gateway;
        CycleResult last = g.loop().lastResult();
        return "gateway at " + Instant.now() + ": " + g.loop().cycles() + " cycles (" + g.loop().failures()
                + " failed), mode " + g.loop().mode() + ", last reasons " + (last == null ? "none" : last.reasons())
                + "; plan made at " + g.policy().plan().createdAt() + ", " + g.policy().plansMade() + " plans made, "
                + g.policy().planFailures() + " failed";
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (chrome != null && !shared) {
                chrome.quit();
            } else if (chrome != null) {
                // None of the test's sign-in kept for the next (cookies go by host, not port), nor its page's
                // language (localStorage goes by origin: a port the OS hands out again would share it), and off its
                // gateway.
                chrome.executeCdpCommand("Network.clearBrowserCookies", Map.of());
                if (rig != null) {
                    chrome.executeCdpCommand("Storage.clearDataForOrigin",
                            Map.of("origin", rig.base, "storageTypes", "local_storage"));
                }
                chrome.get("about:blank");
            }
        } finally {
            if (rig != null) {
                rig.close();
                rig = null;
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (chrome == null || !shared) {
            return;
        }
        chrome.quit();
        chrome = null;
        try (Stream<Path> files = Files.walk(sharedProfile)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
