package io.packetstream.core.change;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.Connection;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.keys.KeySchema;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The binary layout of a change-stream entry's values (docs/architecture.md, "Live subscriptions"). An entry's
 * fields {@code 0}, {@code 1}, … each hold one block: consecutive events of one sensor, in order.
 * <pre>
 *   u8      version (1)
 *   u8      sensor length, then the sensor (ASCII)
 *   per event: u8 letter (A I V P S O E), varint body length, body
 *     A, I  i64 time (ns since epoch, big-endian), the encoded connection
 *     V     varint minute, varint packets, varint bytes, u8 length + low address, high address
 *     P S O varint minute, the index member (question 3's, 4's or 6's encoding)
 *     E     varint milliseconds, varint sequence of the packet-stream entry id
 * </pre>
 * Varints are unsigned LEB128. The sensor is written once a block and each value in binary, which keeps the
 * change streams at about a third of their text size; the length before each body lets a reader skip an event it
 * cannot read and still count it in its place.
 */
public final class ChangeEntryFormat {

    static final byte VERSION = 1;

    private ChangeEntryFormat() {
    }

    /**
     * @param events the events of one entry, in order; none {@code null}
     * @return the entry's field values, for fields {@code 0}, {@code 1}, …
     */
    public static List<byte[]> encode(List<? extends ChangeEvent> events) {
        List<byte[]> blocks = new ArrayList<>();
        Writer block = null;
        String sensor = null;
        for (ChangeEvent e : events) {
            Objects.requireNonNull(e, "event");
            if (!e.sensor().equals(sensor)) {
                if (block != null) {
                    blocks.add(block.toByteArray());
                }
                sensor = e.sensor();
                block = new Writer();
                block.write(VERSION);
                byte[] name = sensor.getBytes(StandardCharsets.US_ASCII);
                block.write(name.length);
                block.writeBytes(name);
            }
            block.event(e);
        }
        if (block != null) {
            blocks.add(block.toByteArray());
        }
        return blocks;
    }

    /**
     * @param value one field value of a change entry
     * @param bad   told why, for each event that cannot be read (it stays in place as empty)
     * @return the block's events in order
     * @throws IllegalArgumentException when the value is no block of this version
     */
    public static List<Optional<ChangeEvent>> decode(byte[] value, Consumer<String> bad) {
        Objects.requireNonNull(value, "value");
        Reader r = new Reader(value);
        if (value.length < 2 || r.u8() != VERSION) {
            throw new IllegalArgumentException("not a change block of version " + VERSION);
        }
        String sensor = new String(r.bytes(r.u8()), StandardCharsets.US_ASCII);
        KeySchema.checkName(sensor, "sensor");
        List<Optional<ChangeEvent>> events = new ArrayList<>();
        while (r.more()) {
            char letter = (char) r.u8();
            int length = (int) r.varint();
            Reader body = new Reader(r.bytes(length));
            try {
                ChangeEvent e = event(letter, sensor, body);
                if (body.more()) {
                    throw new IllegalArgumentException("bytes left over");
                }
                events.add(Optional.of(e));
            } catch (IllegalArgumentException e) { // an event that no longer parses is skipped, not fatal
                bad.accept("event " + events.size() + " (" + letter + "): " + e.getMessage());
                events.add(Optional.empty());
            }
        }
        return events;
    }

    private static ChangeEvent event(char letter, String sensor, Reader b) {
        return switch (letter) {
            case 'A' -> {
                long time = b.i64();
                yield new ChangeEvent.ConnectionActive(sensor, Connection.decode(b.rest()), time);
            }
            case 'I' -> {
                long time = b.i64();
                yield new ChangeEvent.ConnectionInactive(sensor, Connection.decode(b.rest()), time);
            }
            case 'V' -> {
                long minute = b.varint();
                long packets = b.varint();
                long bytes = b.varint();
                IpAddress low = IpAddress.of(b.bytes(b.u8()));
                yield new ChangeEvent.VolumeTotals(sensor, low, IpAddress.of(b.rest()), minute, packets, bytes);
            }
            case 'P' -> {
                long minute = b.varint();
                byte[] member = b.rest();
                var hostPort = IndexMembers.peerHostPortOf(member);
                yield new ChangeEvent.PeerSeen(sensor, minute, hostPort.address(), hostPort.port(),
                        IndexMembers.peerOf(member));
            }
            case 'S' -> {
                long minute = b.varint();
                yield new ChangeEvent.ServiceSeen(sensor, minute, IndexMembers.serviceOf(b.rest()));
            }
            case 'O' -> {
                long minute = b.varint();
                IpAddress[] pair = IndexMembers.hostPairOf(b.rest());
                yield new ChangeEvent.OutsideSeen(sensor, minute, pair[0], pair[1]);
            }
            case 'E' -> {
                long millis = b.varint();
                yield new ChangeEvent.EntryIndexed(sensor, Long.toUnsignedString(millis) + "-"
                        + Long.toUnsignedString(b.varint()));
            }
            default -> throw new IllegalArgumentException("unknown event type");
        };
    }

    /** The letter and body of one event; the layout of each is the class comment's table. */
    private static char write(ChangeEvent event, Writer b) {
        if (event instanceof ChangeEvent.ConnectionActive a) {
            b.i64(a.timeNanos());
            b.writeBytes(a.connection().encode());
            return 'A';
        }
        if (event instanceof ChangeEvent.ConnectionInactive i) {
            b.i64(i.timeNanos());
            b.writeBytes(i.connection().encode());
            return 'I';
        }
        if (event instanceof ChangeEvent.VolumeTotals v) {
            b.varint(v.epochMinute());
            b.varint(v.packets());
            b.varint(v.bytes());
            b.write(v.low().length());
            b.writeBytes(v.low().toBytes());
            b.writeBytes(v.high().toBytes());
            return 'V';
        }
        if (event instanceof ChangeEvent.PeerSeen p) {
            b.varint(p.epochMinute());
            b.writeBytes(IndexMembers.peer(p.host(), p.port(), p.peer()));
            return 'P';
        }
        if (event instanceof ChangeEvent.ServiceSeen s) {
            b.varint(s.epochMinute());
            b.writeBytes(IndexMembers.service(s.service().address(), s.service().port()));
            return 'S';
        }
        if (event instanceof ChangeEvent.OutsideSeen o) {
            b.varint(o.epochMinute());
            b.writeBytes(IndexMembers.hostPair(o.local(), o.outside()));
            return 'O';
        }
        ChangeEvent.EntryIndexed e = (ChangeEvent.EntryIndexed) event; // the last of the sealed interface's records
        int dash = e.entryId().indexOf('-');
        b.varint(Long.parseUnsignedLong(e.entryId().substring(0, dash)));
        b.varint(Long.parseUnsignedLong(e.entryId().substring(dash + 1)));
        return 'E';
    }

    /** Reads a block; every read past the end is an {@link IllegalArgumentException}. */
    static final class Reader {
        private final byte[] b;
        private int p;

        Reader(byte[] b) {
            this.b = b;
        }

        boolean more() {
            return p < b.length;
        }

        int u8() {
            need(1);
            return b[p++] & 0xFF;
        }

        long i64() {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (b[p++] & 0xFF);
            }
            return v;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int x = u8();
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        byte[] bytes(int n) {
            need(n);
            byte[] out = Arrays.copyOfRange(b, p, p + n);
            p += n;
            return out;
        }

        byte[] rest() {
            return bytes(b.length - p);
        }

        private void need(int n) {
            if (n < 0 || b.length - p < n) {
                throw new IllegalArgumentException("truncated");
            }
        }
    }

    /** Writes a block. */
    static final class Writer extends ByteArrayOutputStream {

        void i64(long v) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                write((int) (v >>> shift));
            }
        }

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }

        void event(ChangeEvent e) {
            Writer body = new Writer();
            char letter = ChangeEntryFormat.write(e, body);
            write(letter);
            varint(body.size());
            writeBytes(body.toByteArray());
        }
    }
}
