package io.packetstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packetstream.testsupport.captures.CaptureFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in headless Chromium against the whole pipeline on test-support's captures: every panel is filled
 * in as a person would, and what it shows must equal the API's JSON answer to the same request, fetched
 * separately (PipelineIT holds those answers to the independent reference). Screenshots go to
 * {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fields each panel shows, in column order: what the page must print of each result. */
    private static final Map<String, List<String>> COLUMNS = Map.of(
            "q1", List.of("protocol", "src", "srcPort", "dst", "dstPort", "lastSeen"),
            "q2", List.of("minute", "packets", "bytes"),
            "q3", List.of("host"),
            "q4", List.of("host", "ports"),
            "q5", List.of("time", "sensor", "protocol", "src", "srcPort", "dst", "dstPort", "length"),
            "q6", List.of("host", "outsidePeers"));

    private Pipeline pipeline;
    private Browser browser;

    @BeforeAll
    void replayTheCaptures() throws Exception {
        if (!Browser.installed()) {
            return; // each test reports itself skipped, saying why (see skipWithoutChromium)
        }
        JsonNode golden = JSON.readTree(CaptureFixtures.file("expected/pipeline.json").toFile());
        pipeline = Pipeline.start();
        for (JsonNode capture : golden.path("captures")) {
            pipeline.replay(CaptureFixtures.file(capture.path("file").asText()), capture.path("sensor").asText());
        }
        pipeline.awaitIndexed();
        browser = Browser.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @BeforeEach
    void skipWithoutChromium() {
        Browser.assumeInstalled();
    }

    @Test
    void everyPanelShowsTheApisAnswerAndTheLinkReproducesTheView() throws Exception {
        browser.open(pipeline.uri());
        Map<String, Map<String, String>> asked = new LinkedHashMap<>();
        asked.put("q1", Map.of("at", "2026-11-21T10:16:22.328536Z", "sensor", "s2"));
        asked.put("q2", Map.of("a", "10.10.0.11", "b", "172.16.9.33"));
        asked.put("q3", Map.of("ip", "172.16.9.33", "port", "80"));
        asked.put("q4", Map.of("from", "2026-11-21T10:15:00Z", "to", "2026-11-21T10:15:30Z"));
        asked.put("q5", Map.of("hex", "00"));
        asked.put("q6", Map.of());
        for (Map.Entry<String, Map<String, String>> e : asked.entrySet()) {
            fill(e.getKey(), e.getValue());
            ask(e.getKey());
            List<List<String>> expected = expectedRows(e.getKey(), e.getValue());
            assertTrue(!expected.isEmpty(), e.getKey() + ": the case must have results to compare");
            assertEquals(expected, browser.allRows(e.getKey()), e.getKey() + " shows the API's answer");
        }
        assertTrue(expectedRows("q5", asked.get("q5")).size() > 25, "question 5's case is large enough to page");
        assertEquals(expectedRows("q2", asked.get("q2")).size(),
                browser.<Number>script("return document.querySelectorAll('#q2 .volume-chart rect.bar').length").intValue(),
                "one bar per minute in the volume chart");
        browser.screenshot("dashboard-filled");

        HttpResponse<byte[]> pcap = pipeline.sendBytes("/api/v1/packets/containing", asked.get("q5"),
                "application/vnd.tcpdump.pcap");
        assertEquals(200, pcap.statusCode());
        Path saved = Browser.DOWNLOADS.resolve("packets-containing-00.pcap");
        Files.deleteIfExists(saved);
        browser.find("#q5 button.download").click();
        browser.until(d -> Files.exists(saved) && sameBytes(saved, pcap.body()));
        assertEquals(pcap.body().length + " bytes", browser.find("#q5 a.pcap-file").getText().replaceAll(".*\\((.*)\\)", "$1"));

        String link = browser.driver().getCurrentUrl();
        assertTrue(link.contains("q2.a=10.10.0.11") && link.contains("q5.hex=00"), link);
        browser.open(link);
        for (String tag : asked.keySet()) {
            browser.until(d -> List.of("done", "live").contains(d.findElement(org.openqa.selenium.By.id(tag))
                    .getAttribute("data-state")));
            assertEquals(expectedRows(tag, asked.get(tag)), browser.allRows(tag), tag + " reproduced from the link");
        }
    }

    @Test
    void clickingAMomentOfTheTimelineListsTheConnectionsActiveThen() throws Exception {
        browser.open(pipeline.uri());
        browser.until(d -> d.findElement(org.openqa.selenium.By.cssSelector("#q1 .timeline")).getAttribute("data-points") != null);
        List<WebElement> moments = browser.driver().findElements(org.openqa.selenium.By.cssSelector("#q1 .timeline rect.hit"));
        assertEquals(40, moments.size());
        int busiest = 0;
        List<Number> heights = browser.script("return [...document.querySelectorAll('#q1 .timeline rect.bar')]"
                + ".map(r => Number(r.getAttribute('height')))");
        for (int i = 0; i < heights.size(); i++) {
            busiest = heights.get(i).doubleValue() > heights.get(busiest).doubleValue() ? i : busiest;
        }
        WebElement moment = moments.get(busiest);
        String at = moment.getAttribute("data-at");
        browser.script("document.getElementById('q1').dataset.state = 'stale'");
        moment.click();
        awaitAnswer("q1");
        assertEquals(at, browser.find("#q1-at").getAttribute("value"));
        List<List<String>> expected = expectedRows("q1", Map.of("at", at));
        assertTrue(!expected.isEmpty(), "the busiest moment has connections");
        assertEquals(expected, browser.allRows("q1"));
        browser.screenshot("timeline-moment");
    }

    @Test
    void anInputMistakeShowsTheServersMessageBesideTheField() throws Exception {
        browser.open(pipeline.uri());
        fill("q2", Map.of("a", "10.10.0.11", "b", "172.16.9.33"));
        ask("q2");
        assertTrue(!browser.allRows("q2").isEmpty(), "a good answer first");
        Map<String, String> bad = Map.of("a", "10.0.0.300", "b", "172.16.9.33");
        fill("q2", bad);
        ask("q2");
        HttpResponse<String> api = pipeline.send("/api/v1/volume", bad, "application/json");
        assertEquals(400, api.statusCode());
        JsonNode error = JSON.readTree(api.body());
        assertEquals("a", error.path("parameter").asText());
        WebElement field = browser.find("#q2-a");
        assertEquals("true", field.getAttribute("aria-invalid"));
        assertEquals(error.path("error").asText(),
                browser.find("label:has(#q2-a) .error").getText(), "the message beside the field");
        assertEquals("", browser.find("label:has(#q2-b) .error").getText());
        assertEquals(List.of(), browser.allRows("q2"), "the earlier answer must not stay below the error");

        fill("q5", Map.of("hex", "ABC"));
        ask("q5");
        JsonNode hexError = JSON.readTree(pipeline.send("/api/v1/packets/containing", Map.of("hex", "ABC"),
                "application/json").body());
        assertEquals(hexError.path("error").asText(), browser.find("label:has(#q5-hex) .error").getText());
        browser.screenshot("input-error");
    }

    @Test
    void onANarrowWindowNothingSpillsSideways() throws Exception {
        browser.resize(400, 900);
        try {
            browser.open(pipeline.uri() + "?q5.hex=00");
            awaitAnswer("q5");
            long overflow = browser.<Number>script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth").longValue();
            assertEquals(0, overflow, "the page is wider than the window");
            browser.screenshot("narrow");
        } finally {
            browser.resize(1280, 1600);
        }
    }

    @Test
    void theStatusStripShowsHealth() throws Exception {
        browser.open(pipeline.uri());
        JsonNode health = pipeline.get("/health", Map.of(), "application/json");
        String sensors = browser.until(d -> {
            String text = d.findElement(org.openqa.selenium.By.cssSelector("#status [data-field=sensors] .value")).getText();
            return text.isEmpty() ? null : text;
        });
        List<String> expected = new ArrayList<>();
        health.path("sensors").forEach(s -> expected.add(s.asText()));
        assertEquals(String.join(", ", expected), sensors);
        assertEquals(health.path("newestCaptureTime").asText(),
                browser.find("#status [data-field=newestCaptureTime] .value").getText());
        assertEquals(health.path("packetsIndexed").asText(),
                browser.find("#status [data-field=packetsIndexed] .value").getText());
        assertTrue(browser.find("#status [data-field=indexers] .value").getText().startsWith(
                health.path("shardsLeased").asInt() + " of " + health.path("shards").asInt()));
    }

    @Test
    void aLivePanelFollowsACaptureBeingReplayed() throws Exception {
        try (Pipeline fresh = Pipeline.start()) {
            browser.open(fresh.uri() + "?q5.hex=35AFF8&live=q5,q6");
            for (String tag : List.of("q5", "q6")) {
                browser.until(d -> "live".equals(d.findElement(org.openqa.selenium.By.id(tag)).getAttribute("data-state")));
                assertEquals("0", browser.find("#" + tag).getAttribute("data-count"), tag + ": nothing indexed yet");
            }
            fresh.replay(CaptureFixtures.file("ethernet.pcap"), "s1");
            fresh.awaitIndexed();
            Map<String, Map<String, String>> asked = Map.of("q5", Map.of("hex", "35AFF8"), "q6", Map.of());
            for (String tag : List.of("q5", "q6")) {
                List<List<String>> expected = expectedRows(fresh, tag, asked.get(tag));
                assertTrue(!expected.isEmpty(), tag + ": the capture changes the answer");
                browser.until(d -> String.valueOf(expected.size()).equals(
                        d.findElement(org.openqa.selenium.By.id(tag)).getAttribute("data-count")));
                assertEquals(expected, browser.allRows(tag), tag + ": the live rows are the answer after the replay");
                assertTrue(browser.find("#" + tag + " .status").getText().contains("change"),
                        tag + " says it changed live: " + browser.find("#" + tag + " .status").getText());
            }
            browser.screenshot("live");
        }
    }

    @Test
    void aTokenTheUserEntersGoesWithEveryRequestAndStaysOutOfTheLink() throws Exception {
        browser.open(pipeline.uri() + "?q5.hex=35AFF8");
        try {
            browser.find("#token-form input").sendKeys("s3cret-token");
            browser.find("#token-form button").click();
            browser.until(d -> "s3cret-token".equals(browser.script("return sessionStorage.getItem('packetstream.token')")));
            browser.open(browser.driver().getCurrentUrl());
            // record what the page hands to fetch from now on
            browser.script("window.sent = []; const f = window.fetch; window.fetch = (u, o) => {"
                    + " window.sent.push([String(u), (o && o.headers && o.headers.Authorization) || '']); return f(u, o); }");
            browser.find("#q5 input.live").click();
            browser.until(d -> "live".equals(d.findElement(org.openqa.selenium.By.id("q5")).getAttribute("data-state")));
            ask("q4");
            List<List<String>> sent = browser.script("return window.sent");
            assertTrue(sent.stream().anyMatch(r -> r.get(0).startsWith("/api/v1/packets/containing")), sent.toString());
            assertTrue(sent.stream().anyMatch(r -> r.get(0).startsWith("/api/v1/hosts/well-known-services")), sent.toString());
            for (List<String> request : sent) {
                assertEquals("Bearer s3cret-token", request.get(1), request.get(0));
            }
            assertTrue(!browser.driver().getCurrentUrl().contains("s3cret"), "the token must not be in the link");
        } finally {
            browser.script("sessionStorage.clear()");
        }
    }

    private static boolean sameBytes(Path file, byte[] expected) {
        try {
            return java.util.Arrays.equals(Files.readAllBytes(file), expected);
        } catch (java.io.IOException e) {
            return false; // still being written
        }
    }

    private void fill(String tag, Map<String, String> values) {
        for (WebElement input : browser.driver().findElements(org.openqa.selenium.By.cssSelector("#" + tag + " .fields input"))) {
            input.clear();
            String value = values.get(input.getAttribute("name"));
            if (value != null) {
                input.sendKeys(value);
            }
        }
    }

    private void ask(String tag) {
        browser.script("document.getElementById(arguments[0]).dataset.state = 'stale'", tag);
        browser.find("#" + tag + " button.ask").click();
        awaitAnswer(tag);
    }

    private void awaitAnswer(String tag) {
        browser.until(d -> List.of("done", "live", "error").contains(
                d.findElement(org.openqa.selenium.By.id(tag)).getAttribute("data-state")));
    }

    /** @return the API's answer to the same request, as the rows of cell texts the page should show */
    private List<List<String>> expectedRows(String tag, Map<String, String> params) throws Exception {
        return expectedRows(pipeline, tag, params);
    }

    private static List<List<String>> expectedRows(Pipeline pipeline, String tag, Map<String, String> params)
            throws Exception {
        String path = switch (tag) {
            case "q1" -> "/api/v1/connections/active";
            case "q2" -> "/api/v1/volume";
            case "q3" -> "/api/v1/hosts/connected-to";
            case "q4" -> "/api/v1/hosts/well-known-services";
            case "q5" -> "/api/v1/packets/containing";
            default -> "/api/v1/hosts/talking-outside";
        };
        JsonNode answer = pipeline.get(path, params, "application/json");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            rows.add(COLUMNS.get(tag).stream().map(field -> text(result.path(field))).toList());
        }
        return rows;
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            return String.join(", ", items);
        }
        return value.asText();
    }
}
