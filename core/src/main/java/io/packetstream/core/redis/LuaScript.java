package io.packetstream.core.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Lua script shipped as a class-path resource: its text, and its SHA-1, the name EVALSHA knows it by. Callers run
 * it with EVALSHA and fall back to EVAL on NOSCRIPT (a restarted or new Redis does not know it yet).
 *
 * @param name the resource name, for messages
 * @param text the script
 * @param sha1 lower-case hex SHA-1 of the text
 */
public record LuaScript(String name, String text, String sha1) {

    public LuaScript {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sha1, "sha1");
    }

    /**
     * @param owner    the class next to whose package the resource lies
     * @param resource the resource name relative to that package
     * @throws IllegalStateException when the resource is missing
     */
    public static LuaScript load(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing next to " + owner.getName());
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return new LuaScript(resource, text, HexFormat.of().formatHex(digest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    }
}
