package io.packetstream.query.live;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A tailer's own Redis connection, opened on first use (off the event loops: connecting blocks) and kept: a
 * blocking XREAD would hold up every other command queued behind it on a shared connection. It is named (CLIENT
 * SETNAME) so that {@code CLIENT LIST} shows whose blocked reads these are.
 */
final class TailConnection implements AutoCloseable {

    private final RedisConnections connections;
    private final String name;
    private RedisConnection connection; // guarded by this
    private Mono<RedisClusterReactiveCommands<String, byte[]>> attempt; // guarded by this
    private boolean closed; // guarded by this

    /** @param name the client name, letters, digits and {@code -._} only */
    TailConnection(RedisConnections connections, String name) {
        this.connections = connections;
        this.name = name;
    }

    /** @return the commands, connecting first when needed; errors when Redis cannot be reached */
    synchronized Mono<RedisClusterReactiveCommands<String, byte[]>> commands() {
        if (closed) {
            return Mono.error(new IllegalStateException("the tailer's connection is closed"));
        }
        if (connection != null) {
            return Mono.just(connection.reactive());
        }
        if (attempt == null) {
            attempt = Mono.fromCallable(this::connect)
                    .subscribeOn(Schedulers.boundedElastic())
                    .doOnNext(this::connected)
                    .doOnError(e -> failed())
                    .map(RedisConnection::reactive)
                    .cache();
        }
        return attempt;
    }

    private RedisConnection connect() {
        RedisConnection c = connections.connect();
        try {
            c.sync().clientSetname(name);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void connected(RedisConnection c) {
        boolean keep;
        synchronized (this) {
            keep = !closed;
            if (keep) {
                connection = c;
            }
            attempt = null;
        }
        if (!keep) {
            c.close(); // closed meanwhile: nobody will use it
        }
    }

    private synchronized void failed() {
        attempt = null;
    }

    /** Marks the connection closed; the client that opened it closes the socket when it shuts down. */
    @Override
    public synchronized void close() {
        closed = true;
        connection = null;
    }
}
