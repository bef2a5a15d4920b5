package io.packetstream.agent.source;

import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads pcapng: sections (each Section Header Block sets the byte order and starts a new list of interfaces),
 * Interface Description Blocks (link type, snaplen, {@code if_tsresol}, {@code if_tsoffset}), and the packet
 * blocks EPB, SPB and the obsolete OPB. Every other block (name resolution, statistics, decryption secrets,
 * custom, unknown) is skipped by its length.
 */
final class PcapNgReader extends CaptureReader {

    static final int SHB = 0x0A0D0D0A;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int IDB = 1;
    private static final int OPB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    private static final int OPT_TSRESOL = 9;
    private static final int OPT_TSOFFSET = 14;
    /** Interface blocks hold a few options; anything far larger is not an interface block. */
    private static final int MAX_IDB_LENGTH = 1 << 20;

    private final ByteOrder firstOrder;
    private int sections;
    private int interfaces;
    private int[] linkTypes = new int[4];
    private long[] snaplens = new long[4];
    private TimeScale[] scales = new TimeScale[4];
    private long lastTimestamp;

    private PcapNgReader(MappedFile file, String name, ByteOrder firstOrder) {
        super(file, name, 0);
        this.firstOrder = firstOrder;
    }

    static PcapNgReader open(MappedFile file, String name) {
        if (file.size() < 28) {
            throw new CaptureSourceException(name + " is cut short inside its pcapng section header");
        }
        file.order(ByteOrder.BIG_ENDIAN);
        int magic = file.buffer().getInt(file.at(8, 4));
        ByteOrder order = magic == BYTE_ORDER_MAGIC ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return new PcapNgReader(file, name, order); // a bad magic is reported as damage when reading
    }

    @Override
    String format() {
        return "pcapng, " + (firstOrder == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian")
                + (sections > 1 ? ", " + sections + " sections" : "");
    }

    @Override
    int readSome(PacketSink sink, int max) {
        long size = file.size();
        int n = 0;
        while (n < max) {
            long remaining = size - position;
            if (remaining == 0) {
                endCleanly();
                break;
            }
            if (remaining < 12) {
                endTruncated(position);
                break;
            }
            int i = file.at(position, 12);
            int type = file.buffer().getInt(i);
            if (type == SHB && !readByteOrder(remaining)) {
                break;
            }
            if (position == 0 && type != SHB) {
                endCorrupt(0, "a pcapng file must start with a section header block");
                break;
            }
            i = file.at(position, 12);
            long length = Integer.toUnsignedLong(file.buffer().getInt(i + 4));
            if (length < 12 || length % 4 != 0) {
                endCorrupt(position, "block length " + length + " is not a multiple of 4 of at least 12");
                break;
            }
            if (length > remaining) {
                endTruncated(position);
                break;
            }
            int t = file.at(position + length - 4, 4);
            long trailer = Integer.toUnsignedLong(file.buffer().getInt(t));
            if (trailer != length) {
                endCorrupt(position, "block length " + length + " does not match its trailing copy " + trailer);
                break;
            }
            boolean ok = switch (type) {
                case SHB -> section((int) length);
                case IDB -> interfaceBlock(length);
                case EPB -> enhancedPacket(sink, (int) Math.min(length, Integer.MAX_VALUE));
                case SPB -> simplePacket(sink, (int) Math.min(length, Integer.MAX_VALUE));
                case OPB -> obsoletePacket(sink, (int) Math.min(length, Integer.MAX_VALUE));
                default -> true; // NRB, ISB, DSB, custom and unknown blocks
            };
            if (!ok) {
                break;
            }
            if (type == EPB || type == SPB || type == OPB) {
                n++;
            }
            position += length;
        }
        return n;
    }

    /** Sets the byte order from a section header's byte-order magic; false (after ending) when it is invalid. */
    private boolean readByteOrder(long remaining) {
        if (remaining < 16) {
            endTruncated(position);
            return false;
        }
        ByteOrder previous = file.order();
        file.order(ByteOrder.BIG_ENDIAN);
        int m = file.buffer().getInt(file.at(position + 8, 4));
        if (m == BYTE_ORDER_MAGIC) {
            return true;
        }
        if (Integer.reverseBytes(m) == BYTE_ORDER_MAGIC) {
            file.order(ByteOrder.LITTLE_ENDIAN);
            return true;
        }
        file.order(previous);
        endCorrupt(position, String.format("section header with byte-order magic 0x%08x", m));
        return false;
    }

    private boolean section(int length) {
        if (length < 28) {
            endCorrupt(position, "section header block of " + length + " bytes");
            return false;
        }
        int i = file.at(position, 16);
        int major = file.buffer().getShort(i + 12) & 0xFFFF;
        if (major != 1) {
            endCorrupt(position, "pcapng version " + major + " is not supported");
            return false;
        }
        sections++;
        interfaces = 0; // interface ids are per section
        return true;
    }

    private boolean interfaceBlock(long length) {
        if (length < 20 || length > MAX_IDB_LENGTH) {
            endCorrupt(position, "interface description block of " + length + " bytes");
            return false;
        }
        int i = file.at(position, (int) length);
        MappedByteBuffer b = file.buffer();
        int linkType = b.getShort(i + 8) & 0xFFFF;
        long snaplen = Integer.toUnsignedLong(b.getInt(i + 12));
        byte tsresol = 6;
        long tsoffset = 0;
        int o = i + 16;
        int end = i + (int) length - 4;
        while (o + 4 <= end) {
            int code = b.getShort(o) & 0xFFFF;
            int optionLength = b.getShort(o + 2) & 0xFFFF;
            if (code == 0 || o + 4 + optionLength > end) {
                break;
            }
            if (code == OPT_TSRESOL && optionLength == 1) {
                tsresol = b.get(o + 4);
            } else if (code == OPT_TSOFFSET && optionLength == 8) {
                tsoffset = b.getLong(o + 4);
            }
            o += 4 + ((optionLength + 3) & ~3);
        }
        Optional<String> badClock = TimeScale.implausible(tsresol, tsoffset);
        if (badClock.isPresent()) {
            // stopping here publishes nothing of this interface: its times would be garbage
            endCorrupt(position, "interface " + interfaces + ": " + badClock.get());
            return false;
        }
        if (interfaces == linkTypes.length) {
            int grown = interfaces * 2;
            linkTypes = Arrays.copyOf(linkTypes, grown);
            snaplens = Arrays.copyOf(snaplens, grown);
            scales = Arrays.copyOf(scales, grown);
        }
        linkTypes[interfaces] = linkType;
        snaplens[interfaces] = snaplen;
        scales[interfaces] = tsresol == 6 && tsoffset == 0 ? TimeScale.MICROS : TimeScale.of(tsresol, tsoffset);
        interfaces++;
        return true;
    }

    private boolean enhancedPacket(PacketSink sink, int length) {
        if (length < 32) {
            endCorrupt(position, "enhanced packet block of " + length + " bytes");
            return false;
        }
        int i = file.at(position, 28);
        MappedByteBuffer b = file.buffer();
        int id = b.getInt(i + 8);
        long units = ((long) b.getInt(i + 12) << 32) | Integer.toUnsignedLong(b.getInt(i + 16));
        int captured = b.getInt(i + 20);
        int original = b.getInt(i + 24);
        return packet(sink, id, true, units, captured, original, 28, length);
    }

    private boolean obsoletePacket(PacketSink sink, int length) {
        if (length < 32) {
            endCorrupt(position, "packet block of " + length + " bytes");
            return false;
        }
        int i = file.at(position, 28);
        MappedByteBuffer b = file.buffer();
        int id = b.getShort(i + 8) & 0xFFFF;
        long units = ((long) b.getInt(i + 12) << 32) | Integer.toUnsignedLong(b.getInt(i + 16));
        int captured = b.getInt(i + 20);
        int original = b.getInt(i + 24);
        return packet(sink, id, true, units, captured, original, 28, length);
    }

    private boolean simplePacket(PacketSink sink, int length) {
        if (length < 16) {
            endCorrupt(position, "simple packet block of " + length + " bytes");
            return false;
        }
        if (interfaces == 0) {
            endCorrupt(position, "simple packet block before any interface description block");
            return false;
        }
        int original = file.buffer().getInt(file.at(position + 8, 4));
        if (original < 0) {
            endCorrupt(position, "original length " + Integer.toUnsignedLong(original) + " is absurd");
            return false;
        }
        long snaplen = snaplens[0];
        long captured = Math.min(original, length - 16);
        if (snaplen > 0 && captured > snaplen && captured - snaplen < 4) {
            captured = snaplen; // the rest is padding to 4 bytes; more than that is a frame beyond the snaplen
        }
        // a simple packet block has no timestamp: it gets the time of the packet before it
        return packet(sink, 0, false, 0, (int) captured, original, 12, length);
    }

    /** Checks and delivers one packet whose data starts {@code dataStart} bytes into the block. */
    private boolean packet(PacketSink sink, int id, boolean timed, long units, int captured, int original,
                           int dataStart, int length) {
        if (id < 0 || id >= interfaces) {
            endCorrupt(position, "packet of undefined interface " + Integer.toUnsignedLong(id)
                    + " (section has " + interfaces + ")");
            return false;
        }
        if (!lengthsOk(captured, original, snaplens[id])) {
            return false;
        }
        if (dataStart + captured + 4 > length) {
            endCorrupt(position, "captured length " + captured + " does not fit its " + length + "-byte block");
            return false;
        }
        int d = file.at(position + dataStart, captured);
        file.buffer().get(d, frame, 0, captured);
        if (timed) {
            lastTimestamp = scales[id].toNanos(units);
        }
        packets++;
        sink.accept(lastTimestamp, original, linkTypes[id], frame, 0, captured);
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
