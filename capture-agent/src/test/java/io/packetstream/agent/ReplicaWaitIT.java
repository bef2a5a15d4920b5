package io.packetstream.agent;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.metrics.AgentMetrics;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.agent.publish.StreamPublisher;
import io.packetstream.agent.source.Captured;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.testsupport.redis.RedisProcess;
import io.packetstream.testsupport.redis.TestRedisCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a Redis Cluster with replicas an append counts as published only once a replica has it: while the only
 * replica is frozen (SIGSTOP) the master stores the batches but the agent counts none of them and keeps sending
 * them again; once the replica answers, every packet counts, and the stream holds each exactly once.
 */
class ReplicaWaitIT {

    private static final String SENSOR = "replicated";

    private final KeySchema keys = new KeySchema("t" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void anAppendNoReplicaAcknowledgedIsNotCountedAndIsSentAgain() throws Exception {
        // a node timeout far above the freeze, so the cluster never counts the frozen replica as failed
        try (TestRedisCluster cluster = TestRedisCluster.start(1, 1, Duration.ofSeconds(60));
             Streams streams = new Streams(cluster.masters().get(0).uri())) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            RedisOptions redis = new RedisOptions(cluster.uris(), RedisOptions.DEFAULT_COMMAND_TIMEOUT);
            PublishOptions options = PublishOptions.builder(SENSOR).batchPackets(10)
                    .replicaWait(Duration.ofMillis(200)).backoff(Duration.ofMillis(50), Duration.ofMillis(200)).build();
            List<Captured> sent = new ArrayList<>();
            RedisProcess replica = cluster.replicas().get(0);
            try (StreamPublisher publisher = StreamPublisher.start(redis, keys, options, new AgentMetrics(registry))) {
                assertTrue(publisher.awaitReady(Duration.ofSeconds(10)), publisher.lastError());
                replica.suspend();
                try {
                    for (int i = 0; i < 50; i++) {
                        byte[] frame = TestTraffic.frame(i % 7, i);
                        long time = TestTraffic.START + i * 1000L;
                        publisher.accept(time, frame.length, 1, frame, 0, frame.length);
                        sent.add(new Captured(time, frame.length, 1, frame));
                    }
                    RedisOutageIT.await(() -> counter(registry, "packetstream.agent.publish.retries") >= 2,
                            "a batch no replica acknowledged to be sent again");
                    assertTrue(streams.length(keys, 0) >= 1, "the master stored the first batch");
                    assertEquals(0, counter(registry, "packetstream.agent.packets.published"),
                            "nothing counts as published while no replica has it");
                } finally {
                    replica.resume();
                }
                assertTrue(publisher.awaitPublished(Duration.ofSeconds(30)), publisher.lastError());
            }
            assertEquals(sent.size(), counter(registry, "packetstream.agent.packets.published"));
            assertTrue(counter(registry, "packetstream.agent.entries.deduplicated") >= 1,
                    "the batch sent again was recognised as stored");
            ExactlyOnceIT.assertOnceInOrder(sent, streams.packets(keys, 0, SENSOR));
        }
    }

    private static double counter(SimpleMeterRegistry registry, String name) {
        return registry.get(name).functionCounter().count();
    }
}
