package io.packetstream.query.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardAssetsTest {

    @Test
    void thePageIsHtmlAndEveryModuleItImportsIsInTheJarAsJavaScript() {
        DashboardAssets.Asset page = DashboardAssets.find("/").orElseThrow();
        assertEquals("text/html; charset=utf-8", page.contentType());
        List<String> pending = new ArrayList<>(List.of("/dashboard/app.js"));
        List<String> seen = new ArrayList<>();
        Pattern imports = Pattern.compile("from '\\./([a-z-]+\\.js)'");
        while (!pending.isEmpty()) {
            String path = pending.remove(0);
            if (seen.contains(path)) {
                continue;
            }
            seen.add(path);
            DashboardAssets.Asset module = DashboardAssets.find(path).orElseThrow(() -> new AssertionError(path));
            assertEquals("text/javascript; charset=utf-8", module.contentType(), path);
            String text = new String(module.bytes(), StandardCharsets.UTF_8);
            // the SVG namespace is a name, not a download
            String urls = text.replace("'http://www.w3.org/2000/svg'", "");
            assertFalse(urls.contains("http://") || urls.contains("https://"), path + " must load nothing from elsewhere");
            Matcher m = imports.matcher(text);
            while (m.find()) {
                pending.add(DashboardAssets.PREFIX + m.group(1));
            }
        }
        assertTrue(seen.size() >= 5, "modules found: " + seen);
        assertEquals("text/css; charset=utf-8", DashboardAssets.find("/dashboard/dashboard.css").orElseThrow().contentType());
    }

    @Test
    void onlyFilesOfTheDashboardFolderAreServed() {
        assertTrue(DashboardAssets.find("/dashboard/../logback.xml").isEmpty());
        assertTrue(DashboardAssets.find("/dashboard/%2e%2e/logback.xml").isEmpty());
        assertTrue(DashboardAssets.find("/dashboard/missing.js").isEmpty());
        assertTrue(DashboardAssets.find("/dashboard/").isEmpty());
        assertTrue(DashboardAssets.owns("/dashboard/app.js"));
        assertFalse(DashboardAssets.owns("/dashboards"));
    }

    @Test
    void theEntityTagChangesWithTheBytes() {
        String app = DashboardAssets.find("/dashboard/app.js").orElseThrow().etag();
        String css = DashboardAssets.find("/dashboard/dashboard.css").orElseThrow().etag();
        assertFalse(app.equals(css));
        assertTrue(app.matches("\"[0-9a-f]{24}\""), app);
    }

    @Test
    void theRoutesTheFormsAreBuiltFromAreTheApisRoutes() throws Exception {
        JsonNode routes = new ObjectMapper().readTree(DashboardAssets.find("/dashboard/routes.json").orElseThrow().bytes());
        assertEquals(Route.all().size(), routes.size());
        for (int i = 0; i < routes.size(); i++) {
            Route r = Route.all().get(i);
            JsonNode json = routes.get(i);
            assertEquals(r.path(), json.get("path").asText());
            assertEquals(r.tag(), json.get("tag").asText());
            List<String> parameters = new ArrayList<>();
            json.get("parameters").forEach(p -> parameters.add(p.asText()));
            assertEquals(r.parameters(), parameters);
            List<String> required = new ArrayList<>();
            json.get("required").forEach(p -> required.add(p.asText()));
            assertEquals(r.required(), java.util.Set.copyOf(required));
        }
    }
}
