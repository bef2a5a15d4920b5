package io.packetstream.agent.publish;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.packetstream.core.redis.RedisConnection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Holds an append's acknowledgement back until a replica has it too: on a Redis Cluster whose master of the
 * shard has replicas, a {@code WAIT 1 <timeout>} goes out right behind the publish script on the same socket. An
 * append a master acknowledged and then lost in a failover (promoted replica without it) would otherwise count as
 * published; held back, it fails and is sent again with its sequence number, which the new master either lacks
 * (appended again) or has (a duplicate, counted once).
 */
final class ReplicaAck {

    /** An append no replica acknowledged in time; retried like an outage. */
    static final class NotReplicatedException extends RedisException {
        NotReplicatedException(String message) {
            super(message);
        }
    }

    private final Duration timeout;

    /** @param timeout how long WAIT may take; zero sends no WAIT */
    ReplicaAck(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * @param stream the shard stream the script appended to (WAIT goes to its master)
     * @return the script's reply once a replica acknowledged it; failed with {@link NotReplicatedException} when
     * none did within the timeout, or with the script's own error, unwrapped
     */
    CompletionStage<List<Object>> after(RedisConnection connection, String stream, RedisFuture<List<Object>> reply) {
        if (timeout.isZero() || connection.replicasOf(stream) == 0) {
            return reply;
        }
        RedisFuture<Long> acknowledged = connection.waitForReplicas(stream, 1, timeout);
        CompletableFuture<List<Object>> result = new CompletableFuture<>();
        reply.whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            acknowledged.whenComplete((replicas, waitError) -> {
                try {
                    if (waitError != null) {
                        result.completeExceptionally(waitError);
                    } else if (replicas < 1 && counts(value)) {
                        result.completeExceptionally(new NotReplicatedException("no replica of the master of "
                                + stream + " acknowledged the append within " + timeout));
                    } else {
                        result.complete(value);
                    }
                } catch (RuntimeException e) { // a reply the script cannot give: the sender reports it
                    result.completeExceptionally(e);
                }
            });
        });
        return result;
    }

    /** @return true for a reply that would count the batch as published (not out of order, not refused) */
    private static boolean counts(List<Object> reply) {
        PublishScript.Outcome outcome = PublishScript.reply(reply).outcome();
        return outcome == PublishScript.Outcome.APPENDED || outcome == PublishScript.Outcome.DUPLICATE;
    }
}
