package io.packetstream.query;

import java.time.Duration;
import java.util.Objects;

/**
 * How live subscriptions ({@code text/event-stream}, NDJSON with {@code follow=true}) run. Immutable;
 * {@link #defaults()} and the {@code with…} copies.
 *
 * @param subscriberBuffer change events one subscriber may have waiting; one more and it gets {@code overflow}
 * @param heartbeat        how long a subscription may stay silent before it gets a heartbeat
 * @param changePage       change-stream entries per read (the COUNT of XREAD and of the catch-up XRANGE pages)
 * @param tailBlock        how long one XREAD of a shard's tailer waits for new entries; a tailer without
 *                         subscribers stops after at most this long
 */
public record SubscriptionOptions(int subscriberBuffer, Duration heartbeat, int changePage, Duration tailBlock) {

    public static final int DEFAULT_SUBSCRIBER_BUFFER = 1000;
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    /** A change entry holds up to 2,000 events (~100 kB): eight keep a catch-up read under a millisecond of Redis. */
    public static final int DEFAULT_CHANGE_PAGE = 8;
    public static final Duration DEFAULT_TAIL_BLOCK = Duration.ofSeconds(2);

    public SubscriptionOptions {
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(tailBlock, "tailBlock");
        if (subscriberBuffer < 1) {
            throw new IllegalArgumentException("subscriber buffer must be positive, was " + subscriberBuffer);
        }
        if (heartbeat.toMillis() < 1) {
            throw new IllegalArgumentException("heartbeat must be at least 1ms, was " + heartbeat);
        }
        if (changePage < 1) {
            throw new IllegalArgumentException("change page must be positive, was " + changePage);
        }
        if (tailBlock.toMillis() < 1 || tailBlock.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("tail block must be 1ms to 1min, was " + tailBlock);
        }
    }

    public static SubscriptionOptions defaults() {
        return new SubscriptionOptions(DEFAULT_SUBSCRIBER_BUFFER, DEFAULT_HEARTBEAT, DEFAULT_CHANGE_PAGE, DEFAULT_TAIL_BLOCK);
    }

    public SubscriptionOptions withSubscriberBuffer(int subscriberBuffer) {
        return new SubscriptionOptions(subscriberBuffer, heartbeat, changePage, tailBlock);
    }

    public SubscriptionOptions withHeartbeat(Duration heartbeat) {
        return new SubscriptionOptions(subscriberBuffer, heartbeat, changePage, tailBlock);
    }

    public SubscriptionOptions withChangePage(int changePage) {
        return new SubscriptionOptions(subscriberBuffer, heartbeat, changePage, tailBlock);
    }

    public SubscriptionOptions withTailBlock(Duration tailBlock) {
        return new SubscriptionOptions(subscriberBuffer, heartbeat, changePage, tailBlock);
    }
}
