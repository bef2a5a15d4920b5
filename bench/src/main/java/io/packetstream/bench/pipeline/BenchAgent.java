package io.packetstream.bench.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.AgentOptions;
import io.packetstream.agent.CaptureAgent;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Runs the capture agent in this process over one file, as fast as it goes or at a pace, and insists that it published every
 * packet: a benchmark whose agent dropped or failed measures nothing.
 */
public final class BenchAgent {

    private BenchAgent() {
    }

    /**
     * @param capture the pcap or pcapng file; never {@code null}
     * @param redis   where to publish; never {@code null}
     * @param keys    the namespace; never {@code null}
     * @param publish shards, batching and replica waits; never {@code null}
     * @throws IllegalStateException when the agent failed or did not publish every packet it read
     */
    public static void publish(Path capture, RedisOptions redis, KeySchema keys, PublishOptions publish)
            throws InterruptedException {
        publish(capture, redis, keys, publish, AgentOptions.DEFAULT_PACE);
    }

    /**
     * As {@link #publish(Path, RedisOptions, KeySchema, PublishOptions)}, at a replay speed: 1.0 the recorded pace.
     */
    public static void publish(Path capture, RedisOptions redis, KeySchema keys, PublishOptions publish, double pace)
            throws InterruptedException {
        Objects.requireNonNull(capture, "capture");
        CaptureAgent.AgentResult result = new CaptureAgent(AgentOptions.forFiles(List.of(capture), redis, keys,
                Objects.requireNonNull(publish, "publish")).withPace(pace), new SimpleMeterRegistry()).run();
        if (!result.ok() || result.counts().dropped() > 0) {
            throw new IllegalStateException("agent published " + result.counts().published() + " of "
                    + result.counts().captured() + ": " + result.errors());
        }
    }
}
