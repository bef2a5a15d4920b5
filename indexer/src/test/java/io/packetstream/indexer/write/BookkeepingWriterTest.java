package io.packetstream.indexer.write;

import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.packetstream.indexer.write.TestPackets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BookkeepingWriterTest {

    private final KeySchema keys = new KeySchema("t");

    @Test
    void recordsSensorsHoursAndTheMicrosecondRangeAndCount() {
        var ip = icmp("10.0.0.1", "10.0.0.2");
        long later = T0 + 3600 * CaptureTime.NANOS_PER_SECOND + 123_456_789;
        var out = emit(new BookkeepingWriter(keys, 0),
                new IndexedPacket("s1", 1, later, 60, ip),
                new IndexedPacket("s1", 1, T0 + 1_999, 60, ip),
                new IndexedPacket("s2", 1, T0 + 5_000, 60, ip));

        long hour = Math.floorDiv(CaptureTime.epochMinute(T0), 60);
        assertEquals(keys.hours(0, "s1"), out.get(0).key());
        assertEquals(List.of("" + hour, "" + hour, "" + (hour + 1), "" + (hour + 1)), texts(out.get(0)));
        assertEquals(keys.hours(0, "s2"), out.get(1).key());
        assertEquals(keys.sensors(0), out.get(2).key());
        assertEquals(List.of("s1", "s2"), texts(out.get(2)));
        assertEquals(keys.meta(0), out.get(3).key());
        assertEquals(WriteOp.META, out.get(3).op());
        assertEquals(List.of("" + (T0 / 1000 + 1), "" + CaptureTime.micros(later), "3"), texts(out.get(3)));
    }

    @Test
    void writesNothingWithoutPackets() {
        assertTrue(emit(new BookkeepingWriter(keys, 0)).isEmpty());
    }
}
