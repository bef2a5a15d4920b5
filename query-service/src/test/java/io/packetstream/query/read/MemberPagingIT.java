package io.packetstream.query.read;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.core.time.TimeRange;
import io.packetstream.query.fixture.IndexFixture;
import io.packetstream.query.fixture.TestPacket;
import io.packetstream.query.read.QueryResult.Host;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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
}
