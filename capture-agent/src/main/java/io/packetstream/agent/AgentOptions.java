package io.packetstream.agent;

import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.agent.source.LiveOptions;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one agent run needs, checked at construction. Built from flags and environment variables in one
 * place, {@link CaptureAgentMain}.
 *
 * @param files           capture files replayed one after another; empty for live capture
 * @param live            the interface to capture from; empty for file replay
 * @param redis           where Redis is
 * @param keys            the key namespace
 * @param publish         batching, bounds and retries; its overflow must be WAIT for files and DROP for live
 * @param connectTimeout  how long file replay waits for Redis at start before giving up
 * @param pace            replay speed, 0 for as fast as possible, 1.0 for the recorded pace
 * @param progress        time between progress lines
 */
public record AgentOptions(List<Path> files, Optional<LiveOptions> live, RedisOptions redis, KeySchema keys,
                           PublishOptions publish, Duration connectTimeout, double pace, Duration progress) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PROGRESS = Duration.ofSeconds(5);
    /** As fast as possible. */
    public static final double DEFAULT_PACE = 0;
    /** Longest wait for buffered packets to be published when the agent stops. */
    public static final Duration MAX_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    public AgentOptions {
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(publish, "publish");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(progress, "progress");
        if (files.isEmpty() == live.isEmpty()) {
            throw new IllegalArgumentException("give exactly one of --file (one or more) or --interface");
        }
        PublishOptions.Overflow expected = live.isPresent() ? PublishOptions.Overflow.DROP : PublishOptions.Overflow.WAIT;
        if (publish.overflow() != expected) {
            throw new IllegalArgumentException((live.isPresent() ? "live capture" : "file replay")
                    + " must use overflow " + expected);
        }
        if (!(pace >= 0) || Double.isInfinite(pace)) {
            throw new IllegalArgumentException("pace must be 0 (as fast as possible) or a positive speed, was " + pace);
        }
        if (live.isPresent() && pace != 0) {
            throw new IllegalArgumentException("--pace applies to --file replay only");
        }
        positive("connect-timeout", connectTimeout);
        positive("progress", progress);
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** @return options to replay files with default connect timeout, pace and progress interval */
    public static AgentOptions forFiles(List<Path> files, RedisOptions redis, KeySchema keys, PublishOptions publish) {
        return new AgentOptions(files, Optional.empty(), redis, keys,
                publish.toBuilder().overflow(PublishOptions.Overflow.WAIT).build(), DEFAULT_CONNECT_TIMEOUT, 0,
                DEFAULT_PROGRESS);
    }

    /** @return true for live capture, false for file replay */
    public boolean isLive() {
        return live.isPresent();
    }

    /** @return a copy with another replay speed */
    public AgentOptions withPace(double pace) {
        return new AgentOptions(files, live, redis, keys, publish, connectTimeout, pace, progress);
    }

    /** @return a copy with another connect timeout */
    public AgentOptions withConnectTimeout(Duration timeout) {
        return new AgentOptions(files, live, redis, keys, publish, timeout, pace, progress);
    }

    /** @return how long a stopping agent waits for its buffer to drain */
    public Duration shutdownGrace() {
        return connectTimeout.compareTo(MAX_SHUTDOWN_GRACE) < 0 ? connectTimeout : MAX_SHUTDOWN_GRACE;
    }
}
