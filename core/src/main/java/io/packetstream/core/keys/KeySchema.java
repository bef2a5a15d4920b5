package io.packetstream.core.keys;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.time.TimeBucket;

import java.util.Objects;

/**
 * Every Redis key packetstream reads or writes, in one place.
 *
 * <p>Keys of shard {@code k} start with {@code <namespace>:{k}:}; the hash tag puts a shard's stream and all
 * index keys written from it in one cluster slot, so a batch's index effects and its XACK can be applied in one
 * script. Index keys carry the sensor id and a time bucket; retention is a TTL on each of them.
 */
public final class KeySchema {

    /** The namespace used when none is configured. */
    public static final String DEFAULT_NAMESPACE = "ps";

    /** The consumer group every indexer joins. */
    public static final String CONSUMER_GROUP = "indexers";

    /** The most stream shards a namespace may have; agents, indexers and live cursors all check against it. */
    public static final int MAX_SHARDS = 1024;

    /**
     * Partitions of each question-3 bucket. A busy minute or hour holds tens of thousands of host|port|peer members; split
     * by host, every partition stays small enough for Redis's compact listpack encoding (a fifth of the memory of a
     * skiplist), and a lookup of one host still reads one key.
     */
    public static final int PEER_PARTITIONS = 256;

    /**
     * Partitions of each question-1 second. A busy second holds thousands of connections; one hash that large is a
     * hashtable (~110 bytes a connection), while eight partitions keep each a listpack (~50 bytes) up to ~4,000
     * connections a second; a question-1 answer reads the 16 keys of its two seconds in one round trip.
     */
    public static final int CONNECTION_PARTITIONS = 8;

    /**
     * Partitions of each question-6 bucket, by local host. A busy minute holds ~19,000 local/outside pairs, more than
     * the query service reads in one SMEMBERS, so one set was read in sequential SSCAN pages; 16 partitions keep each
     * around 1,200 (a bucket may grow to 16 times the whole-read limit before a partition needs pages) and are read
     * together, while a small answer over many buckets pays 16 keys a bucket, not more.
     */
    public static final int OUTSIDE_TALKER_PARTITIONS = 16;

    /** Prefix of a sensor's capture-clock field in {@link #meta}: {@code clock:<sensor>}. */
    public static final String CLOCK_FIELD_PREFIX = "clock:";

    private static final int MAX_NAME = 64;

    private final String namespace;

    /** @param namespace key prefix; letters, digits, {@code . _ -}, at most 64 */
    public KeySchema(String namespace) {
        this.namespace = checkName(namespace, "namespace");
    }

    /**
     * Checks a sensor id or namespace: 1 to 64 of letters, digits, dot, underscore, dash (no colons or braces,
     * which would make keys ambiguous or change their cluster slot).
     *
     * @return the name
     * @throws IllegalArgumentException naming the parameter otherwise
     */
    public static String checkName(String name, String parameter) {
        Objects.requireNonNull(name, parameter);
        if (!isName(name)) {
            throw new IllegalArgumentException(parameter + " '" + name
                    + "' must be 1 to " + MAX_NAME + " letters, digits, '.', '_' or '-'");
        }
        return name;
    }

    /** A loop, not a regex: every change event checks its sensor, and a matcher per event was the indexer's garbage. */
    private static boolean isName(String name) {
        int n = name.length();
        if (n < 1 || n > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public String namespace() {
        return namespace;
    }

    /** The deployment's settings every component must agree on (hash: {@code shards}). */
    public String config() {
        return namespace + ":config";
    }

    private String shard(int shard) {
        return namespace + ":{" + shard + "}:";
    }

    /** The packet stream of a shard. */
    public String stream(int shard) {
        return shard(shard) + "packets";
    }

    /**
     * Hash publisher id → the sequence number of its last entry on this shard, which makes publishing idempotent:
     * an entry re-sent after a lost reply is recognised and not appended twice.
     */
    public String publishers(int shard) {
        return shard(shard) + "publishers";
    }

    /** Entries that could not be indexed, with the reason. */
    public String deadLetters(int shard) {
        return shard(shard) + "dead";
    }

    /** Change events written with each batch's index effects. */
    public String changes(int shard) {
        return shard(shard) + "changes";
    }

    /** The shard's lease (string, the owning indexer's token, with a TTL): one indexer writes a shard at a time. */
    public String lease(int shard) {
        return shard(shard) + "lease";
    }

    /** The shard's commit journal (hash): the writes of the batch being applied, until it is acknowledged. */
    public String journal(int shard) {
        return shard(shard) + "journal";
    }

    /** The indexers alive (sorted set: consumer name, score = last heartbeat in epoch ms), for sharing shards. */
    public String indexers() {
        return namespace + ":indexers";
    }

    /** Set of sensor ids seen on a shard. */
    public String sensors(int shard) {
        return shard(shard) + "sensors";
    }

    /**
     * Hash of freshness facts of a shard: {@code oldest}, {@code newest} (capture µs), {@code packets}, and per sensor
     * {@code clock:<sensor>}, its capture clock (ns) on this shard.
     */
    public String meta(int shard) {
        return shard(shard) + "meta";
    }

    /** Sorted set of the epoch hours (member and score) in which a sensor's packets were indexed. */
    public String hours(int shard, String sensor) {
        return shard(shard) + "hours:" + sensor;
    }

    /**
     * Q1: hash connection → first/last nanosecond within one epoch second, for the connections of one partition
     * ({@link #connectionPartition}).
     */
    public String activeConnections(int shard, String sensor, long epochSecond, int partition) {
        return shard(shard) + "q1:" + sensor + ":" + epochSecond + ":" + partition;
    }

    /** @return the partition of a connection's question-1 windows, 0 to {@link #CONNECTION_PARTITIONS} − 1 */
    public static int connectionPartition(byte[] encodedConnection) {
        return Math.floorMod(java.util.Arrays.hashCode(encodedConnection), CONNECTION_PARTITIONS);
    }

    /** Q2: hash {@code p<minuteOfDay>}/{@code b<minuteOfDay>} → packets/bytes between two hosts in one UTC day. */
    public String volume(int shard, String sensor, IpAddress a, IpAddress b, long epochDay) {
        IpAddress low = a.compareTo(b) <= 0 ? a : b;
        IpAddress high = low == a ? b : a;
        return shard(shard) + "q2:" + sensor + ":" + low + "," + high + ":" + epochDay;
    }

    /**
     * Q3: sorted set (all scores 0, searched by lex prefix) of host|port|peer members of the hosts in one partition
     * ({@link #peerPartition}).
     */
    public String peers(int shard, String sensor, TimeBucket bucket, IpAddress host) {
        return shard(shard) + "q3:" + sensor + ":" + bucket + ":" + peerPartition(host);
    }

    /** @return the partition of a host's question-3 members, 0 to {@link #PEER_PARTITIONS} − 1 */
    public static int peerPartition(IpAddress host) {
        return Math.floorMod(host.hashCode(), PEER_PARTITIONS); // Arrays.hashCode: the same in every JVM
    }

    /** Q4: set of host|port members that received a connection attempt or datagram on a port below 1024. */
    public String services(int shard, String sensor, TimeBucket bucket) {
        return shard(shard) + "q4:" + sensor + ":" + bucket;
    }

    /**
     * Q5: sorted set minute-of-day → lowest ({@code first}) or highest ({@code !first}) stream entry millisecond
     * holding a packet captured in that minute, so a time range maps to a range of stream ids.
     */
    public String packetTimes(int shard, String sensor, long epochDay, boolean first) {
        return shard(shard) + "q5:" + sensor + ":" + epochDay + (first ? ":first" : ":last");
    }

    /** Q6: set of local|outside host members of the local hosts in one partition ({@link #outsideTalkerPartition}). */
    public String outsideTalkers(int shard, String sensor, TimeBucket bucket, int partition) {
        return shard(shard) + "q6:" + sensor + ":" + bucket + ":" + partition;
    }

    /** @return the partition of a local host's question-6 members, 0 to {@link #OUTSIDE_TALKER_PARTITIONS} − 1 */
    public static int outsideTalkerPartition(IpAddress local) {
        return Math.floorMod(local.hashCode(), OUTSIDE_TALKER_PARTITIONS); // Arrays.hashCode: the same in every JVM
    }

    /**
     * Q6 as indexers before partitioning wrote it: one set of every local|outside member of a bucket. Written no
     * more; read besides the partitions until such keys have expired (one retention after an upgrade).
     */
    public String outsideTalkersUnpartitioned(int shard, String sensor, TimeBucket bucket) {
        return shard(shard) + "q6:" + sensor + ":" + bucket;
    }
}
