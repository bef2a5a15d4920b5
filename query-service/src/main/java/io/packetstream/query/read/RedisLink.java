package io.packetstream.query.read;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.packetstream.core.PacketstreamException;
import io.packetstream.core.redis.Credentials;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.core.redis.RedisRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.Objects;

/**
 * The query service's one Redis connection, opened lazily: a service started while Redis is down answers 503
 * and connects on a later request. Once open, Lettuce reconnects by itself and rejects commands while
 * disconnected, so an outage shows as a fast error, never as a queue.
 *
 * <p>Opening a connection blocks, so it runs on a scheduler of its own, never on an event loop; one attempt at a
 * time is shared by every request waiting for it.
 */
public final class RedisLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    private final RedisConnections connections;
    private final Scheduler connector = Schedulers.newBoundedElastic(1, 64, "query-redis-connect");
    private StatefulRedisConnection<String, byte[]> connection; // guarded by this
    private Mono<RedisReactiveCommands<String, byte[]>> attempt; // guarded by this

    /** @param options where Redis is; never {@code null} */
    public RedisLink(RedisOptions options) {
        this.connections = new RedisConnections(Objects.requireNonNull(options, "options"));
    }

    /**
     * Tries to connect now, from the calling (non event-loop) thread; an outage is logged and retried lazily.
     *
     * @return true when connected
     * @throws PacketstreamException when Redis refuses the credentials: waiting would not fix that
     */
    public boolean connectNow() {
        try {
            commands().block();
            return true;
        } catch (RuntimeException e) {
            RedisRefusal.of(e).ifPresent(refusal -> {
                throw new PacketstreamException(refusal, e);
            });
            log.warn("redis unavailable at start, will retry on demand: {}", Credentials.mask(String.valueOf(e.getMessage())));
            return false;
        }
    }

    /** @return the reactive commands, connecting first when needed; errors when Redis cannot be reached */
    public synchronized Mono<RedisReactiveCommands<String, byte[]>> commands() {
        if (connection != null) {
            return Mono.just(connection.reactive());
        }
        if (attempt == null) {
            attempt = Mono.fromCallable(connections::connect)
                    .subscribeOn(connector)
                    .doOnNext(this::connected)
                    .doOnError(e -> failed())
                    .map(StatefulRedisConnection::reactive)
                    .cache();
        }
        return attempt;
    }

    private synchronized void connected(StatefulRedisConnection<String, byte[]> c) {
        connection = c;
        attempt = null;
    }

    private synchronized void failed() {
        attempt = null;
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, byte[]> c;
        synchronized (this) {
            c = connection;
            connection = null;
        }
        if (c != null) {
            c.close();
        }
        connections.close();
        connector.dispose();
    }
}
