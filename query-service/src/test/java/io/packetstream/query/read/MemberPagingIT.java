package io.packetstream.query.read;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.core.time.TimeRange;
import io.packetstream.query.fixture.IndexFixture;
import io.packetstream.query.fixture.TestPacket;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.core.time.TimeBucket;
import io.packetstream.query.read.QueryResult.ActiveConnection;
import io.packetstream.query.read.QueryResult.Host;
import io.packetstream.query.read.QueryResult.OutsideTalker;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Big index members read a page at a time give the same answer as one read: lex pages of question 3 continue
 * after the last member (binary, IPv6 with 0xFF bytes), hash pages of question 1 decode binary fields intact.
 */
class MemberPagingIT {

    @Test
    void pagedReadsMissNothing() {
        String uri = TestRedis.shared().uri();
        KeySchema keys = new KeySchema("paging-" + UUID.randomUUID().toString().substring(0, 8));
        List<String> peers = new ArrayList<>();
        try (IndexFixture fixture = new IndexFixture(uri, keys)) {
            List<TestPacket> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String peer = "ffff::" + Integer.toHexString(0xfe00 + i);
                peers.add(peer);
                batch.add(TestPacket.tcp("2026-11-21T09:38:12." + String.format("%03d", i) + "Z", "s1", peer,
                        40000 + i, "fd00::80", 80, 0x02, new byte[0]));
                // another port of the same host, which the lex range must not take
                batch.add(TestPacket.tcp("2026-11-21T09:38:12." + String.format("%03d", i) + "Z", "s1", peer,
                        40000 + i, "fd00::80", 81, 0x02, new byte[0]));
            }
            fixture.add(0, batch);
        }
        try (RedisLink link = new RedisLink(RedisOptions.of(uri))) {
            IndexReader reader = new IndexReader(link, keys, 7, 1, 7, new SimpleMeterRegistry());
            Answer hosts = reader.answer(new Question.ConnectedTo(IpAddress.parse("fd00::80"), 80,
                    new Question.Scope(TimeRange.ALL, Optional.empty()))).block(Duration.ofSeconds(10));
            List<QueryResult> got = hosts.collectSorted().block(Duration.ofSeconds(10));
            assertEquals(peers.stream().map(p -> (QueryResult) new Host(IpAddress.parse(p))).toList(), got);

            Answer active = reader.answer(new Question.ActiveConnections(
                    OptionalLong.of(1_795_253_893_000_000_000L), Optional.empty())).block(Duration.ofSeconds(10));
            // 600 connections in second 12; the two whose only packet is at 12.000, exactly 1 s before t, are out
            assertEquals(598, active.collectSorted().block(Duration.ofSeconds(10)).size());
        }
    }

    /**
     * Answers read in dozens of SSCAN and HSCAN pages, over two shards and two sensors, equal what their packets
     * say, worked out here from the packets alone: question 6's hosts and peers, question 1's connections.
     */
    @Test
    void answersSpanningManyScanPagesEqualWhatThePacketsSay() {
        String uri = TestRedis.shared().uri();
        KeySchema keys = new KeySchema("paging-" + UUID.randomUUID().toString().substring(0, 8));
        Random random = new Random(11);
        long secondB = 1_795_253_893L;
        long t = secondB * CaptureTime.NANOS_PER_SECOND + 400_000_000L;
        Map<IpAddress, TreeSet<IpAddress>> talkers = new TreeMap<>();
        Map<List<Object>, Long> lastPacket = new HashMap<>(); // (protocol, dst, src) -> newest time in (t - 1 s, t]
        try (IndexFixture fixture = new IndexFixture(uri, keys)) {
            fixture.shards(2);
            for (int shard = 0; shard < 2; shard++) {
                for (String sensor : List.of("s1", "s2")) {
                    List<TestPacket> batch = new ArrayList<>();
                    for (int i = 0; i < 120; i++) {
                        boolean v6 = random.nextInt(4) == 0;
                        String local = v6 ? "fd00::" + Integer.toHexString(1 + random.nextInt(20))
                                : "10.0." + random.nextInt(3) + "." + random.nextInt(30);
                        String outside = v6 ? "2001:db8::" + Integer.toHexString(1 + random.nextInt(200))
                                : "203.0.113." + random.nextInt(200);
                        int localPort = 30000 + random.nextInt(20);
                        int service = random.nextBoolean() ? 443 : 53;
                        // in second B before t, in second A after t - 1 s, or before that (not active)
                        long nanos = (secondB - 1) * CaptureTime.NANOS_PER_SECOND + random.nextInt(1_400_000_000);
                        String time = CaptureTime.format(nanos);
                        boolean tcp = random.nextBoolean();
                        batch.add(tcp ? TestPacket.tcp(time, sensor, local, localPort, outside, service, 0x10, new byte[0])
                                : TestPacket.udp(time, sensor, local, localPort, outside, service, new byte[0]));
                        talkers.computeIfAbsent(IpAddress.parse(local), h -> new TreeSet<>()).add(IpAddress.parse(outside));
                        if (nanos > t - CaptureTime.NANOS_PER_SECOND && nanos <= t) {
                            // dst is the endpoint with the lower port: the service
                            lastPacket.merge(List.of(tcp ? IpPacket.TCP : IpPacket.UDP,
                                    new Endpoint(IpAddress.parse(outside), service),
                                    new Endpoint(IpAddress.parse(local), localPort)), nanos, Math::max);
                        }
                    }
                    fixture.add(shard, batch);
                }
            }
        }
        List<QueryResult> expectedTalkers = new ArrayList<>();
        talkers.forEach((host, peers) -> expectedTalkers.add(new OutsideTalker(host, List.copyOf(peers))));
        List<ActiveConnection> expectedActive = new ArrayList<>();
        lastPacket.forEach((c, nanos) -> expectedActive.add(new ActiveConnection((Integer) c.get(0),
                (Endpoint) c.get(2), (Endpoint) c.get(1), nanos)));
        expectedActive.sort(Comparator.comparing((ActiveConnection c) -> IpPacket.protocolName(c.protocol()))
                .thenComparing(ActiveConnection::dst).thenComparing(ActiveConnection::src));
        try (RedisLink link = new RedisLink(RedisOptions.of(uri))) {
            // pages of 7 members, 7 fields and values: sets and hashes over 7 are scanned, the others read whole
            IndexReader reader = new IndexReader(link, keys, 7, 1, 7, new SimpleMeterRegistry());
            Answer outside = reader.answer(new Question.TalkingOutside(Question.Scope.all()))
                    .block(Duration.ofSeconds(10));
            assertEquals(expectedTalkers, outside.collectSorted().block(Duration.ofSeconds(10)));
            Answer active = reader.answer(new Question.ActiveConnections(OptionalLong.of(t), Optional.empty()))
                    .block(Duration.ofSeconds(10));
            assertEquals(expectedActive, active.collectSorted().block(Duration.ofSeconds(10)));
        }
    }

    /**
     * Question 6 over buckets split into partitions by local host, plus the unpartitioned sets older indexers wrote
     * (until they expire): the answer is every pair of every partition and of the old set, as the packets say.
     */
    @Test
    void talkersOfEveryPartitionAndOfOlderUnpartitionedSetsAreAnswered() {
        String uri = TestRedis.shared().uri();
        KeySchema keys = new KeySchema("paging-" + UUID.randomUUID().toString().substring(0, 8));
        Map<IpAddress, TreeSet<IpAddress>> talkers = new TreeMap<>();
        String time = "2026-11-21T09:38:12Z";
        long epochMinute = CaptureTime.epochMinute(CaptureTime.parse(time));
        TimeBucket minute = TimeBucket.minute(epochMinute);
        try (IndexFixture fixture = new IndexFixture(uri, keys)) {
            List<TestPacket> batch = new ArrayList<>();
            for (int host = 0; host < 64; host++) {
                for (int peer = 0; peer < 5; peer++) {
                    String local = "10.0." + host + ".7";
                    String outside = "198.51.100." + (host + peer);
                    batch.add(TestPacket.udp(time, "s1", local, 5353, outside, 53, new byte[0]));
                    talkers.computeIfAbsent(IpAddress.parse(local), h -> new TreeSet<>()).add(IpAddress.parse(outside));
                }
            }
            fixture.add(0, batch);
            // an older indexer's sets of the same minute and hour: a pair also in a partition, another peer of a
            // host, a new host
            for (String[] pair : new String[][]{{"10.0.0.7", "198.51.100.0"}, {"10.0.1.7", "203.0.113.9"},
                    {"192.168.5.5", "203.0.113.9"}}) {
                IpAddress local = IpAddress.parse(pair[0]);
                IpAddress outside = IpAddress.parse(pair[1]);
                for (TimeBucket bucket : List.of(minute, TimeBucket.hour(Math.floorDiv(epochMinute, 60)))) {
                    fixture.redis().sadd(keys.outsideTalkersUnpartitioned(0, "s1", bucket).getBytes(StandardCharsets.UTF_8),
                            IndexMembers.hostPair(local, outside));
                }
                talkers.computeIfAbsent(local, h -> new TreeSet<>()).add(outside);
            }
            Set<Integer> partitions = new HashSet<>();
            for (int p = 0; p < KeySchema.OUTSIDE_TALKER_PARTITIONS; p++) {
                if (fixture.redis().exists(keys.outsideTalkers(0, "s1", minute, p).getBytes(StandardCharsets.UTF_8)) == 1) {
                    partitions.add(p);
                }
            }
            assertEquals(KeySchema.OUTSIDE_TALKER_PARTITIONS, partitions.size(), "the answer spans every partition");
        }
        List<QueryResult> expected = new ArrayList<>();
        talkers.forEach((host, peers) -> expected.add(new OutsideTalker(host, List.copyOf(peers))));
        try (RedisLink link = new RedisLink(RedisOptions.of(uri))) {
            IndexReader reader = new IndexReader(link, keys, 1000, 1, 16_384, new SimpleMeterRegistry());
            Answer outside = reader.answer(new Question.TalkingOutside(Question.Scope.all())).block(Duration.ofSeconds(10));
            assertEquals(expected, outside.collectSorted().block(Duration.ofSeconds(10)));
        }
    }
}
