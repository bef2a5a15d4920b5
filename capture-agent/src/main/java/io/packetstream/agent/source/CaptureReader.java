package io.packetstream.agent.source;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * What the pcap and pcapng readers share: the position in the file, the packet count, the one reusable frame
 * buffer, the checks of a record's lengths, and how a read ends (cleanly, truncated or corrupt).
 */
abstract class CaptureReader {

    private static final Logger log = LoggerFactory.getLogger(CaptureReader.class);

    final MappedFile file;
    final String name;
    final byte[] frame = new byte[PacketSource.MAX_CAPTURED_LENGTH];
    long position;
    long packets;
    private boolean ended;
    private boolean beyondSnaplen;
    private FileDamage damage;

    CaptureReader(MappedFile file, String name, long position) {
        this.file = file;
        this.name = name;
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

    /**
     * Checks the lengths of the record at {@link #position}. Corrupt (false, after ending the read): a captured
     * length above {@link PacketSource#MAX_CAPTURED_LENGTH}, or an original length below the captured one. A
     * captured length above the header's snaplen is read whole: real captures understate it (TSO/GRO frames over
     * 64 KiB under snaplen 65535, tools writing arbitrary values), and a file loses nothing to that; the first
     * such frame of a file is logged.
     *
     * @param snaplen the snapshot length the file declares for this packet, 0 for none
     */
    final boolean lengthsOk(int captured, int original, long snaplen) {
        if (captured < 0 || captured > PacketSource.MAX_CAPTURED_LENGTH) {
            endCorrupt(position, "captured length " + Integer.toUnsignedLong(captured) + " exceeds the limit of "
                    + PacketSource.MAX_CAPTURED_LENGTH + " bytes");
            return false;
        }
        if (original < 0) {
            endCorrupt(position, "original length " + Integer.toUnsignedLong(original) + " is absurd");
            return false;
        }
        if (original < captured) {
            endCorrupt(position, "original length " + original + " is smaller than the captured length " + captured);
            return false;
        }
        if (snaplen > 0 && captured > snaplen && !beyondSnaplen) {
            beyondSnaplen = true;
            log.warn("file {} declares snaplen {} but holds a frame of {} bytes (at byte offset {}); such frames are "
                    + "read whole, this is reported once per file", name, snaplen, captured, position);
        }
        return true;
    }
}
