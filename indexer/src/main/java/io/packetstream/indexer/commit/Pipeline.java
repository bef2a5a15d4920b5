package io.packetstream.indexer.commit;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.packetstream.core.redis.LuaScript;
import io.packetstream.core.redis.RawReply;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pipelined commands on a connection of one shard writer: commands queue up locally and go out together on
 * {@link #sync()}, one round trip for a whole batch of writes while Redis still runs each command on its own (so no
 * call is long). The connection must belong to this pipeline alone: it turns automatic flushing off. Not
 * thread-safe; the shard's thread drives it.
 */
final class Pipeline implements AutoCloseable {

    private final RedisConnection connection;
    private final RedisClusterAsyncCommands<String, byte[]> async;
    private final Duration timeout;
    private final List<RedisFuture<Object>> queued = new ArrayList<>();

    Pipeline(RedisConnection connection, Duration timeout) {
        this.connection = connection;
        this.async = connection.async();
        this.timeout = timeout;
        connection.setAutoFlushCommands(false);
    }

    /** Queues a command; its reply is a {@link RawReply} value. */
    RedisFuture<Object> send(CommandType type, CommandArgs<String, byte[]> args) {
        RedisFuture<Object> f = async.dispatch(type, new RawReply(), args);
        queued.add(f);
        return f;
    }

    /** Queues a command of the given arguments, the first of which is its key. */
    RedisFuture<Object> send(CommandType type, String key, List<byte[]> args) {
        CommandArgs<String, byte[]> a = new CommandArgs<>(RedisConnections.CODEC).addKey(key);
        for (byte[] arg : args) {
            a.add(arg);
        }
        return send(type, a);
    }

    /**
     * Sends everything queued and waits for every reply.
     *
     * @throws RedisException the first failure, after all replies arrived or the timeout passed
     */
    void sync() {
        await(detach());
    }

    /**
     * Sends everything queued without waiting: the caller waits for the returned replies later, while other commands
     * go out behind them on the same connection (Redis runs them in order).
     */
    List<RedisFuture<Object>> detach() {
        connection.flushCommands();
        List<RedisFuture<Object>> sent = List.copyOf(queued);
        queued.clear();
        return sent;
    }

    /**
     * Waits for replies already sent.
     *
     * @throws RedisException the first failure, after all replies arrived or the timeout passed
     */
    void await(List<RedisFuture<Object>> replies) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RedisException first = null;
        for (RedisFuture<Object> f : replies) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RedisException r ? r : new RedisException(e.getCause());
                }
            } catch (TimeoutException e) {
                throw new RedisCommandTimeoutException("no reply within " + timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RedisException("interrupted while waiting for Redis", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Sends one command (and everything queued before it) and returns its reply. */
    Object call(CommandType type, CommandArgs<String, byte[]> args) {
        RedisFuture<Object> f = send(type, args);
        sync();
        return value(f);
    }

    /** @return the reply of a command {@link #sync()} has waited for */
    static Object value(RedisFuture<Object> done) {
        return done.toCompletableFuture().getNow(null);
    }

    /** Runs a script with EVALSHA, or EVAL when Redis does not know it yet, and returns its reply. */
    Object eval(LuaScript script, String[] keys, List<byte[]> argv) {
        try {
            return call(CommandType.EVALSHA, scriptArgs(script.sha1(), keys, argv));
        } catch (RedisNoScriptException e) {
            return call(CommandType.EVAL, scriptArgs(script.text(), keys, argv));
        } catch (RedisCommandExecutionException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")) {
                return call(CommandType.EVAL, scriptArgs(script.text(), keys, argv));
            }
            throw e;
        }
    }

    /**
     * Makes sure Redis knows the script, so that {@link #evalShaAsync} needs no fallback: on a cluster every node
     * learns it (SCRIPT LOAD has no key to route it by), replicas too, so a promoted replica knows it as well.
     */
    void load(LuaScript script) {
        sync();
        connection.loadScript(script.text());
    }

    /** Queues an EVALSHA of a script {@link #load loaded} on this connection's server. */
    RedisFuture<Object> evalShaAsync(LuaScript script, String[] keys, List<byte[]> argv) {
        return send(CommandType.EVALSHA, scriptArgs(script.sha1(), keys, argv));
    }

    private static CommandArgs<String, byte[]> scriptArgs(String script, String[] keys, List<byte[]> argv) {
        CommandArgs<String, byte[]> a = new CommandArgs<>(RedisConnections.CODEC).add(script).add(keys.length);
        for (String k : keys) {
            a.addKey(k);
        }
        for (byte[] v : argv) {
            a.add(v);
        }
        return a;
    }

    @Override
    public void close() {
        connection.close();
    }
}
