package io.packetstream.query.live;

/**
 * What a shard's live feed hands a subscriber: change entries as the tailer reads them, and once, {@link Ready}.
 */
sealed interface TailSignal permits ChangeEntry, TailSignal.Ready {

    /**
     * The feed is subscribed and the tailer has fixed its position: every entry after that position reaches this
     * subscriber, and every entry up to it is already in Redis, so a catch-up read started now leaves no gap.
     */
    enum Ready implements TailSignal {
        INSTANCE
    }
}
