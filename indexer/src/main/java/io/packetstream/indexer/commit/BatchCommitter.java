package io.packetstream.indexer.commit;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.indexer.write.IndexBatch;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Commits a batch: its index writes, dead letters, TTLs, change events and XACK in one Lua script call on the shard's
 * slot (EVALSHA, falling back to EVAL when Redis does not know the script yet, e.g. after a restart). The change
 * events (docs/architecture.md, "Live subscriptions") go to the shard's change stream, bounded by {@code MAXLEN ~};
 * the script derives them from what it finds in Redis, so they are written exactly when the effects are.
 *
 * <p>Key TTLs are refreshed at most once per tenth of the retention ({@link TtlRefreshes}); a key new to Redis
 * always gets its TTL in the commit that creates it.
 *
 * <p>The script first checks that every entry is still pending for this consumer; if one was claimed away it
 * applies nothing and the commit reports {@link Outcome#STALE}. Thread-safe; commands run on the given connection.
 */
public final class BatchCommitter {

    /** What a commit did. */
    public enum Outcome {
        /** Applied and acknowledged. */
        APPLIED,
        /** Nothing applied: some entry is no longer pending for this consumer (claimed by another, or already applied). */
        STALE
    }

    private final RedisAsyncCommands<String, byte[]> redis;
    private final ScriptArgs.Settings settings;
    private final CommitScript script = CommitScript.load();
    private final TtlRefreshes ttls;

    /**
     * @param redis               the connection to commit on; never {@code null}
     * @param keys                key names; never {@code null}
     * @param consumer            the consumer name the entries must be pending for; never {@code null}
     * @param retention           TTL set on every key written, at least a second
     * @param deadLetterMaxLength approximate bound of the dead-letter stream
     * @param changeRetention     approximate bound of the change stream in entries; 0 writes no change events
     */
    public BatchCommitter(RedisAsyncCommands<String, byte[]> redis, KeySchema keys, String consumer,
                          Duration retention, long deadLetterMaxLength, long changeRetention) {
        this(redis, keys, consumer, retention, deadLetterMaxLength, changeRetention, TtlRefreshes.DEFAULT_MAX_KEYS,
                System::nanoTime);
    }

    BatchCommitter(RedisAsyncCommands<String, byte[]> redis, KeySchema keys, String consumer, Duration retention,
                   long deadLetterMaxLength, long changeRetention, int ttlCacheKeys, LongSupplier nanoTime) {
        this.redis = Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(retention, "retention");
        if (retention.toSeconds() < 1) {
            throw new IllegalArgumentException("retention must be at least 1s, was " + retention);
        }
        if (changeRetention < 0) {
            throw new IllegalArgumentException("change retention must not be negative, was " + changeRetention);
        }
        this.settings = new ScriptArgs.Settings(Objects.requireNonNull(keys, "keys"), KeySchema.CONSUMER_GROUP,
                Objects.requireNonNull(consumer, "consumer"), retention.toSeconds(), deadLetterMaxLength,
                changeRetention);
        this.ttls = new TtlRefreshes(retention, ttlCacheKeys, nanoTime);
    }

    /**
     * @param batch a non-empty batch; never {@code null}
     * @return a lazy commit; errors (Redis unreachable, script error) travel as {@code onError}
     */
    public Mono<CommitResult> commit(IndexBatch batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.isEmpty()) {
            return Mono.error(new IllegalArgumentException("an empty batch has nothing to commit"));
        }
        return Mono.defer(() -> {
            long sentAt = ttls.now();
            List<String> refreshed = new ArrayList<>();
            ScriptArgs args = ScriptArgs.encode(batch, settings, key -> {
                if (ttls.due(key, sentAt)) {
                    refreshed.add(key);
                    return true;
                }
                return false;
            });
            return Mono.fromCompletionStage(() -> redis.<String>evalsha(script.sha1(), ScriptOutputType.STATUS,
                            args.keys(), args.argv()))
                    .onErrorResume(RedisNoScriptException.class, e -> Mono.fromCompletionStage(() ->
                            redis.<String>eval(script.text(), ScriptOutputType.STATUS, args.keys(), args.argv())))
                    .map(CommitResult::parse)
                    .doOnNext(result -> {
                        if (result.applied()) {
                            ttls.refreshed(refreshed, sentAt);
                        }
                    });
        });
    }
}
