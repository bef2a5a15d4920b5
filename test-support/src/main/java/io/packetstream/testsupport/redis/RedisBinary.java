package io.packetstream.testsupport.redis;

import redis.embedded.core.ExecutableProvider;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a {@code redis-server} executable: the one on PATH, else the one inside the embedded-redis jar.
 */
public final class RedisBinary {

    private RedisBinary() {
    }

    /** @return an executable {@code redis-server} */
    public static File locate() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toFile();
            }
        }
        try {
            File embedded = ExecutableProvider.newJarResourceProvider().get();
            if (!embedded.canExecute() && !embedded.setExecutable(true)) {
                throw new IOException("cannot make " + embedded + " executable");
            }
            return embedded;
        } catch (IOException e) {
            throw new UncheckedIOException("no redis-server on PATH and the embedded one could not be unpacked", e);
        }
    }
}
