package org.orderly.gateway.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.orderly.testkit.ExternalTools;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (no driver download, no Google services: the
 * flags keep it off the network), with a fresh profile in {@code profile}.
 */
final class Browser {
    /**
     * Headless Chromium opens no narrower than this whatever its --window-size says: a test that asked for a 390 px
     * phone ran at 500 px until 2026-12-05 (WebPagePileAttentionBrowserTest, and the page audit's first test).
     */
    private static final int HEADLESS_NARROWEST = 500;

    private Browser() {
    }

    static ChromeDriver start(Path profile, int width, int height) {
        String chromium = ExternalTools.require("chromium");
        String driver = ExternalTools.require("chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + width + "," + height, "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        if (width < HEADLESS_NARROWEST) {
            // A phone's width: asked again once open, and waited for.
            chrome.manage().window().setSize(new Dimension(width, height));
            new WebDriverWait(chrome, Duration.ofSeconds(10))
                    .until(d -> (Long) chrome.executeScript("return window.innerWidth;") <= width);
        }
        return chrome;
    }

    /** Saves a screenshot as {@code target/web-screenshots/NAME.png} for review. */
    static Path screenshot(ChromeDriver chrome, String name) throws IOException {
        Path dir = Path.of("target", "web-screenshots");
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) chrome).getScreenshotAs(OutputType.FILE);
        Path to = dir.resolve(name + ".png");
        Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
        return to;
    }
}
