package io.packetstream.indexer.write;

import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.packetstream.indexer.write.TestPackets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PacketTimesWriterTest {

    private final KeySchema keys = new KeySchema("t");

    @Test
    void keepsTheLowestAndHighestEntryMillisecondOfEveryMinute() {
        IpPacket ip = icmp("10.0.0.1", "10.0.0.2");
        long next = T0 + CaptureTime.NANOS_PER_MINUTE;
        PacketTimesWriter writer = new PacketTimesWriter(keys, 0);
        var out = emit(writer,
                new IndexedPacket("s1", 2000, T0, 60, ip),
                new IndexedPacket("s1", 1000, T0, 60, ip),
                new IndexedPacket("s1", 3000, T0, 60, ip),
                new IndexedPacket("s1", 2500, next, 60, ip));

        long day = Math.floorDiv(CaptureTime.epochMinute(T0), 1440);
        assertEquals(keys.packetTimes(0, "s1", day, true), out.get(0).key());
        assertEquals(WriteOp.SCORE_MIN, out.get(0).op());
        assertEquals(List.of("1000", "578", "2500", "579"), texts(out.get(0)));
        assertEquals(keys.packetTimes(0, "s1", day, false), out.get(1).key());
        assertEquals(WriteOp.SCORE_MAX, out.get(1).op());
        assertEquals(List.of("3000", "578", "2500", "579"), texts(out.get(1)));
    }
}
