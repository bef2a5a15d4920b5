package io.packetstream.agent.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One packet as a source delivered it, copied; what tests compare files and stream entries with. */
public record Captured(long timestampNanos, int originalLength, int linkType, byte[] data) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Captured c && c.timestampNanos == timestampNanos && c.originalLength == originalLength
                && c.linkType == linkType && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestampNanos) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Captured[" + timestampNanos + ", orig " + originalLength + ", cap " + data.length + ", link " + linkType + "]";
    }

    /** Every packet of a capture file, in order. */
    public static List<Captured> of(Path file) {
        try (PacketSource source = PcapFileSource.open(file)) {
            return readAll(source);
        }
    }

    /** Reads a whole source, in small polls to exercise resumption. */
    static List<Captured> readAll(PacketSource source) {
        List<Captured> out = new ArrayList<>();
        PacketSink sink = (ts, orig, link, frame, off, len) ->
                out.add(new Captured(ts, orig, link, Arrays.copyOfRange(frame, off, off + len)));
        while (source.poll(sink, 7) >= 0) {
            // keep polling until the end
        }
        return out;
    }
}
