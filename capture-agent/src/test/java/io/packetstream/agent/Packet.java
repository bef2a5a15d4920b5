package io.packetstream.agent;

import io.packetstream.agent.source.PacketSource;
import io.packetstream.agent.source.PcapFileSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A packet's content as tests compare it: from a file, or decoded back from a stream entry. */
record Packet(long timestampNanos, int originalLength, int linkType, byte[] data) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Packet p && p.timestampNanos == timestampNanos && p.originalLength == originalLength
                && p.linkType == linkType && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestampNanos) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Packet[" + timestampNanos + ", orig " + originalLength + ", cap " + data.length + ", link " + linkType + "]";
    }

    /** Every packet of a capture file, in order. */
    static List<Packet> of(Path file) {
        List<Packet> out = new ArrayList<>();
        try (PacketSource source = PcapFileSource.open(file)) {
            while (source.poll((ts, orig, link, frame, off, len) ->
                    out.add(new Packet(ts, orig, link, Arrays.copyOfRange(frame, off, off + len))), 64) >= 0) {
                // read to the end
            }
        }
        return out;
    }
}
