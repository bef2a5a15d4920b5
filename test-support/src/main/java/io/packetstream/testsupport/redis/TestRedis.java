package io.packetstream.testsupport.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * A real Redis server for tests, found in this order: the URL in {@code PACKETSTREAM_TEST_REDIS}; a Testcontainers
 * container where a Docker engine answers; a {@code redis-server} from PATH started on a free port; the
 * {@code redis-server} binary shipped inside the embedded-redis jar.
 *
 * <p>Tests share one server per JVM ({@link #shared()}) and isolate themselves by key namespace. Tests that stop
 * Redis on purpose take a {@link #privateServer()} of their own.
 */
public abstract class TestRedis implements AutoCloseable {

    /** Environment variable naming an existing Redis to test against. */
    public static final String ENV = "PACKETSTREAM_TEST_REDIS";

    private static final Logger log = LoggerFactory.getLogger(TestRedis.class);
    private static TestRedis shared;

    /** @return the {@code redis://host:port} URL of the server */
    public abstract String uri();

    /** Stops the server, as if Redis went away. */
    public abstract void stop();

    /** Starts it again on the same address. */
    public abstract void start();

    /** @return false for a server this process did not start and cannot stop */
    public abstract boolean canStopAndStart();

    @Override
    public void close() {
        if (canStopAndStart()) {
            stop();
        }
    }

    /** @return the JVM-wide server, started on first use */
    public static synchronized TestRedis shared() {
        if (shared == null) {
            shared = Optional.ofNullable(System.getenv(ENV)).filter(s -> !s.isBlank())
                    .<TestRedis>map(ExternalRedis::new)
                    .orElseGet(TestRedis::startOwn);
            log.info("tests use Redis at {} ({})", shared.uri(), shared.getClass().getSimpleName());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-redis-stop"));
        }
        return shared;
    }

    /** @return a server of the caller's own, which it may stop and start; close it when done */
    public static TestRedis privateServer() {
        return RedisProcess.launch(RedisBinary.locate());
    }

    private static TestRedis startOwn() {
        if (ContainerRedis.dockerAvailable()) {
            return ContainerRedis.launch();
        }
        return RedisProcess.launch(RedisBinary.locate());
    }

    /** A server somebody else runs. */
    private static final class ExternalRedis extends TestRedis {
        private final String uri;

        ExternalRedis(String uri) {
            this.uri = uri;
        }

        @Override
        public String uri() {
            return uri;
        }

        @Override
        public void stop() {
            throw new UnsupportedOperationException(ENV + " names a Redis this test cannot stop");
        }

        @Override
        public void start() {
            throw new UnsupportedOperationException(ENV + " names a Redis this test cannot start");
        }

        @Override
        public boolean canStopAndStart() {
            return false;
        }
    }
}
