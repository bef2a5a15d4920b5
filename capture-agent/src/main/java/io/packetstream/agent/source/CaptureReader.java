package io.packetstream.agent.source;

import java.util.Optional;

/**
 * What the pcap and pcapng readers share: the position in the file, the packet count, the one reusable frame
 * buffer, and how a read ends (cleanly, truncated or corrupt).
 */
abstract class CaptureReader {

    final MappedFile file;
    final byte[] frame = new byte[PacketSource.MAX_CAPTURED_LENGTH];
    long position;
    long packets;
    private boolean ended;
    private FileDamage damage;

    CaptureReader(MappedFile file, long position) {
        this.file = file;
        this.position = position;
    }

    /** Delivers up to {@code max} packets; see {@link PacketSource#poll}. */
    final int read(PacketSink sink, int max) {
        if (ended) {
            return -1;
        }
        int n = readSome(sink, max);
        return n == 0 && ended ? -1 : n;
    }

    /** Reads until {@code max} packets were delivered or the file ended (then calls an {@code end…} method). */
    abstract int readSome(PacketSink sink, int max);

    /** @return a short description, e.g. {@code pcap, microseconds, little-endian} */
    abstract String format();

    final void endCleanly() {
        ended = true;
    }

    final void endTruncated(long offset) {
        ended = true;
        damage = new FileDamage(FileDamage.Kind.TRUNCATED, offset, packets,
                "file truncated after " + packets + " packets (last record at byte offset " + offset + " is cut short)");
    }

    final void endCorrupt(long offset, String what) {
        ended = true;
        damage = new FileDamage(FileDamage.Kind.CORRUPT, offset, packets,
                "corrupt record at byte offset " + offset + ": " + what + " (after " + packets + " packets)");
    }

    final Optional<FileDamage> damage() {
        return Optional.ofNullable(damage);
    }

    /** The captured-length limit for a snapshot length from a file header; 0 means none was given. */
    static int captureLimit(long snaplen) {
        return snaplen > 0 && snaplen < PacketSource.MAX_CAPTURED_LENGTH ? (int) snaplen : PacketSource.MAX_CAPTURED_LENGTH;
    }
}
