package io.packetstream.core.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Opens Redis connections with packetstream's settings: string keys and binary values, command timeouts,
 * automatic reconnection, and commands rejected at once while disconnected (so callers see the outage and
 * apply their own bounded buffering instead of Lettuce queueing without bound).
 *
 * <p>A Redis Cluster is used through Lettuce's cluster client when several URLs are given (seeds of one cluster),
 * or when the one URL given is a node with {@code cluster_enabled:1} (asked with {@code INFO cluster} on the
 * first connect). The cluster client follows failovers: it refreshes its view of the cluster on every MOVED, ASK
 * or dropped connection (at most once a second) and every {@link #TOPOLOGY_REFRESH} anyway.
 */
public final class RedisConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);

    /**
     * String keys (they are ASCII, see KeySchema), binary values and members. Lettuce types hash fields and stream
     * field names as keys, so they come back as UTF-8 strings: binary hash fields (question 1's connections) must be
     * read raw, as the query service does, never through this codec's {@code hgetall}.
     */
    public static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** Commands one connection may queue before Lettuce rejects more. */
    public static final int REQUEST_QUEUE_SIZE = 65_536;

    /** How often a cluster client reads the cluster's layout even when nothing suggests it changed. */
    public static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(10);

    /** The least time between two refreshes a MOVED, ASK or dropped connection triggers. */
    private static final Duration ADAPTIVE_REFRESH_PAUSE = Duration.ofSeconds(1);

    private final RedisOptions options;
    private final boolean reconnect;
    private final ClientResources resources = DefaultClientResources.create();
    private final RedisClient standalone;
    private RedisClusterClient cluster; // guarded by this; null until a cluster was found

    /** @param options where and how; never {@code null} */
    public RedisConnections(RedisOptions options) {
        this(options, true);
    }

    private RedisConnections(RedisOptions options, boolean reconnect) {
        this.options = Objects.requireNonNull(options, "options");
        this.reconnect = reconnect;
        RedisURI uri = uri(options.uris().get(0));
        standalone = RedisClient.create(resources, uri);
        standalone.setOptions(ClientOptions.builder()
                .sslOptions(options.tls().sslOptions())
                .autoReconnect(reconnect)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE_SIZE)
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout()))
                .build());
        if (options.uris().size() > 1) {
            cluster = clusterClient();
        }
    }

    /**
     * Connections that never reconnect by themselves, for reads that must not be sent twice: Lettuce's automatic
     * reconnection re-sends commands in flight when a connection dropped, and a re-sent XREADGROUP delivers a
     * second batch while the first one's reply is lost. A dropped connection fails; the caller opens a new one.
     *
     * @param options where and how; its command timeout should include the longest BLOCK
     */
    public static RedisConnections withoutReconnect(RedisOptions options) {
        return new RedisConnections(options, false);
    }

    /**
     * Opens a new connection; each call is a separate socket (on a cluster, a separate socket per node), so a
     * component can give a blocking read a connection of its own.
     *
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public RedisConnection connect() {
        RedisClusterClient c = clusterIfKnown();
        if (c != null) {
            return RedisConnection.of(c.connect(CODEC));
        }
        StatefulRedisConnection<String, byte[]> first = standalone.connect(CODEC);
        if (!clusterEnabled(first)) {
            return RedisConnection.of(first);
        }
        first.close();
        return RedisConnection.of(clusterFound().connect(CODEC));
    }

    @Override
    public void close() {
        RedisClusterClient c = clusterIfKnown();
        if (c != null) {
            c.shutdown();
        }
        standalone.shutdown();
        resources.shutdown();
    }

    private synchronized RedisClusterClient clusterIfKnown() {
        return cluster;
    }

    private synchronized RedisClusterClient clusterFound() {
        if (cluster == null) {
            cluster = clusterClient();
            log.info("{} is a Redis Cluster node: using the cluster client", options.shown());
        }
        return cluster;
    }

    private static boolean clusterEnabled(StatefulRedisConnection<String, byte[]> connection) {
        try {
            return connection.sync().info("cluster").contains("cluster_enabled:1");
        } catch (RedisException e) {
            // a user without permission for INFO: Redis Cluster needs the node's URLs, which such a user
            // cannot list either, so this is treated as a single Redis
            log.debug("INFO cluster refused ({}); using Redis as a single server", Credentials.message(e));
            return false;
        }
    }

    private RedisClusterClient clusterClient() {
        List<RedisURI> seeds = options.uris().stream().map(this::uri).toList();
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        client.setOptions(ClusterClientOptions.builder()
                .sslOptions(options.tls().sslOptions())
                .autoReconnect(reconnect)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE_SIZE)
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout()))
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_PAUSE)
                        .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                        .build())
                .build());
        return client;
    }

    private RedisURI uri(String text) {
        RedisURI uri = RedisURI.create(text);
        uri.setTimeout(options.commandTimeout());
        return uri;
    }
}
