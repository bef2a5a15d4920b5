package io.packetstream.agent.publish;

import io.packetstream.agent.source.PacketSource;
import io.packetstream.core.keys.KeySchema;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link StreamPublisher} batches, bounds and retries. Build with {@link #builder(String)}; every value is
 * checked at construction.
 *
 * @param sensor        sensor id written with every entry (KeySchema name rules)
 * @param shards        number of stream shards, 1 to {@link KeySchema#MAX_SHARDS}, checked against {@code <ns>:config}
 * @param maxLen        entries kept per shard stream ({@code MAXLEN ~}), and the most a stream may hold that the
 *                      indexers have not acknowledged: at that cap file replay waits and live capture drops
 * @param batchPackets  a batch is sent once it holds this many packets
 * @param batchBytes    … or this many payload bytes
 * @param linger        … or once its first packet is this old
 * @param maxInFlight   XADDs sent and not yet acknowledged, at most
 * @param bufferPackets packets held (batching, queued, in flight) before {@link Overflow} applies
 * @param bufferBytes   captured bytes held before {@link Overflow} applies, at least one maximal packet
 * @param overflow      what a full buffer does to a new packet
 * @param minBackoff    first wait after Redis failed
 * @param maxBackoff    longest wait between attempts
 * @param replicaWait   on a Redis Cluster whose masters have replicas: how long an append may wait for one replica
 *                      to have it (WAIT 1) before it is sent again; only then does it count as published, so a
 *                      failover cannot lose it. Zero turns the wait off
 * @param heartbeat     a shard without packets for this long gets a clock heartbeat (live capture); zero: never
 * @param followStoredShards true when {@code shards} was not chosen: the run takes the namespace's stored count
 *                      instead, or sets up {@code shards} (the default) when none is stored
 */
public record PublishOptions(String sensor, int shards, long maxLen, int batchPackets, int batchBytes, Duration linger,
                             int maxInFlight, int bufferPackets, long bufferBytes, Overflow overflow,
                             Duration minBackoff, Duration maxBackoff, Duration replicaWait, Duration heartbeat,
                             boolean followStoredShards) {

    public static final int DEFAULT_SHARDS = 1;
    public static final long DEFAULT_MAX_LEN = 100_000;
    public static final int DEFAULT_BATCH_PACKETS = 64;
    public static final int DEFAULT_BATCH_BYTES = 256 * 1024;
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(5);
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    public static final int DEFAULT_BUFFER_PACKETS = 100_000;
    public static final long DEFAULT_BUFFER_BYTES = 256L * 1024 * 1024;
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REPLICA_WAIT = Duration.ofSeconds(1);
    /** A live agent's quiet time before a clock heartbeat; file replays send none. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);

    /** What happens to a packet when the buffer is full. */
    public enum Overflow {
        /** The producer waits until Redis acknowledges enough (file replay: a file loses nothing). */
        WAIT,
        /** The packet is dropped and counted (live capture: the capture thread never blocks). */
        DROP
    }

    public PublishOptions {
        KeySchema.checkName(sensor, "sensor");
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(minBackoff, "minBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(replicaWait, "replicaWait");
        if (replicaWait.isNegative()) {
            throw new IllegalArgumentException("replica-wait must not be negative, was " + replicaWait);
        }
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.isNegative()) {
            throw new IllegalArgumentException("heartbeat must not be negative, was " + heartbeat);
        }
        positive("shards", shards);
        if (shards > KeySchema.MAX_SHARDS) {
            throw new IllegalArgumentException("shards must be at most " + KeySchema.MAX_SHARDS + ", was " + shards);
        }
        positive("max-len", maxLen);
        positive("batch-packets", batchPackets);
        positive("batch-bytes", batchBytes);
        positive("max-in-flight", maxInFlight);
        positive("buffer", bufferPackets);
        if (bufferBytes < PacketSource.MAX_CAPTURED_LENGTH) {
            throw new IllegalArgumentException("buffer-bytes must hold one maximal packet ("
                    + PacketSource.MAX_CAPTURED_LENGTH + "), was " + bufferBytes);
        }
        if (linger.isNegative() || linger.isZero()) {
            throw new IllegalArgumentException("linger must be positive, was " + linger);
        }
        if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 < min <= max, was " + minBackoff + ".." + maxBackoff);
        }
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    /** @return a builder with every default and the given sensor id */
    public static Builder builder(String sensor) {
        return new Builder(sensor);
    }

    /** @return a builder starting from these options */
    public Builder toBuilder() {
        return new Builder(sensor).shards(shards).maxLen(maxLen).batchPackets(batchPackets).batchBytes(batchBytes)
                .linger(linger).maxInFlight(maxInFlight).bufferPackets(bufferPackets).bufferBytes(bufferBytes)
                .overflow(overflow).backoff(minBackoff, maxBackoff).replicaWait(replicaWait).heartbeat(heartbeat)
                .followStoredShards(followStoredShards);
    }

    /** Collects options; {@link #build()} checks them. */
    public static final class Builder {
        private final String sensor;
        private int shards = DEFAULT_SHARDS;
        private long maxLen = DEFAULT_MAX_LEN;
        private int batchPackets = DEFAULT_BATCH_PACKETS;
        private int batchBytes = DEFAULT_BATCH_BYTES;
        private Duration linger = DEFAULT_LINGER;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private int bufferPackets = DEFAULT_BUFFER_PACKETS;
        private long bufferBytes = DEFAULT_BUFFER_BYTES;
        private Overflow overflow = Overflow.WAIT;
        private Duration minBackoff = DEFAULT_MIN_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration replicaWait = DEFAULT_REPLICA_WAIT;
        private Duration heartbeat = Duration.ZERO;
        private boolean followStoredShards;

        private Builder(String sensor) {
            this.sensor = sensor;
        }

        public Builder shards(int shards) {
            this.shards = shards;
            return this;
        }

        public Builder maxLen(long maxLen) {
            this.maxLen = maxLen;
            return this;
        }

        public Builder batchPackets(int batchPackets) {
            this.batchPackets = batchPackets;
            return this;
        }

        public Builder batchBytes(int batchBytes) {
            this.batchBytes = batchBytes;
            return this;
        }

        public Builder linger(Duration linger) {
            this.linger = linger;
            return this;
        }

        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        public Builder bufferPackets(int bufferPackets) {
            this.bufferPackets = bufferPackets;
            return this;
        }

        public Builder bufferBytes(long bufferBytes) {
            this.bufferBytes = bufferBytes;
            return this;
        }

        public Builder overflow(Overflow overflow) {
            this.overflow = overflow;
            return this;
        }

        public Builder backoff(Duration min, Duration max) {
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        public Builder replicaWait(Duration replicaWait) {
            this.replicaWait = replicaWait;
            return this;
        }

        /** @param heartbeat quiet time before a shard's clock heartbeat; zero (the default) sends none */
        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        /** @param follow true: take the namespace's stored shard count rather than {@link #shards(int)} */
        public Builder followStoredShards(boolean follow) {
            this.followStoredShards = follow;
            return this;
        }

        public PublishOptions build() {
            return new PublishOptions(sensor, shards, maxLen, batchPackets, batchBytes, linger, maxInFlight,
                    bufferPackets, bufferBytes, overflow, minBackoff, maxBackoff, replicaWait, heartbeat,
                    followStoredShards);
        }
    }
}
