package io.packetstream.query.live;

import io.packetstream.core.redis.StreamId;
import io.packetstream.query.live.ChangeCursor.Position;
import io.packetstream.query.read.Question;
import io.packetstream.query.read.QueryResult.PacketMatch;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where a subscription's changes come from: the shards' change streams (read directly, or followed through the
 * instance's shared tailers) and, for question 5, the packet streams. {@link RedisChangeSource} in service; fakes
 * in the tests of the subscription pipeline.
 */
interface ChangeSource {

    /** @return the position just after the newest entry of the shard's change stream, {@link Position#START} when empty */
    Mono<Position> head(int shard);

    /** @return what the shard's change stream holds and has lost to trimming */
    Mono<ChangeRetention> retention(int shard);

    /**
     * @param from      where to start
     * @param inclusive whether the entry {@code from} itself is wanted
     * @return pages of the entries from there to the end of the stream as it is when the last page is read; a
     * page is read only once the previous one is consumed
     */
    Flux<java.util.List<ChangeEntry>> pages(int shard, StreamId from, boolean inclusive);

    /**
     * @return the shard's live feed, hot: {@link TailSignal.Ready} once (see there), then every entry the tailer
     * reads from then on, published whatever the demand, so subscribe with an unbounded request
     */
    Flux<TailSignal> tail(int shard);

    /** @return question 5's matches among the packets of one packet-stream entry, in entry order */
    Flux<PacketMatch> packets(int shard, StreamId entry, Question.Containing question);
}
