package io.packetstream.query.read;

import io.packetstream.core.time.CaptureTime;
import io.packetstream.core.time.TimeBucket;
import io.packetstream.core.time.TimeRange;
import io.packetstream.query.read.QueryResult.MinuteVolume;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Questions 2, 3, 4 and 6 take a UTC minute iff it overlaps the inclusive range.
 */
class MinuteResolutionTest {

    private static final long DAY = 20_778; // 2026-11-21
    private static final long M0938 = DAY * 1440 + 9 * 60 + 38;
    private static final Topology.ShardSensor WHERE = new Topology.ShardSensor(0, "s1");

    private static TimeRange range(String from, String to) {
        return new TimeRange(CaptureTime.parse(from), CaptureTime.parse(to));
    }

    private static byte[] n(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aMinuteTouchedByOneNanosecondCounts() {
        TimeRange r = range("2026-11-21T09:38:59.999999999Z", "2026-11-21T09:40:00Z");
        assertEquals(M0938, r.firstMinute());
        assertEquals(M0938 + 2, r.lastMinute());
        VolumeMinutes v = new VolumeMinutes(r.firstMinute(), r.lastMinute());
        for (int m = 37; m <= 41; m++) {
            v.add(DAY, "p" + (9 * 60 + m), n(1));
            v.add(DAY, "b" + (9 * 60 + m), n(100 + m));
        }
        assertEquals(List.of(new MinuteVolume(M0938, 1, 138), new MinuteVolume(M0938 + 1, 1, 139),
                new MinuteVolume(M0938 + 2, 1, 140)), v.results());
    }

    @Test
    void volumeSumsSensorsAndShardsPerMinuteAndIgnoresOtherFields() {
        VolumeMinutes v = new VolumeMinutes(Long.MIN_VALUE, Long.MAX_VALUE);
        v.add(DAY, "p578", n(2));
        v.add(DAY, "b578", n(200));
        v.add(DAY, "p578", n(3));
        v.add(DAY, "b578", n(300));
        v.add(DAY + 1, "p0", n(1));
        v.add(DAY + 1, "b0", n(60));
        v.add(DAY, "x1", n(9));
        assertEquals(List.of(new MinuteVolume(M0938, 5, 500), new MinuteVolume((DAY + 1) * 1440, 1, 60)), v.results());
        assertThrows(IllegalArgumentException.class, () -> v.add(DAY, "p1440", n(1)));
        assertThrows(IllegalArgumentException.class, () -> v.add(DAY, "p5", "x".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void bucketsReadWholeHoursFromHourKeysAndTheEndsByMinute() {
        TimeRange r = range("2026-11-21T09:58:30Z", "2026-11-21T11:00:00Z");
        long hour9 = Math.floorDiv(M0938, 60);
        SensorHours hours = new SensorHours(WHERE, r.firstMinute(), r.lastMinute(), List.of(hour9, hour9 + 1, hour9 + 2));
        assertEquals(List.of(TimeBucket.minute(hour9 * 60 + 58), TimeBucket.minute(hour9 * 60 + 59),
                TimeBucket.hour(hour9 + 1), TimeBucket.minute((hour9 + 2) * 60)), hours.buckets());
        assertEquals(Optional.of(range("2026-11-21T09:58:00Z", "2026-11-21T11:00:59.999999999Z")),
                hours.coveredTimes());
    }

    @Test
    void anOpenRangeIsClampedToTheHoursWithData() {
        long hour9 = Math.floorDiv(M0938, 60);
        SensorHours hours = new SensorHours(WHERE, TimeRange.ALL.firstMinute(), TimeRange.ALL.lastMinute(),
                List.of(hour9, hour9 + 5));
        assertEquals(List.of(TimeBucket.hour(hour9), TimeBucket.hour(hour9 + 5)), hours.buckets());
        assertEquals(List.of(DAY), hours.days());
        assertEquals(Optional.of(range("2026-11-21T09:00:00Z", "2026-11-21T14:59:59.999999999Z")),
                SensorHours.union(List.of(hours)));
        assertEquals(Optional.empty(), new SensorHours(WHERE, 0, 10, List.of()).coveredTimes());
    }
}
