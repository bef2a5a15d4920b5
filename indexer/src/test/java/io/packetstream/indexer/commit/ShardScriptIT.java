package io.packetstream.indexer.commit;

import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.protocol.CommandType;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.indexer.IndexerFixture;
import io.packetstream.indexer.write.DeadLetter;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.packetstream.indexer.IndexerFixture.bytes;
import static io.packetstream.indexer.IndexerFixture.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Walks every op of {@code shard.lua}, as {@link ShardCall} lays out its arguments, against a real Redis. */
class ShardScriptIT {

    private final IndexerFixture fx = new IndexerFixture(TestRedis.shared().uri());
    private final Pipeline pipeline = new Pipeline(fx.connect(), Duration.ofSeconds(10));
    private final ShardScript mine = new ShardScript(pipeline, fx.keys, 0, "me");
    private final ShardScript theirs = new ShardScript(pipeline, fx.keys, 0, "them");
    private final String lease = fx.keys.lease(0);

    @AfterEach
    void close() {
        pipeline.close();
        fx.close();
    }

    @Test
    void theLeaseIsTakenWhenFreeRenewedOnlyByItsHolderAndGivenUpOnlyByItsHolder() {
        assertEquals(1, mine.run(new ShardCall.TakeLease(Duration.ofSeconds(30))));
        assertEquals("me", text(fx.redis().get(lease)));
        assertTrue(fx.redis().pttl(lease) > 29_000);
        assertEquals(0, theirs.run(new ShardCall.TakeLease(Duration.ofSeconds(30))), "held by another");
        assertEquals(1, mine.run(new ShardCall.TakeLease(Duration.ofSeconds(60))), "taken again by its holder");
        assertTrue(fx.redis().pttl(lease) > 59_000);

        assertEquals(0, theirs.run(new ShardCall.KeepLease(Duration.ofSeconds(5))));
        assertEquals(1, mine.run(new ShardCall.KeepLease(Duration.ofSeconds(5))));
        assertTrue(fx.redis().pttl(lease) <= 5_000);

        assertEquals(0, theirs.run(new ShardCall.ReleaseLease()));
        assertEquals("me", text(fx.redis().get(lease)));
        assertEquals(1, mine.run(new ShardCall.ReleaseLease()));
        assertEquals(0, fx.redis().exists(lease));
        assertEquals(0, mine.run(new ShardCall.KeepLease(Duration.ofSeconds(5))),
                "a lease that ran out is never renewed, only taken again");
    }

    @Test
    void aJournalIsStoredAndAcknowledgedOnlyByTheHolderAndOnlyOnce() {
        String stream = fx.keys.stream(0);
        fx.redis().xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), KeySchema.CONSUMER_GROUP,
                XGroupCreateArgs.Builder.mkstream());
        String good = fx.redis().xadd(stream, Map.of("s", bytes("s1"), "p", bytes("x")));
        String bad = fx.redis().xadd(stream, Map.of("s", bytes("s1")));
        fx.redis().xreadgroup(Consumer.from(KeySchema.CONSUMER_GROUP, "me"), XReadArgs.StreamOffset.lastConsumed(stream));
        Journal journal = new Journal(good, List.of(good, bad),
                List.of(new DeadLetter(bad, DeadLetter.MISSING_FIELD, "no 'p' field", bytes("s1"), new byte[0])),
                List.of(new RedisWrite(CommandType.SADD, fx.keys.sensors(0), List.of(bytes("s1")))));
        ShardCall.Acknowledge ack = new ShardCall.Acknowledge(journal, KeySchema.CONSUMER_GROUP, 3600, 1000);

        ShardCall.StoreJournal whole = ShardCall.StoreJournal.of(journal).get(0);
        assertEquals(0, mine.run(whole), "no lease, no journal");
        assertEquals(0, fx.redis().exists(fx.keys.journal(0)));
        mine.run(new ShardCall.TakeLease(Duration.ofSeconds(30)));
        assertEquals(1, mine.run(whole));
        Map<String, byte[]> stored = fx.redis().hgetall(fx.keys.journal(0));
        assertEquals(Map.of("b", good, "n", "1"), Map.of("b", text(stored.get("b")), "n", text(stored.get("n"))));
        assertArrayEquals(journal.encode(), Journal.decode(stored.get("w")).encode());

        assertEquals(0, theirs.run(ack), "only the holder acknowledges");
        assertEquals(2, fx.redis().xpending(stream, KeySchema.CONSUMER_GROUP).getCount());
        assertEquals(1, mine.run(ack));
        assertEquals(0, fx.redis().xpending(stream, KeySchema.CONSUMER_GROUP).getCount());
        assertEquals(0, fx.redis().exists(fx.keys.journal(0)));
        List<StreamMessage<String, byte[]>> dead = fx.redis().xrange(fx.keys.deadLetters(0), Range.create("-", "+"));
        assertEquals(1, dead.size());
        assertEquals(bad, text(dead.get(0).getBody().get("id")));
        assertEquals("missing_field: no 'p' field", text(dead.get(0).getBody().get("reason")));
        assertTrue(fx.redis().ttl(fx.keys.deadLetters(0)) > 3500);

        assertEquals(2, mine.run(ack), "a second acknowledgement (a re-sent reply) changes nothing");
        assertEquals(1, fx.redis().xlen(fx.keys.deadLetters(0)));
    }

    @Test
    void aLargeJournalIsStoredInShortPartsAndNamedOnlyWhenEveryPartIsThere() {
        Journal journal = new Journal("1-0", List.of("1-0"), List.of(), List.of(new RedisWrite(CommandType.HSET,
                fx.keys.meta(0), List.of(bytes("big"), new byte[2 * ShardCall.StoreJournal.MAX_BYTES + 10]))));
        List<ShardCall.StoreJournal> parts = ShardCall.StoreJournal.of(journal);
        assertEquals(List.of("w", "w2", "w3"), parts.stream().map(ShardCall.StoreJournal::field).toList());
        assertTrue(parts.stream().allMatch(p -> p.bytes().length <= ShardCall.StoreJournal.MAX_BYTES));
        mine.run(new ShardCall.TakeLease(Duration.ofSeconds(30)));

        assertEquals(1, mine.run(parts.get(0)));
        assertEquals(1, mine.run(parts.get(1)));
        assertEquals(null, fx.redis().hget(fx.keys.journal(0), "b"), "not committed before its last part");
        assertEquals(1, mine.run(parts.get(2)));
        assertEquals("1-0", text(fx.redis().hget(fx.keys.journal(0), "b")));
        assertEquals("3", text(fx.redis().hget(fx.keys.journal(0), "n")));
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        parts.forEach(p -> joined.writeBytes(fx.redis().hget(fx.keys.journal(0), p.field())));
        assertArrayEquals(journal.encode(), joined.toByteArray());

        fx.redis().del(fx.keys.journal(0));
        mine.run(parts.get(0));
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> mine.run(parts.get(2)), "its middle part was lost");
        assertTrue(e.getMessage().contains("the journal of 1-0 lacks parts"), e.getMessage());
        assertEquals(null, fx.redis().hget(fx.keys.journal(0), "b"));
    }

    @Test
    void anUnknownOpIsAnError() {
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class, () -> pipeline.eval(
                ShardScript.SCRIPT, new String[]{lease, fx.keys.journal(0), fx.keys.stream(0), fx.keys.deadLetters(0)},
                List.of(bytes("Z"), bytes("me"))));
        assertTrue(e.getMessage().contains("unknown op Z"), e.getMessage());
    }

    @Test
    void aJournalSurvivesItsEncoding() {
        Journal journal = new Journal("1-0", List.of("1-0", "1-1"),
                List.of(new DeadLetter("1-1", DeadLetter.UNREADABLE, "version 9", bytes("s"), new byte[]{0, -1, 7})),
                List.of(new RedisWrite(CommandType.HSET, "k", List.of(new byte[]{0, 1, -128}, bytes("v"))),
                        new RedisWrite(CommandType.EXPIRE, "k", List.of(bytes("60")))));
        Journal back = Journal.decode(journal.encode());
        assertEquals(journal.batchId(), back.batchId());
        assertEquals(journal.entryIds(), back.entryIds());
        assertEquals(journal.deadLetters().get(0).detail(), back.deadLetters().get(0).detail());
        assertEquals(List.of(0, 1, -128), java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> (int) back.writes().get(0).args().get(0)[i]).toList());
        assertThrows(IllegalArgumentException.class, () -> Journal.decode(new byte[]{9, 0}));
        byte[] cut = journal.encode();
        assertThrows(IllegalArgumentException.class, () -> Journal.decode(java.util.Arrays.copyOf(cut, cut.length - 3)));
    }

    @Test
    void writesRunOnlyUnderTheLeaseAndEachRefusalIsReportedInPlace() {
        String hash = fx.keys.meta(0);
        String set = fx.keys.namespace() + ":{0}:set";
        String changes = fx.keys.changes(0);
        fx.redis().set(set, bytes("a string where a set belongs"));
        ShardCall.Write write = new ShardCall.Write(List.of(
                new RedisWrite(CommandType.HSET, hash, List.of(bytes("packets"), bytes("7"))),
                new RedisWrite(CommandType.SADD, set, List.of(bytes("m"))),
                new RedisWrite(CommandType.XADD, changes, List.of(bytes("5-1"), bytes("0"), bytes("x"))),
                new RedisWrite(CommandType.EXPIRE, hash, List.of(bytes("60")))));
        pipeline.load(ShardScript.SCRIPT);

        assertEquals(1, theirs.run(new ShardCall.TakeLease(Duration.ofSeconds(30))));
        assertEquals(0L, reply(mine, write), "not the holder: nothing written");
        assertEquals(0, fx.redis().exists(hash, changes));

        assertEquals(1, theirs.run(new ShardCall.ReleaseLease()));
        assertEquals(1, mine.run(new ShardCall.TakeLease(Duration.ofSeconds(30))));
        List<?> refused = (List<?>) reply(mine, write);
        assertEquals(1L, refused.get(0));
        assertEquals(2L, refused.get(1), "the second write, 1-based");
        assertTrue(text((byte[]) refused.get(2)).startsWith("WRONGTYPE"), text((byte[]) refused.get(2)));
        assertEquals(3, refused.size(), "the others applied");
        assertEquals("7", text(fx.redis().hget(hash, "packets")));
        assertEquals(1, fx.redis().xlen(changes));
        assertTrue(fx.redis().ttl(hash) > 0);

        List<?> again = (List<?>) reply(mine, write);
        assertEquals(5, again.size(), "applied twice: the change entry is already there");
        assertTrue(text((byte[]) again.get(4)).contains("equal or smaller"), text((byte[]) again.get(4)));
    }

    @Test
    void writesAreSplitIntoShortCallsInOrder() {
        List<RedisWrite> writes = new java.util.ArrayList<>();
        for (int i = 0; i < 70; i++) {
            writes.add(new RedisWrite(CommandType.SADD, "k" + (i % 3), List.of(bytes("m" + i))));
        }
        writes.add(new RedisWrite(CommandType.HSET, "big", java.util.Collections.nCopies(500, bytes("f"))));
        writes.add(new RedisWrite(CommandType.SADD, "k0", List.of(bytes("last"))));
        List<ShardCall.Write> calls = ShardCall.Write.split(writes);
        // 32 writes a call at most, and a write that would pass 256 arguments starts a call of its own
        assertEquals(List.of(32, 32, 6, 1, 1), calls.stream().map(c -> c.writes().size()).toList());
        assertEquals(writes, calls.stream().flatMap(c -> c.writes().stream()).toList());
        assertEquals(List.of("k0", "k1", "k2"), calls.get(0).keys());
    }

    private Object reply(ShardScript script, ShardCall call) {
        var f = script.send(call);
        pipeline.sync();
        return Pipeline.value(f);
    }
}
