package io.packetstream.core.redis;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static io.packetstream.core.redis.StreamIdTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsumerGroupInfoTest {

    // the XINFO GROUPS example of the Redis 7 documentation, as RawReply hands it out
    private static final List<Object> REDIS_7 = List.of(
            List.of(bytes("name"), bytes("mygroup"), bytes("consumers"), 2L, bytes("pending"), 2L,
                    bytes("last-delivered-id"), bytes("1638126030001-0"), bytes("entries-read"), 2L,
                    bytes("lag"), 0L),
            List.of(bytes("name"), bytes("some-other-group"), bytes("consumers"), 1L, bytes("pending"), 0L,
                    bytes("last-delivered-id"), bytes("1638126028070-0"), bytes("entries-read"), 1L,
                    bytes("lag"), 1L));

    @Test
    void theNamedGroupIsFoundAmongOthers() {
        assertEquals(Optional.of(new ConsumerGroupInfo("some-other-group", 0, new StreamId(1638126028070L, 0),
                OptionalLong.of(1))), ConsumerGroupInfo.find(REDIS_7, "some-other-group"));
        assertEquals(Optional.of(new ConsumerGroupInfo("mygroup", 2, new StreamId(1638126030001L, 0),
                OptionalLong.of(0))), ConsumerGroupInfo.find(REDIS_7, "mygroup"));
        assertEquals(Optional.empty(), ConsumerGroupInfo.find(REDIS_7, "nobody"));
    }

    @Test
    void redis62HasNoLagAndANilLagIsUnknown() {
        List<Object> redis62 = List.of(List.of(bytes("name"), bytes("g"), bytes("consumers"), 0L,
                bytes("pending"), 0L, bytes("last-delivered-id"), bytes("0-0")));
        assertEquals(Optional.of(new ConsumerGroupInfo("g", 0, StreamId.MIN, OptionalLong.empty())),
                ConsumerGroupInfo.find(redis62, "g"));
        List<Object> nilLag = List.of(Arrays.asList(bytes("name"), bytes("g"), bytes("pending"), 3L,
                bytes("last-delivered-id"), bytes("5-1"), bytes("lag"), null));
        assertEquals(Optional.of(new ConsumerGroupInfo("g", 3, new StreamId(5, 1), OptionalLong.empty())),
                ConsumerGroupInfo.find(nilLag, "g"));
    }
}
