package io.packetstream.query.read;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.decode.MalformedPacketException;
import io.packetstream.core.decode.PacketDecoder;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.record.ClockHeartbeat;
import io.packetstream.core.record.PacketBatchReader;
import io.packetstream.core.record.PacketId;
import io.packetstream.core.record.PacketRecord;
import io.packetstream.core.record.RecordFormatException;
import io.packetstream.core.record.StreamEntryFields;
import io.packetstream.core.redis.StreamId;
import io.packetstream.core.time.TimeRange;
import io.packetstream.query.QueryMeters;
import io.packetstream.query.read.QueryResult.PacketMatch;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Question 5: scans each shard's stream over the {@link EntryRange} of the asked times, a page of entries at a
 * time and only while results are wanted, decodes every packet and matches the sequence only inside its transport
 * payload. Shards are scanned in parallel and merged by capture time; the scan stops at the limit.
 *
 * <p>Decoding and matching run on the parallel scheduler, off Lettuce's and netty's event loops.
 */
final class PacketScanReader {

    private static final Comparator<ScanItem> BY_TIME = Comparator.comparingLong(ScanItem::timeNanos);

    /**
     * What a shard's scan emits: its matches, and after every page a marker carrying the newest capture time
     * scanned, so merging by time moves on while a shard finds nothing instead of waiting for its end.
     */
    private record ScanItem(long timeNanos, Optional<PacketMatch> match) {
    }

    private final KeySchema keys;
    private final int pageEntries;
    private final IndexFailures failures;
    private final Counter scanned;

    PacketScanReader(KeySchema keys, int pageEntries, IndexFailures failures, MeterRegistry registry) {
        this.keys = keys;
        this.pageEntries = pageEntries;
        this.failures = failures;
        this.scanned = QueryMeters.PACKETS_SCANNED.counter(registry);
    }

    Mono<Answer> answer(RedisClusterReactiveCommands<String, byte[]> redis, Topology topology, Question.Containing question) {
        TimeRange range = question.scope().range();
        return Flux.fromIterable(topology.shardList())
                .flatMapSequential(shard -> plan(redis, topology, shard, range, question.sensor().isPresent())
                        .map(r -> new ShardRange(shard, r)))
                .collectList()
                .map(plans -> {
                    ScanProgress progress = new ScanProgress();
                    Scan scan = new Scan(question, progress);
                    List<Flux<ScanItem>> shards = new ArrayList<>();
                    for (ShardRange p : plans) {
                        shards.add(scan(redis, p.shard(), p.range(), scan));
                    }
                    AtomicLong emitted = new AtomicLong();
                    Flux<QueryResult> results = merge(shards)
                            .<QueryResult>handle((item, sink) -> item.match().ifPresent(sink::next))
                            .take(question.limit())
                            .doOnNext(m -> {
                                if (emitted.incrementAndGet() == question.limit()) {
                                    progress.reachedLimit();
                                }
                            });
                    return new Answer(question, topology.shardList(),
                            range.isBounded() ? Optional.of(range) : Optional.empty(), results, progress);
                });
    }

    /** @return the matches of one entry of a shard's stream, off the event loops; empty when the entry is gone */
    Flux<PacketMatch> entry(RedisClusterReactiveCommands<String, byte[]> redis, int shard, StreamId entryId,
                            Question.Containing question) {
        Scan scan = new Scan(question, new ScanProgress());
        String id = entryId.toString();
        return redis.xrange(keys.stream(shard), io.lettuce.core.Range.create(id, id)).collectList()
                .publishOn(Schedulers.parallel())
                .flatMapIterable(page -> matches(shard, page, scan))
                .handle((item, sink) -> item.match().ifPresent(sink::next));
    }

    /** Merging reads ahead a little on every shard (it needs each one's next packet); one shard is not merged. */
    @SuppressWarnings("unchecked")
    private static Flux<ScanItem> merge(List<Flux<ScanItem>> shards) {
        if (shards.size() == 1) {
            return shards.get(0);
        }
        return Flux.mergeComparing(2, BY_TIME, shards.toArray(new Flux[0]));
    }

    private record ShardRange(int shard, EntryRange range) {
    }

    /** What every page of one answer's scan needs. */
    private record Scan(Question.Containing question, ScanProgress progress, PayloadSearch search,
                        Optional<byte[]> sensor) {
        Scan(Question.Containing question, ScanProgress progress) {
            this(question, progress, new PayloadSearch(question.sequence()),
                    question.sensor().map(s -> s.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * @param oneSensor true when the question names a sensor: then even over all time that sensor's own index bounds
     *                  the scan (an answer for a sensor with little traffic scanned every other sensor's entries)
     * @return the entries to scan on a shard, or empty when none can hold a packet of the range
     */
    private Mono<EntryRange> plan(RedisClusterReactiveCommands<String, byte[]> redis, Topology topology, int shard,
                                  TimeRange range, boolean oneSensor) {
        if (!range.isBounded() && !oneSensor) {
            return Mono.just(EntryRange.WHOLE_STREAM);
        }
        Mono<long[]> scores = Flux.fromIterable(topology.pairs()).filter(p -> p.shard() == shard)
                .flatMap(where -> SensorHours.read(redis, keys, where, range))
                .flatMap(hours -> Flux.fromIterable(hours.days()).flatMap(day -> Mono.zip(
                        minuteScores(redis, keys.packetTimes(shard, hours.where().sensor(), day, true), day, range)
                                .reduce(Math::min).defaultIfEmpty(Long.MAX_VALUE),
                        minuteScores(redis, keys.packetTimes(shard, hours.where().sensor(), day, false), day, range)
                                .reduce(Math::max).defaultIfEmpty(Long.MIN_VALUE))), 8)
                .reduce(new long[]{Long.MAX_VALUE, Long.MIN_VALUE},
                        (acc, t) -> new long[]{Math.min(acc[0], t.getT1()), Math.max(acc[1], t.getT2())});
        Mono<Freshness.Shard> freshness = Freshness.shard(redis, keys, shard);
        return Mono.zip(scores, freshness).flatMap(t -> {
            long[] s = t.getT1();
            Freshness.Shard f = t.getT2();
            OptionalLong first = s[0] == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(s[0]);
            OptionalLong last = s[1] == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(s[1]);
            boolean beyond = f.newestMicros().isEmpty() || range.to() > f.newestMicros().getAsLong() * 1000 + 999;
            StreamId unindexed = f.group().map(IndexerGroupState::firstUnindexed).orElse(StreamId.MIN);
            return Mono.justOrEmpty(EntryRange.of(range, first, last, beyond, unindexed));
        });
    }

    /** @return the scores of the members (minutes of the day) of one q5 zset that overlap the range */
    private Flux<Long> minuteScores(RedisClusterReactiveCommands<String, byte[]> redis, String key, long day, TimeRange range) {
        // at most 1440 members, one per minute of the day
        return redis.zrangeWithScores(key, 0, -1).handle((ScoredValue<byte[]> v, reactor.core.publisher.SynchronousSink<Long> sink) -> {
            try {
                long minute = day * 1440 + Long.parseLong(new String(v.getValue(), StandardCharsets.US_ASCII));
                if (minute >= range.firstMinute() && minute <= range.lastMinute()) {
                    sink.next((long) v.getScore());
                }
            } catch (NumberFormatException e) {
                failures.badMember("q5", key, new IllegalArgumentException("member is no minute of a day", e));
            }
        });
    }

    private Flux<ScanItem> scan(RedisClusterReactiveCommands<String, byte[]> redis, int shard, EntryRange range, Scan scan) {
        // no prefetch: the next page is read, and decoded, only once the previous page's matches are taken and
        // more are wanted
        return RedisPages.streamPages(redis, keys.stream(shard), range.start(), range.end(), pageEntries)
                .concatMap(page -> Mono.fromCallable(() -> matches(shard, page, scan))
                        .subscribeOn(Schedulers.parallel())
                        .flatMapIterable(matches -> matches), 0);
    }

    /** @return the page's matches in stream order, then the marker of the newest capture time scanned */
    private List<ScanItem> matches(int shard, List<StreamMessage<String, byte[]>> page, Scan scan) {
        List<ScanItem> out = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        long decoded = 0;
        for (StreamMessage<String, byte[]> entry : page) {
            byte[] sensor = entry.getBody().get(StreamEntryFields.SENSOR);
            byte[] payload = entry.getBody().get(StreamEntryFields.PACKETS);
            if (sensor == null || payload == null) {
                failures.badRecord(entry.getId(), new RecordFormatException("entry lacks field s or p"));
                continue;
            }
            if (scan.sensor().isPresent() && !Arrays.equals(sensor, scan.sensor().get())) {
                continue;
            }
            List<PacketRecord> packets;
            try {
                if (ClockHeartbeat.read(payload).isPresent()) {
                    continue; // a sensor's clock, no packets
                }
                packets = PacketBatchReader.read(payload);
            } catch (RecordFormatException e) {
                failures.badRecord(entry.getId(), e);
                continue;
            }
            String sensorName = new String(sensor, StandardCharsets.UTF_8);
            for (int i = 0; i < packets.size(); i++) {
                decoded++;
                PacketRecord p = packets.get(i);
                newest = Math.max(newest, p.timestampNanos());
                if (scan.question().scope().range().contains(p.timestampNanos())) {
                    match(shard, entry.getId(), i, sensorName, p, scan)
                            .ifPresent(m -> out.add(new ScanItem(m.timeNanos(), Optional.of(m))));
                }
            }
        }
        scanned.increment(decoded);
        scan.progress().scanned(decoded);
        if (newest != Long.MIN_VALUE) {
            out.add(new ScanItem(newest, Optional.empty()));
        }
        return out;
    }

    private Optional<PacketMatch> match(int shard, String entryId, int index, String sensor, PacketRecord p,
                                        Scan scan) {
        int frameEnd = p.offset() + p.capturedLength();
        // a frame without the sequence anywhere cannot hold it in its payload: skip decoding it
        if (!scan.search().foundIn(p.data(), p.offset(), frameEnd)) {
            return Optional.empty();
        }
        Optional<IpPacket> decoded;
        try {
            decoded = PacketDecoder.decode(p.linkType(), p.data(), p.offset(), p.capturedLength());
        } catch (MalformedPacketException e) {
            failures.badPacket(e.reason().tag());
            return Optional.empty();
        }
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        IpPacket ip = decoded.get();
        int from = Math.max(ip.payloadOffset(), p.offset());
        int to = Math.min(ip.payloadOffset() + ip.payloadLength(), frameEnd);
        if (from >= to || !scan.search().foundIn(p.data(), from, to)) {
            return Optional.empty();
        }
        return Optional.of(new PacketMatch(new PacketId(shard, entryId, index), p.timestampNanos(), sensor,
                ip.protocol(), new Endpoint(ip.src(), ip.srcPort()), new Endpoint(ip.dst(), ip.dstPort()),
                p.originalLength(), p.linkType(), Arrays.copyOfRange(p.data(), p.offset(), frameEnd)));
    }
}
