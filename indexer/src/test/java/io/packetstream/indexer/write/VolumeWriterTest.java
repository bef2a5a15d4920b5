package io.packetstream.indexer.write;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.packetstream.indexer.write.TestPackets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VolumeWriterTest {

    private final KeySchema keys = new KeySchema("t");

    @Test
    void sumsPacketsAndOriginalLengthsPerMinuteInBothDirections() {
        long minute = T0 - CaptureTime.nanoOfSecond(T0) - 12 * CaptureTime.NANOS_PER_SECOND; // 09:38:00
        var out = emit(new VolumeWriter(keys, 0),
                at(tcp("10.0.0.2", 80, "10.0.0.1", 1, 0x10), minute + 59 * CaptureTime.NANOS_PER_SECOND, 60),
                at(tcp("10.0.0.1", 1, "10.0.0.2", 80, 0x18), minute + 1, 1514),
                at(portless("10.0.0.1", "10.0.0.2", 17), minute + 2, 100), // host level: counts without ports
                at(tcp("10.0.0.1", 1, "10.0.0.2", 80, 0x18), minute + CaptureTime.NANOS_PER_MINUTE, 70));

        assertEquals(1, out.size(), "one key per host pair and day");
        KeyWrite w = out.get(0);
        long day = Math.floorDiv(CaptureTime.epochMinute(minute), 1440);
        assertEquals(keys.volume(0, "s1", IpAddress.parse("10.0.0.2"), IpAddress.parse("10.0.0.1"), day), w.key());
        assertEquals(WriteOp.HASH_INCREMENT, w.op());
        assertEquals(List.of("p578", "3", "b578", "1674", "p579", "1", "b579", "70"), texts(w));
        assertEquals(new ChangeTag.Totals("s1", IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.2"), day),
                w.changes(), "announced in the key's address order, whichever direction came first");
    }

    @Test
    void differentPairsAndDaysGetDifferentKeys() {
        var out = emit(new VolumeWriter(keys, 0),
                at(icmp("10.0.0.1", "10.0.0.2"), T0),
                at(icmp("10.0.0.1", "10.0.0.3"), T0),
                at(icmp("10.0.0.1", "10.0.0.2"), T0 + 86_400L * CaptureTime.NANOS_PER_SECOND));
        assertEquals(3, out.size());
    }
}
