package io.packetstream.query.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's files: {@code GET /} is its page, {@code GET /dashboard/<name>} its scripts and style sheet,
 * read once from the jar ({@code src/main/resources/dashboard}), and {@code /dashboard/routes.json} the six
 * routes as {@link Route} derives them, so the page builds its forms from the same definition as the API.
 * Nothing comes from anywhere else at run time.
 */
final class DashboardAssets {

    /** Where the files live, both as a URL prefix and as a resource folder. */
    static final String PREFIX = "/dashboard/";

    private static final String ROUTES = "routes.json";
    /** One flat folder of known kinds: no dot-dot, no sub-folders, nothing the jar does not hold. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*\\.(html|js|css|json|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml");

    /** A file as it is served; the entity tag is a digest of its bytes, so a browser revalidates cheaply. */
    record Asset(byte[] bytes, String contentType, String etag) {
    }

    private static final Map<String, Optional<Asset>> CACHE = new ConcurrentHashMap<>();

    private DashboardAssets() {
    }

    /** @return whether the path is the page or lies under {@link #PREFIX} */
    static boolean owns(String path) {
        return path.equals("/") || path.startsWith(PREFIX);
    }

    /** @return the file a path names, or empty when the jar holds no such file */
    static Optional<Asset> find(String path) {
        String name = path.equals("/") ? "index.html" : path.substring(PREFIX.length());
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return CACHE.computeIfAbsent(name, DashboardAssets::load);
    }

    private static Optional<Asset> load(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        if (name.equals(ROUTES)) {
            return Optional.of(asset(routes(), TYPES.get(extension)));
        }
        try (InputStream in = DashboardAssets.class.getResourceAsStream("/dashboard/" + name)) {
            return in == null ? Optional.empty() : Optional.of(asset(in.readAllBytes(), TYPES.get(extension)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's " + name + " from the jar", e);
        }
    }

    private static Asset asset(byte[] bytes, String type) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Asset(bytes, type, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** @return {@code [{"tag","path","summary","parameters","required","formats"}, …]} in question order */
    static byte[] routes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out)) {
            g.writeStartArray();
            for (Route r : Route.all()) {
                g.writeStartObject();
                g.writeStringField("tag", r.tag());
                g.writeStringField("path", r.path());
                g.writeStringField("summary", r.summary());
                strings(g, "parameters", r.parameters());
                strings(g, "required", r.parameters().stream().filter(r.required()::contains).toList());
                strings(g, "formats", r.formats().stream().map(Format::mediaType).toList());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array never fails to take bytes
        }
        return out.toByteArray();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
