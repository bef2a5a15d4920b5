package io.packetstream.e2e;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.packetstream.core.change.ChangeEntryFormat;
import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RawReply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the index holds, read straight from Redis by the key layout docs/architecture.md defines, to be compared
 * with the reference's totals: question 2 counts every IP packet and its original length once, per sensor, so its
 * hashes summed are what was indexed; more than the capture holds is double counting, less is loss. Works on a
 * single Redis and on a cluster.
 */
public final class IndexCounts {

    /** Packets and their bytes, summed over a sensor's question-2 hashes. */
    public record Totals(long packets, long bytes) {
        Totals plus(Totals o) {
            return new Totals(packets + o.packets, bytes + o.bytes);
        }
    }

    private final RedisClusterCommands<String, byte[]> redis;
    private final KeySchema keys;
    private final int shards;

    /** @param redis commands of a connection to the single Redis or the cluster that holds the namespace */
    public IndexCounts(RedisClusterCommands<String, byte[]> redis, KeySchema keys, int shards) {
        this.redis = redis;
        this.keys = keys;
        this.shards = shards;
    }

    /** @return per sensor, from {@code <ns>:{k}:q2:<sensor>:<low>,<high>:<epochDay>} fields {@code p<minute>}, {@code b<minute>} */
    public Map<String, Totals> volumeBySensor() {
        Map<String, Totals> totals = new TreeMap<>();
        for (int k = 0; k < shards; k++) {
            String prefix = keys.namespace() + ":{" + k + "}:q2:";
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = holderOf(k).scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
                for (String key : page.getKeys()) {
                    String sensor = key.substring(prefix.length(), key.indexOf(':', prefix.length()));
                    totals.merge(sensor, sum(redis.hgetall(key)), Totals::plus);
                }
                cursor = page;
            } while (!cursor.isFinished());
        }
        return totals;
    }

    /**
     * @return commands to the node that holds shard {@code k}: SCAN is per node, and a cluster connection's own SCAN
     * walks every master the cluster lists, a crashed one (listed, failed, until it is forgotten) included
     */
    private RedisClusterCommands<String, byte[]> holderOf(int k) {
        if (redis instanceof RedisAdvancedClusterCommands<String, byte[]> cluster) {
            RedisClusterNode master = cluster.getStatefulConnection().getPartitions()
                    .getMasterBySlot(SlotHash.getSlot(keys.stream(k)));
            return cluster.getConnection(master.getNodeId());
        }
        return redis;
    }

    private static Totals sum(Map<String, byte[]> hash) {
        long packets = 0;
        long bytes = 0;
        for (Map.Entry<String, byte[]> field : hash.entrySet()) {
            long value = Long.parseLong(RawReply.text(field.getValue()));
            if (field.getKey().startsWith("p")) {
                packets += value;
            } else if (field.getKey().startsWith("b")) {
                bytes += value;
            }
        }
        return new Totals(packets, bytes);
    }

    /** @return the indexers' own count of packets indexed, field {@code packets} of every shard's meta hash */
    public long metaPackets() {
        long sum = 0;
        for (int k = 0; k < shards; k++) {
            byte[] value = redis.hget(keys.meta(k), "packets");
            sum += value == null ? 0 : Long.parseLong(RawReply.text(value));
        }
        return sum;
    }

    public long deadLetters() {
        long sum = 0;
        for (int k = 0; k < shards; k++) {
            sum += redis.xlen(keys.deadLetters(k));
        }
        return sum;
    }

    /** @return entries held in the packet streams (question 5 scans them) */
    public long streamEntries() {
        long sum = 0;
        for (int k = 0; k < shards; k++) {
            sum += redis.xlen(keys.stream(k));
        }
        return sum;
    }

    /**
     * @return every {@code shard/entryId} the change streams announce as indexed (question 5's live events): an entry
     * whose batch was applied twice would be announced twice
     */
    public List<String> announcedEntries() {
        List<String> announced = new ArrayList<>();
        for (int k = 0; k < shards; k++) {
            for (StreamMessage<String, byte[]> m : redis.xrange(keys.changes(k), Range.create("-", "+"))) {
                for (byte[] block : m.getBody().values()) {
                    for (Optional<ChangeEvent> event : ChangeEntryFormat.decode(block, bad -> { })) {
                        if (event.orElse(null) instanceof ChangeEvent.EntryIndexed e) {
                            announced.add(k + "/" + e.entryId());
                        }
                    }
                }
            }
        }
        return announced;
    }

    /** Waits until every shard's group has nothing pending and nothing undelivered (acknowledged = applied). */
    public boolean awaitDrained(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (drained()) {
                    return true;
                }
            } catch (RedisException notNow) {
                // a restart's reconnect: ask again
            }
            Thread.sleep(100);
        }
        return false;
    }

    private boolean drained() {
        for (int k = 0; k < shards; k++) {
            if (redis.exists(keys.stream(k)) == 0) {
                continue; // no flow hashed to this shard
            }
            boolean groupSeen = false;
            for (Object group : redis.xinfoGroups(keys.stream(k))) {
                Map<String, Object> fields = fields((List<?>) group);
                if (KeySchema.CONSUMER_GROUP.equals(RawReply.text(fields.get("name")))) {
                    groupSeen = true;
                    if (!Long.valueOf(0).equals(fields.get("pending")) || !Long.valueOf(0).equals(fields.get("lag"))) {
                        return false;
                    }
                }
            }
            if (!groupSeen) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> fields(List<?> reply) {
        Map<String, Object> fields = new TreeMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            fields.put(RawReply.text(reply.get(i)), reply.get(i + 1));
        }
        return fields;
    }
}
