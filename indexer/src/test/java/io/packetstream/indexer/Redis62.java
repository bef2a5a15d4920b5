package io.packetstream.indexer;

import io.packetstream.testsupport.redis.RedisProcess;
import redis.embedded.core.ExecutableProvider;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The Redis 6.2 shipped in the embedded-redis jar, the oldest server packetstream supports; one per test JVM. */
public final class Redis62 {

    private static RedisProcess server;

    private Redis62() {
    }

    public static synchronized String uri() {
        if (server == null) {
            try {
                File binary = ExecutableProvider.newJarResourceProvider().get();
                if (!binary.canExecute() && !binary.setExecutable(true)) {
                    throw new IOException("cannot make " + binary + " executable");
                }
                server = RedisProcess.launch(binary);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "redis-6.2-stop"));
        }
        return server.uri();
    }
}
