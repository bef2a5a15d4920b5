package io.packetstream.query.read;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.StreamId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads big Redis structures in bounded pieces: a set or hash up to a size limit in one command (SMEMBERS,
 * HGETALL: the least work for Redis per element, and one round trip), bigger ones a page at a time ({@code COUNT}
 * on every read), fetching the next page only when the previous one has been consumed and more is wanted.
 */
final class RedisPages {

    private RedisPages() {
    }

    /**
     * @param wholeLimit the largest set read in one SMEMBERS; a bigger one is read in SSCAN pages
     * @return every member of a set, in replies of many members each (members may repeat across SSCAN pages, as
     * SSCAN promises no more)
     */
    static Flux<ReplyStrings> setMembers(RedisClusterReactiveCommands<String, byte[]> redis, String key, long wholeLimit,
                                         int count) {
        return redis.scard(key).flatMapMany(size -> {
            if (size == 0) {
                return Flux.empty();
            }
            if (size <= wholeLimit) {
                return read(redis, CommandType.SMEMBERS, new CommandArgs<>(RedisConnections.CODEC).addKey(key), false);
            }
            return scanPages(redis, CommandType.SSCAN, key, count);
        });
    }

    /**
     * @param wholeLimit the largest hash read in one HGETALL; a bigger one is read in HSCAN pages
     * @return every field and value of a hash, in turn ({@code field, value, field, value…}), in replies of many
     * fields each; fields are raw bytes because the connection's codec would decode them as text
     */
    static Flux<ReplyStrings> hashEntries(RedisClusterReactiveCommands<String, byte[]> redis, String key, long wholeLimit,
                                          int count) {
        return redis.hlen(key).flatMapMany(size -> {
            if (size == 0) {
                return Flux.empty();
            }
            if (size <= wholeLimit) {
                return read(redis, CommandType.HGETALL, new CommandArgs<>(RedisConnections.CODEC).addKey(key), false);
            }
            return scanPages(redis, CommandType.HSCAN, key, count);
        });
    }

    /**
     * SSCAN or HSCAN from cursor 0 to its end, the next page fetched only once the previous one was consumed.
     * Redis spends several times more per element on a scan than on SMEMBERS or HGETALL, so scans are kept for
     * structures too big for one command.
     */
    private static Flux<ReplyStrings> scanPages(RedisClusterReactiveCommands<String, byte[]> redis, CommandType scan,
                                                String key, int count) {
        return scan(redis, scan, key, "0", count)
                .expand(page -> page.cursor().equals("0") ? Mono.empty() : scan(redis, scan, key, page.cursor(), count));
    }

    private static Mono<ReplyStrings> scan(RedisClusterReactiveCommands<String, byte[]> redis, CommandType scan, String key,
                                           String cursor, int count) {
        return read(redis, scan, new CommandArgs<>(RedisConnections.CODEC).addKey(key).add(cursor).add("COUNT")
                .add(count), true).next();
    }

    private static Flux<ReplyStrings> read(RedisClusterReactiveCommands<String, byte[]> redis, CommandType command,
                                           CommandArgs<String, byte[]> args, boolean scan) {
        return redis.dispatch(command, new ReplyStrings.Output(scan), args);
    }

    /** @return the members of a sorted set between two members (inclusive), a ZRANGEBYLEX page at a time */
    static Flux<List<byte[]>> lexRangePages(RedisClusterReactiveCommands<String, byte[]> redis, String key, byte[] from,
                                            byte[] to, int count) {
        Limit limit = Limit.create(0, count);
        return redis.zrangebylex(key, Range.create(from, to), limit).collectList()
                .expand(page -> page.size() < count ? Mono.empty()
                        : redis.zrangebylex(key, Range.from(Range.Boundary.excluding(page.get(page.size() - 1)),
                        Range.Boundary.including(to)), limit).collectList());
    }

    /**
     * @return the entries from {@code start} to {@code end} (an id, or {@code +}), by XRANGE pages of
     * {@code count}; a page is fetched only when the previous one was consumed
     */
    static Flux<List<StreamMessage<String, byte[]>>> streamPages(RedisClusterReactiveCommands<String, byte[]> redis,
                                                                  String key, StreamId start, String end, int count) {
        Limit limit = Limit.from(count);
        return xrange(redis, key, start, end, limit)
                .expand(page -> page.size() < count ? Mono.empty()
                        : xrange(redis, key, StreamId.parse(page.get(page.size() - 1).getId()).next(), end, limit));
    }

    private static Mono<List<StreamMessage<String, byte[]>>> xrange(RedisClusterReactiveCommands<String, byte[]> redis,
                                                                    String key, StreamId start, String end, Limit limit) {
        Range<String> range = Range.create(start.toString(), end);
        if ("+".equals(end)) {
            range = Range.from(Range.Boundary.including(start.toString()), Range.Boundary.unbounded());
        }
        return redis.xrange(key, range, limit).collectList();
    }

    /** @return a reply element as text: Lettuce hands out bulk strings as the codec's value type */
    static String text(Object element) {
        if (element instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(element);
    }
}
