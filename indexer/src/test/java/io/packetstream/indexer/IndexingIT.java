package io.packetstream.indexer;

import io.lettuce.core.Range;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.ActiveWindow;
import io.packetstream.core.index.Connection;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.core.time.TimeBucket;
import io.packetstream.indexer.commit.ChangeType;
import io.packetstream.testsupport.frames.Frames;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.packetstream.indexer.IndexerFixture.Frame.ethernet;
import static io.packetstream.indexer.IndexerFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexingIT {

    private static final IpAddress CLIENT = IpAddress.parse("10.0.0.1");
    private static final IpAddress SERVER = IpAddress.parse("172.16.9.33");
    private static final IpAddress TALKER = IpAddress.parse("10.10.0.11");
    private static final IpAddress OUTSIDE = IpAddress.parse("203.0.113.80");
    private static final IpAddress LOCAL6 = IpAddress.parse("fd00::1");
    private static final IpAddress OUTSIDE6 = IpAddress.parse("2001:db8::80");
    private static final IpAddress DNS = IpAddress.parse("8.8.8.8");
    private static final long T0 = CaptureTime.parse("2026-11-21T09:38:12.5Z");
    private static final long MS = 1_000_000;

    private final IndexerFixture fx = new IndexerFixture(TestRedis.shared().uri());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Indexer indexer;

    @AfterEach
    void close() {
        if (indexer != null) {
            indexer.close();
        }
        fx.close();
    }

    @Test
    void everyQuestionsStructureIsWrittenWithItsTtl() {
        byte[] get = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] arp = Frames.udp(CLIENT, 1, SERVER, 2, new byte[0]);
        arp[12] = 0x08;
        arp[13] = 0x06;
        byte[] cut = java.util.Arrays.copyOf(Frames.tcp(CLIENT, 1, SERVER, 2, 0x10, new byte[0]), 20);
        String first = fx.publish(0, "s1", List.of(
                ethernet(T0, Frames.tcp(CLIENT, 51515, SERVER, 80, 0x02, new byte[0])),
                ethernet(T0 + 100 * MS, Frames.tcp(SERVER, 80, CLIENT, 51515, 0x12, new byte[0])),
                ethernet(T0 + 200 * MS, Frames.tcp(CLIENT, 51515, SERVER, 80, 0x18, get)),
                ethernet(T0, arp)));
        String second = fx.publish(0, "s1", List.of(
                ethernet(T0 + 1000 * MS, Frames.udp(TALKER, 5353, OUTSIDE, 53, new byte[12])),
                ethernet(T0 + 1100 * MS, Frames.udp(LOCAL6, 5353, OUTSIDE6, 53, new byte[12])),
                ethernet(T0 + 1200 * MS, Frames.echoRequest(CLIENT, DNS, new byte[8])),
                ethernet(T0 + 1300 * MS, cut)));

        indexer = Indexer.start(IndexerFixture.fastOptions("it").retention(Duration.ofHours(1)).build(),
                fx.redisOptions, fx.keys, registry);
        assertTrue(indexer.awaitIdle(Duration.ofSeconds(20)));

        KeySchema k = fx.keys;
        var redis = fx.redis();
        long second0 = CaptureTime.epochSecond(T0);
        long minute = CaptureTime.epochMinute(T0);
        long hour = Math.floorDiv(minute, 60);
        long day = Math.floorDiv(minute, 1440);
        int minuteOfDay = (int) Math.floorMod(minute, 1440);

        // Q1: the TCP connection's first and last nanosecond within its second
        Map<byte[], byte[]> q1 = q1(k, second0);
        assertEquals(1, q1.size(), "the TCP connection; ICMP and UDP came a second later");
        Map.Entry<byte[], byte[]> only = q1.entrySet().iterator().next();
        Connection tcp = Connection.decode(only.getKey());
        assertEquals(new io.packetstream.core.index.Endpoint(SERVER, 80), tcp.server());
        assertEquals(new io.packetstream.core.index.Endpoint(CLIENT, 51515), tcp.client());
        assertEquals(new ActiveWindow(500_000_000, 700_000_000), ActiveWindow.decode(only.getValue()));
        assertEquals(3, q1(k, second0 + 1).size());

        // Q2: packets and original bytes per minute between the two hosts, both directions
        Map<String, byte[]> q2 = redis.hgetall(k.volume(0, "s1", CLIENT, SERVER, day));
        assertEquals("3", text(q2.get("p" + minuteOfDay)));
        assertEquals(Integer.toString(3 * 54 + get.length), text(q2.get("b" + minuteOfDay)));

        // Q3: hosts that talked to SERVER:80, by lex range, minute and hour buckets
        for (TimeBucket bucket : List.of(TimeBucket.minute(minute), TimeBucket.hour(hour))) {
            List<byte[]> peers = redis.zrangebylex(k.peers(0, "s1", bucket, SERVER),
                    Range.create(IndexMembers.peerPrefix(SERVER, 80), IndexMembers.peerPrefixEnd(SERVER, 80)));
            assertEquals(List.of(CLIENT), peers.stream().map(IndexMembers::peerOf).toList());
            List<byte[]> ofClient = redis.zrangebylex(k.peers(0, "s1", bucket, CLIENT),
                    Range.create(IndexMembers.peerPrefix(CLIENT, 51515), IndexMembers.peerPrefixEnd(CLIENT, 51515)));
            assertEquals(List.of(SERVER), ofClient.stream().map(IndexMembers::peerOf).toList());
        }

        // Q4: SYN to 80 and UDP to 53 count; the SYN-ACK to the client's port does not
        Set<String> services = redis.smembers(k.services(0, "s1", TimeBucket.minute(minute))).stream()
                .map(m -> IndexMembers.serviceOf(m).toString()).collect(Collectors.toSet());
        assertEquals(Set.of(svc(SERVER, 80), svc(OUTSIDE, 53), svc(OUTSIDE6, 53)), services);
        assertEquals(3, redis.scard(k.services(0, "s1", TimeBucket.hour(hour))));

        // Q5: the minute maps to the range of entries holding its packets
        assertEquals((double) millis(first), redis.zscore(k.packetTimes(0, "s1", day, true), IndexerFixture.bytes("" + minuteOfDay)));
        assertEquals((double) millis(second), redis.zscore(k.packetTimes(0, "s1", day, false), IndexerFixture.bytes("" + minuteOfDay)));

        // Q6: local hosts with their outside peers, each pair in its local host's partition
        Set<List<IpAddress>> pairs = new java.util.HashSet<>();
        for (int p = 0; p < KeySchema.OUTSIDE_TALKER_PARTITIONS; p++) {
            for (byte[] m : redis.smembers(k.outsideTalkers(0, "s1", TimeBucket.minute(minute), p))) {
                IpAddress[] pair = IndexMembers.hostPairOf(m);
                assertEquals(KeySchema.outsideTalkerPartition(pair[0]), p, List.of(pair).toString());
                pairs.add(List.of(pair));
            }
        }
        assertEquals(Set.of(List.of(TALKER, OUTSIDE), List.of(LOCAL6, OUTSIDE6), List.of(CLIENT, DNS)), pairs);

        // bookkeeping
        assertEquals(Set.of("s1"), redis.smembers(k.sensors(0)).stream().map(IndexerFixture::text).collect(Collectors.toSet()));
        assertEquals(List.of("" + hour), redis.zrange(k.hours(0, "s1"), 0, -1).stream().map(IndexerFixture::text).toList());
        Map<String, byte[]> meta = redis.hgetall(k.meta(0));
        assertEquals(Long.toString(CaptureTime.micros(T0)), text(meta.get("oldest")));
        assertEquals(Long.toString(CaptureTime.micros(T0 + 1200 * MS)), text(meta.get("newest")));
        assertEquals("6", text(meta.get("packets")));

        // retention: every index key has a TTL; the packet and change streams have none (trimming bounds them), the
        // lease lives as long as the lease, and no journal is left once every batch is acknowledged
        assertEquals(0, redis.exists(k.journal(0)));
        List<String> indexKeys = redis.keys(k.namespace() + ":{0}:*").stream()
                .filter(key -> !key.equals(k.stream(0)) && !key.equals(k.changes(0)) && !key.equals(k.lease(0)))
                .toList();
        assertTrue(indexKeys.size() >= 12, indexKeys.toString());
        for (String key : indexKeys) {
            long ttl = redis.ttl(key);
            assertTrue(ttl > 3500 && ttl <= 3600, key + " has TTL " + ttl);
        }
        assertEquals(-1, redis.ttl(k.stream(0)));
        assertEquals(-1, redis.ttl(k.changes(0)));
        assertTrue(redis.xlen(k.changes(0)) >= 1, "the batches' change events");
        assertEquals(0, redis.xlen(k.deadLetters(0)));

        // metrics
        assertEquals(6, count(IndexerMeters.PACKETS_INDEXED));
        assertEquals(2, count(IndexerMeters.ENTRIES_ACKED));
        assertEquals(1, registry.get(IndexerMeters.PACKETS_MALFORMED.meterName()).tag("reason", "truncated").counter().count());
        assertEquals(1, count(IndexerMeters.PACKETS_IGNORED));
        // change events by type, however the two entries were batched: four connections became active, the TCP
        // one ended at 13.7 s (last packet + 1 s), which the newest packet (13.7 s) reached; two entries indexed
        assertEquals(4, changeEvents(ChangeType.CONNECTION_ACTIVE));
        assertEquals(1, changeEvents(ChangeType.CONNECTION_INACTIVE));
        assertEquals(2, changeEvents(ChangeType.ENTRY));
        assertEquals(CaptureTime.micros(T0 + 1200 * MS) / 1e6,
                registry.get(IndexerMeters.NEWEST_INDEXED.meterName()).gauge().value(), 1e-6);
    }

    @Test
    void theChangeStreamsSizeIsReportedInBytes() throws InterruptedException {
        fx.publish(0, "s1", List.of(ethernet(T0, Frames.udp(TALKER, 5353, OUTSIDE, 53, new byte[12]))));
        indexer = Indexer.start(IndexerFixture.fastOptions("it").progress(Duration.ofMillis(50)).build(),
                fx.redisOptions, fx.keys, registry);
        assertTrue(indexer.awaitIdle(Duration.ofSeconds(20)));
        long stored = fx.redis().memoryUsage(fx.keys.changes(0));
        assertTrue(stored > 0);
        double reported = Double.NaN;
        for (int i = 0; i < 100 && !(reported > 0); i++) {
            Thread.sleep(50);
            reported = registry.get(IndexerMeters.CHANGE_STREAM_BYTES.meterName()).tag("shard", "0").gauge().value();
        }
        assertEquals(stored, reported, stored * 0.5, "what Redis says the change stream takes");
    }

    /** @return every question-1 window of a second, whatever its partition, each checked to be in its own */
    private Map<byte[], byte[]> q1(KeySchema k, long second) {
        Map<byte[], byte[]> all = new java.util.HashMap<>();
        for (int p = 0; p < KeySchema.CONNECTION_PARTITIONS; p++) {
            Map<byte[], byte[]> part = fx.binary().hgetall(IndexerFixture.bytes(k.activeConnections(0, "s1", second, p)));
            for (byte[] conn : part.keySet()) {
                assertEquals(p, KeySchema.connectionPartition(conn));
            }
            all.putAll(part);
        }
        return all;
    }

    private double changeEvents(ChangeType type) {
        return registry.get(IndexerMeters.CHANGE_EVENTS.meterName()).tag("type", type.tag()).counter().count();
    }

    private double count(IndexerMeters meter) {
        return registry.get(meter.meterName()).counter().count();
    }

    private static String svc(IpAddress host, int port) {
        return new io.packetstream.core.index.Endpoint(host, port).toString();
    }

    private static long millis(String entryId) {
        return Long.parseLong(entryId.substring(0, entryId.indexOf('-')));
    }
}
