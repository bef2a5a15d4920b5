package io.packetstream.indexer;

import io.packetstream.core.address.AddressClassifier;
import io.packetstream.core.address.Cidr;
import io.packetstream.core.keys.KeySchema;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * How an indexer consumes and writes. Immutable; every value is checked here, with a message naming it.
 *
 * @param consumer            this process's consumer name in the group, unique per process
 * @param batchEntries        COUNT of each read: stream entries per batch (each holds up to ~64 packets)
 * @param block               how long a read waits for new entries
 * @param retention           TTL set on every index key written, refreshed at most once per tenth of it
 * @param lease               how long a shard stays this indexer's without renewal: after a crash, another indexer
 *                            takes the shard over once it has run out
 * @param progress            interval of the progress log line and of the pending/lag poll
 * @param localNetworks       the blocks that count as local (question 6)
 * @param minBackoff          first retry delay after a failure
 * @param maxBackoff          longest retry delay
 * @param deadLetterMaxLength approximate length bound of each dead-letter stream
 * @param changeRetention     how long change-stream entries (live subscriptions) are kept, trimmed by id (MINID
 *                            ~); zero writes no change events at all
 * @param shards              the shard count to set the namespace up with ({@code --shards}); empty: follow what
 *                            is stored, waiting until something is
 */
public record IndexerOptions(String consumer, int batchEntries, Duration block, Duration retention, Duration lease,
                             Duration progress, List<Cidr> localNetworks, Duration minBackoff, Duration maxBackoff,
                             long deadLetterMaxLength, Duration changeRetention, OptionalInt shards) {

    /**
     * Entries per batch: each question-2 total and question-1 window a batch touches is written once, so a larger
     * batch costs Redis less per packet (on the benchmark's synthetic capture 1.98-2.42 µs at 128, 1.83-1.98 at 256,
     * 1.36-2.07 at 512), while live latency at 50k packets/s was the same at 128 and 256 and no better at 512.
     */
    public static final int DEFAULT_BATCH_ENTRIES = 256;
    public static final int MAX_BATCH_ENTRIES = 1024;
    public static final Duration DEFAULT_BLOCK = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PROGRESS = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    public static final long DEFAULT_DEAD_LETTER_MAX_LENGTH = 100_000;
    public static final Duration DEFAULT_CHANGE_RETENTION = Duration.ofMinutes(10);

    private static final Pattern CONSUMER = Pattern.compile("[^\\s]{1,200}");

    public IndexerOptions {
        Objects.requireNonNull(consumer, "consumer");
        if (!CONSUMER.matcher(consumer).matches()) {
            throw new IllegalArgumentException("consumer '" + consumer + "' must be 1 to 200 characters without spaces");
        }
        if (batchEntries < 1 || batchEntries > MAX_BATCH_ENTRIES) {
            throw new IllegalArgumentException("batch-entries must be 1 to " + MAX_BATCH_ENTRIES + ", was " + batchEntries);
        }
        block = between("block", block, Duration.ofMillis(1), Duration.ofMinutes(1));
        retention = between("retention", retention, Duration.ofSeconds(1), Duration.ofDays(3650));
        lease = between("lease", lease, Duration.ofMillis(100), Duration.ofMinutes(10));
        if (block.compareTo(lease.dividedBy(3)) > 0) {
            throw new IllegalArgumentException("block (" + block + ") must be at most a third of the lease (" + lease
                    + "): the lease is renewed between reads");
        }
        progress = between("progress", progress, Duration.ofMillis(1), Duration.ofDays(1));
        localNetworks = List.copyOf(Objects.requireNonNull(localNetworks, "localNetworks"));
        minBackoff = between("min-backoff", minBackoff, Duration.ofMillis(1), Duration.ofMinutes(1));
        maxBackoff = between("max-backoff", maxBackoff, minBackoff, Duration.ofMinutes(10));
        if (deadLetterMaxLength < 1) {
            throw new IllegalArgumentException("dead-letter max length must be positive, was " + deadLetterMaxLength);
        }
        Objects.requireNonNull(changeRetention, "changeRetention");
        Objects.requireNonNull(shards, "shards");
        if (shards.isPresent() && (shards.getAsInt() < 1 || shards.getAsInt() > KeySchema.MAX_SHARDS)) {
            throw new IllegalArgumentException("shards must be 1 to " + KeySchema.MAX_SHARDS + ", was "
                    + shards.getAsInt());
        }
        if (!changeRetention.isZero()) {
            changeRetention = between("change-retention", changeRetention, Duration.ofSeconds(1), Duration.ofDays(30));
        }
    }

    /** @return the defaults, with consumer {@link #defaultConsumer()} */
    public static IndexerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return {@code <host>-<pid>}: unique per process, stable for its lifetime */
    public static String defaultConsumer() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "indexer";
        }
        return host.replaceAll("\\s", "_") + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    private static Duration between(String name, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** Collects options; {@link #build()} validates them. */
    public static final class Builder {
        private String consumer;
        private int batchEntries = DEFAULT_BATCH_ENTRIES;
        private Duration block = DEFAULT_BLOCK;
        private Duration retention = DEFAULT_RETENTION;
        private Duration lease = DEFAULT_LEASE;
        private Duration progress = DEFAULT_PROGRESS;
        private List<Cidr> localNetworks = AddressClassifier.DEFAULT_LOCAL;
        private Duration minBackoff = DEFAULT_MIN_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private long deadLetterMaxLength = DEFAULT_DEAD_LETTER_MAX_LENGTH;
        private Duration changeRetention = DEFAULT_CHANGE_RETENTION;
        private OptionalInt shards = OptionalInt.empty();

        private Builder() {
        }

        private Builder(IndexerOptions o) {
            consumer = o.consumer;
            batchEntries = o.batchEntries;
            block = o.block;
            retention = o.retention;
            lease = o.lease;
            progress = o.progress;
            localNetworks = o.localNetworks;
            minBackoff = o.minBackoff;
            maxBackoff = o.maxBackoff;
            deadLetterMaxLength = o.deadLetterMaxLength;
            changeRetention = o.changeRetention;
            shards = o.shards;
        }

        public Builder consumer(String consumer) {
            this.consumer = consumer;
            return this;
        }

        public Builder batchEntries(int batchEntries) {
            this.batchEntries = batchEntries;
            return this;
        }

        public Builder block(Duration block) {
            this.block = block;
            return this;
        }

        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        public Builder lease(Duration lease) {
            this.lease = lease;
            return this;
        }

        public Builder progress(Duration progress) {
            this.progress = progress;
            return this;
        }

        public Builder localNetworks(List<Cidr> localNetworks) {
            this.localNetworks = localNetworks;
            return this;
        }

        public Builder backoff(Duration min, Duration max) {
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        public Builder deadLetterMaxLength(long deadLetterMaxLength) {
            this.deadLetterMaxLength = deadLetterMaxLength;
            return this;
        }

        /** @param changeRetention how long change entries are kept; zero = no change events */
        public Builder changeRetention(Duration changeRetention) {
            this.changeRetention = changeRetention;
            return this;
        }

        /** @param shards the shard count to set the namespace up with, or to insist on */
        public Builder shards(int shards) {
            this.shards = OptionalInt.of(shards);
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad value */
        public IndexerOptions build() {
            return new IndexerOptions(consumer == null ? defaultConsumer() : consumer, batchEntries, block, retention,
                    lease, progress, localNetworks, minBackoff, maxBackoff, deadLetterMaxLength, changeRetention,
                    shards);
        }
    }
}
