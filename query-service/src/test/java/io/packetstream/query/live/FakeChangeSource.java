package io.packetstream.query.live;

import io.packetstream.core.redis.StreamId;
import io.packetstream.query.live.ChangeCursor.Position;
import io.packetstream.query.read.QueryResult.PacketMatch;
import io.packetstream.query.read.Question;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Change streams in memory, with a hot live feed per shard that behaves like {@link ShardTailer}: Ready on
 * subscription, then what is appended, published whatever the demand. No I/O.
 */
final class FakeChangeSource implements ChangeSource {

    private final int pageSize;
    private final List<List<ChangeEntry>> stored = new ArrayList<>();
    private final List<Sinks.Many<TailSignal>> feeds = new ArrayList<>();
    private final Map<StreamId, List<PacketMatch>> packets = new HashMap<>();
    final List<Sinks.EmitResult> emitResults = new CopyOnWriteArrayList<>();
    final AtomicInteger pagesRead = new AtomicInteger();
    private final Map<Integer, Long> removed = new java.util.concurrent.ConcurrentHashMap<>();

    FakeChangeSource(int shards, int pageSize) {
        this.pageSize = pageSize;
        for (int i = 0; i < shards; i++) {
            stored.add(new CopyOnWriteArrayList<>());
            feeds.add(Sinks.many().multicast().directBestEffort());
        }
    }

    /** Stores the entry without publishing it, as before anybody followed. */
    FakeChangeSource store(ChangeEntry entry) {
        stored.get(entry.shard()).add(entry);
        return this;
    }

    /** Stores the entry and publishes it to the live feed, as a commit followed by the tailer's read. */
    Sinks.EmitResult append(ChangeEntry entry) {
        stored.get(entry.shard()).add(entry);
        return publish(entry);
    }

    /** Publishes the entry only: a tailer handing on an entry a catch-up read has seen too. */
    Sinks.EmitResult publish(ChangeEntry entry) {
        Sinks.EmitResult result = feeds.get(entry.shard()).tryEmitNext(entry);
        emitResults.add(result);
        return result;
    }

    /** Drops stored entries before {@code id}, as MAXLEN trimming would, remembering the newest dropped. */
    void trimBefore(int shard, String id) {
        int before = stored.get(shard).size();
        stored.get(shard).removeIf(e -> e.id().compareTo(StreamId.parse(id)) < 0);
        removed.merge(shard, (long) (before - stored.get(shard).size()), Long::sum);
    }

    void packets(String entryId, List<PacketMatch> matches) {
        packets.put(StreamId.parse(entryId), matches);
    }

    int followers(int shard) {
        return feeds.get(shard).currentSubscriberCount();
    }

    @Override
    public Mono<Position> head(int shard) {
        List<ChangeEntry> s = stored.get(shard);
        return Mono.just(s.isEmpty() ? Position.START
                : new Position(s.get(s.size() - 1).id(), s.get(s.size() - 1).events().size()));
    }

    @Override
    public Mono<ChangeRetention> retention(int shard) {
        return Mono.just(new ChangeRetention(stored.get(shard).stream().findFirst().map(ChangeEntry::id),
                Optional.empty(), removed.getOrDefault(shard, 0L)));
    }

    @Override
    public Flux<List<ChangeEntry>> pages(int shard, StreamId from, boolean inclusive) {
        return Flux.defer(() -> {
            List<ChangeEntry> after = stored.get(shard).stream()
                    .filter(e -> inclusive ? e.id().compareTo(from) >= 0 : e.id().compareTo(from) > 0).toList();
            List<List<ChangeEntry>> pages = new ArrayList<>();
            for (int i = 0; i < after.size(); i += pageSize) {
                pages.add(after.subList(i, Math.min(after.size(), i + pageSize)));
            }
            return Flux.fromIterable(pages).doOnNext(p -> pagesRead.incrementAndGet());
        });
    }

    @Override
    public Flux<TailSignal> tail(int shard) {
        return Flux.merge(Integer.MAX_VALUE, feeds.get(shard).asFlux(), Mono.just(TailSignal.Ready.INSTANCE));
    }

    @Override
    public Flux<PacketMatch> packets(int shard, StreamId entry, Question.Containing question) {
        return Flux.fromIterable(packets.getOrDefault(entry, List.of()));
    }
}
