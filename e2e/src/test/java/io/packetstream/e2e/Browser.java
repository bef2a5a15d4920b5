package io.packetstream.e2e;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Debian's headless Chromium driven through its chromedriver (both from the {@code chromium} and
 * {@code chromium-driver} packages; {@code .ci/run} installs them), with a fresh profile and no background
 * traffic: nothing is downloaded. Tests using it are skipped, saying why, where either program is missing.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    /** Screenshots for people to look at; not compared by any test. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Where the browser saves files the page downloads. */
    static final Path DOWNLOADS = Path.of("target", "downloads").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Skips the calling test when Chromium or its driver is not installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(installed(),
                "headless Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install chromium chromium-driver, as .ci/run does");
    }

    static Browser start() throws IOException {
        assumeInstalled();
        Path profile = Files.createTempDirectory("packetstream-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1600");
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
        until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    @SuppressWarnings("unchecked")
    <T> T script(String script, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** @return the cell texts of a panel's table, page after page */
    List<List<String>> allRows(String tag) {
        List<List<String>> rows = new ArrayList<>();
        script("const prev = document.querySelector('#" + tag + " .pager .prev'); while (!prev.disabled) prev.click()");
        while (true) {
            rows.addAll(this.<List<List<String>>>script("return [...document.querySelectorAll('#" + tag
                    + " tbody tr')].map(tr => [...tr.cells].map(td => td.textContent))"));
            WebElement next = find("#" + tag + " .pager .next");
            if (!next.isEnabled()) {
                return rows;
            }
            next.click();
        }
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves the whole page, not only the window: the window grows to the page's height first. */
    void screenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        long height = this.<Number>script("return document.documentElement.scrollHeight").longValue();
        driver.manage().window().setSize(new Dimension(window.width, (int) Math.min(height + 140, 8000)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
