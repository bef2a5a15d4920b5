package io.packetstream.query.read;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.PacketstreamException;
import io.packetstream.core.redis.Credentials;
import io.packetstream.core.redis.RedisConnection;
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
    private RedisConnection connection; // guarded by this
    private Mono<RedisClusterReactiveCommands<String, byte[]>> attempt; // guarded by this
    private final String shown;

    /** @param options where Redis is; never {@code null} */
    public RedisLink(RedisOptions options) {
        this.connections = new RedisConnections(Objects.requireNonNull(options, "options"));
        this.shown = options.shown();
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
            log.warn("cannot reach Redis at {} yet ({}); answering 503 and trying again on each request until it is "
                    + "reachable", shown, Credentials.message(e));
            return false;
        }
    }

    /** @return the reactive commands, connecting first when needed; errors when Redis cannot be reached */
    public synchronized Mono<RedisClusterReactiveCommands<String, byte[]>> commands() {
        if (connection != null) {
            return Mono.just(connection.reactive());
        }
        if (attempt == null) {
            attempt = Mono.fromCallable(connections::connect)
                    .subscribeOn(connector)
                    .doOnNext(this::connected)
                    .doOnError(e -> failed())
                    .map(RedisConnection::reactive)
                    .cache();
        }
        return attempt;
    }

    private synchronized void connected(RedisConnection c) {
        connection = c;
        attempt = null;
    }

    private synchronized void failed() {
        attempt = null;
    }

    @Override
    public void close() {
        RedisConnection c;
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
