package io.packetstream.indexer.write;

import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.time.CaptureTime;

/**
 * One decoded packet on its way into the writers.
 *
 * @param sensor         the sensor id of its entry (already checked by {@code KeySchema.checkName})
 * @param entryMillis    the millisecond part of its stream entry id
 * @param timeNanos      capture time, ns since the epoch
 * @param originalLength length on the wire
 * @param ip             what the decoder found
 */
record IndexedPacket(String sensor, long entryMillis, long timeNanos, int originalLength, IpPacket ip) {

    static final int MINUTES_PER_DAY = 1440;

    /**
     * @return false for TCP/UDP packets without a transport header (snaplen cut, later fragments): they count for
     * the host-level questions 2 and 6 only. Portless protocols (ICMP…) count everywhere with ports 0.
     */
    boolean countsForPortQuestions() {
        return ip.hasPorts() || !(ip.isTcp() || ip.isUdp());
    }

    long epochMinute() {
        return CaptureTime.epochMinute(timeNanos);
    }

    long epochHour() {
        return Math.floorDiv(epochMinute(), 60);
    }

    long epochDay() {
        return Math.floorDiv(epochMinute(), MINUTES_PER_DAY);
    }

    int minuteOfDay() {
        return (int) Math.floorMod(epochMinute(), MINUTES_PER_DAY);
    }
}
