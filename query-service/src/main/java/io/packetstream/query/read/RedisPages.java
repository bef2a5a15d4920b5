package io.packetstream.query.read;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.ValueScanCursor;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.packetstream.core.redis.RedisConnections;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads big Redis structures a page at a time ({@code COUNT} on every read), fetching the next page only when
 * the previous one has been consumed and more is wanted.
 */
final class RedisPages {

    private RedisPages() {
    }

    /**
     * @return every member of a set, a SSCAN page at a time (members may repeat, as SSCAN promises no more); pages,
     * not members, so that big sets cost one signal per page rather than one per member
     */
    static Flux<List<byte[]>> setMemberPages(RedisReactiveCommands<String, byte[]> redis, String key, int count) {
        ScanArgs args = ScanArgs.Builder.limit(count);
        return redis.sscan(key, args)
                .expand(c -> c.isFinished() ? Mono.empty() : redis.sscan(key, ScanCursor.of(c.getCursor()), args))
                .map(ValueScanCursor::getValues);
    }

    /** @return the members of a sorted set between two members (inclusive), a ZRANGEBYLEX page at a time */
    static Flux<List<byte[]>> lexRangePages(RedisReactiveCommands<String, byte[]> redis, String key, byte[] from,
                                            byte[] to, int count) {
        Limit limit = Limit.create(0, count);
        return redis.zrangebylex(key, Range.create(from, to), limit).collectList()
                .expand(page -> page.size() < count ? Mono.empty()
                        : redis.zrangebylex(key, Range.from(Range.Boundary.excluding(page.get(page.size() - 1)),
                        Range.Boundary.including(to)), limit).collectList());
    }

    /**
     * @return every field and value of a hash as {@code [field, value]} pairs, a HSCAN page at a time; fields are
     * read as raw bytes because the connection's codec would decode them as text
     */
    static Flux<List<byte[][]>> hashEntryPages(RedisReactiveCommands<String, byte[]> redis, String key, int count) {
        return hscan(redis, key, "0", count)
                .expand(page -> page.cursor().equals("0") ? Mono.empty() : hscan(redis, key, page.cursor(), count))
                .map(HashPage::entries);
    }

    /**
     * @return the entries from {@code start} to {@code end} (an id, or {@code +}), by XRANGE pages of
     * {@code count}; a page is fetched only when the previous one was consumed
     */
    static Flux<List<StreamMessage<String, byte[]>>> streamPages(RedisReactiveCommands<String, byte[]> redis,
                                                                  String key, StreamId start, String end, int count) {
        Limit limit = Limit.from(count);
        return xrange(redis, key, start, end, limit)
                .expand(page -> page.size() < count ? Mono.empty()
                        : xrange(redis, key, StreamId.parse(page.get(page.size() - 1).getId()).next(), end, limit));
    }

    private static Mono<List<StreamMessage<String, byte[]>>> xrange(RedisReactiveCommands<String, byte[]> redis,
                                                                    String key, StreamId start, String end, Limit limit) {
        Range<String> range = Range.create(start.toString(), end);
        if ("+".equals(end)) {
            range = Range.from(Range.Boundary.including(start.toString()), Range.Boundary.unbounded());
        }
        return redis.xrange(key, range, limit).collectList();
    }

    private record HashPage(String cursor, List<byte[][]> entries) {
    }

    private static Mono<HashPage> hscan(RedisReactiveCommands<String, byte[]> redis, String key, String cursor,
                                        int count) {
        CommandArgs<String, byte[]> args = new CommandArgs<>(RedisConnections.CODEC).addKey(key).add(cursor)
                .add("COUNT").add(count);
        return redis.<Object>dispatch(CommandType.HSCAN, new NestedMultiOutput<>(RedisConnections.CODEC), args)
                .collectList()
                .map(RedisPages::hashPage);
    }

    /** The HSCAN reply {@code [cursor, [field, value, …]]}, whether or not Lettuce dissolved the outer array. */
    private static HashPage hashPage(List<Object> reply) {
        List<?> outer = reply.size() == 1 && reply.get(0) instanceof List<?> l ? l : reply;
        if (outer.size() != 2 || !(outer.get(1) instanceof List<?> flat)) {
            throw new IllegalStateException("unexpected HSCAN reply " + reply);
        }
        List<byte[][]> entries = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            entries.add(new byte[][]{(byte[]) flat.get(i), (byte[]) flat.get(i + 1)});
        }
        return new HashPage(text(outer.get(0)), entries);
    }

    /** @return a reply element as text: Lettuce hands out bulk strings as the codec's value type */
    static String text(Object element) {
        if (element instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(element);
    }
}
