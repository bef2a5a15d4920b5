package io.packetstream.bench.cluster;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import io.packetstream.core.keys.KeySchema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Where the benchmark's shards live, and moving them one per master. A shard's keys share the hash tag {@code {k}},
 * so its slot is CRC16 of {@code k}; masters holding even slot ranges ({@code redis-cli --cluster create}, test-support's
 * cluster) get whichever shards hash into their range: with 3 masters, shards 0, 1 and 2 land on the third, second
 * and second master, and the first holds none. A slot without keys moves with CLUSTER SETSLOT alone (importing,
 * migrating, then the new owner told to every master), which this does before anything is written.
 */
final class ShardPlacement implements AutoCloseable {

    private static final Duration SETTLING = Duration.ofSeconds(30);

    private final RedisClient client = RedisClient.create();
    private final List<String> masters;
    private final List<String> others;

    /**
     * @param masters the masters' URLs, in the cluster's order
     * @param others  every other node's URL (replicas), awaited until they know the new owners too
     */
    ShardPlacement(List<String> masters, List<String> others) {
        this.masters = List.copyOf(masters);
        this.others = List.copyOf(others);
    }

    /** @return for each shard below {@code shards}, the index of the master that holds it */
    List<Integer> current(KeySchema keys, int shards) {
        List<String> ids = masters.stream().map(uri -> call(uri, RedisCommands::clusterMyId)).toList();
        List<Integer> owners = new ArrayList<>();
        for (int k = 0; k < shards; k++) {
            String owner = ownerId(masters.get(0), SlotHash.getSlot(keys.stream(k)));
            owners.add(ids.indexOf(owner));
        }
        return owners;
    }

    /** Moves shard k's slot to master k mod masters, for every shard below {@code shards}, and waits until all agree. */
    void spread(KeySchema keys, int shards) {
        List<String> ids = masters.stream().map(uri -> call(uri, RedisCommands::clusterMyId)).toList();
        List<String> all = new ArrayList<>(masters);
        all.addAll(others);
        for (int k = 0; k < shards; k++) {
            int slot = SlotHash.getSlot(keys.stream(k));
            int from = ids.indexOf(ownerId(masters.get(0), slot));
            int to = k % masters.size();
            if (from == to) {
                continue;
            }
            String target = ids.get(to);
            call(masters.get(to), redis -> redis.clusterSetSlotImporting(slot, ids.get(from)));
            call(masters.get(from), redis -> redis.clusterSetSlotMigrating(slot, target));
            call(masters.get(to), redis -> redis.clusterSetSlotNode(slot, target)); // the new owner first: it bumps its epoch
            for (String uri : masters) { // replicas refuse SETSLOT: they learn it from their masters
                call(uri, redis -> redis.clusterSetSlotNode(slot, target));
            }
            awaitAgreed(all, slot, target);
        }
    }

    private void awaitAgreed(List<String> nodes, int slot, String owner) {
        long deadline = System.nanoTime() + SETTLING.toNanos();
        while (!nodes.stream().allMatch(uri -> owner.equals(ownerId(uri, slot))
                && call(uri, RedisCommands::clusterInfo).contains("cluster_state:ok"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster did not agree on slot " + slot + " within " + SETTLING);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while moving slot " + slot, e);
            }
        }
    }

    /** @return the id of the master that node {@code uri} says serves {@code slot}, from its CLUSTER SLOTS */
    private String ownerId(String uri, int slot) {
        for (Object range : call(uri, RedisCommands::clusterSlots)) {
            List<?> r = (List<?>) range;
            if ((Long) r.get(0) <= slot && slot <= (Long) r.get(1)) {
                return String.valueOf(((List<?>) r.get(2)).get(2));
            }
        }
        throw new IllegalStateException("no master serves slot " + slot + " according to " + uri);
    }

    private <T> T call(String uri, Function<RedisCommands<String, String>, T> command) {
        try (StatefulRedisConnection<String, String> c = client.connect(RedisURI.create(uri))) {
            return command.apply(c.sync());
        }
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
