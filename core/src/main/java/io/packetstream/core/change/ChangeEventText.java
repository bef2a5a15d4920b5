package io.packetstream.core.change;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.Connection;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.time.CaptureTime;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Parses the text form of change events; the counterpart of each record's {@code format()}.
 */
final class ChangeEventText {

    private static final Pattern ENTRY_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");

    private ChangeEventText() {
    }

    static String time(long nanos) {
        return CaptureTime.epochSecond(nanos) + " " + CaptureTime.nanoOfSecond(nanos);
    }

    static ChangeEvent parse(String text) {
        String[] f = text.split(" ", -1);
        try {
            return switch (f[0]) {
                case "A" -> {
                    expect(f, 5, text);
                    yield new ChangeEvent.ConnectionActive(f[1], Connection.decode(hex(f[2])), nanos(f[3], f[4]));
                }
                case "I" -> {
                    expect(f, 5, text);
                    yield new ChangeEvent.ConnectionInactive(f[1], Connection.decode(hex(f[2])), nanos(f[3], f[4]));
                }
                case "V" -> {
                    expect(f, 7, text);
                    yield new ChangeEvent.VolumeTotals(f[1], IpAddress.parse(f[2]), IpAddress.parse(f[3]),
                            Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]));
                }
                case "P" -> {
                    expect(f, 4, text);
                    byte[] member = hex(f[3]);
                    var hostPort = IndexMembers.peerHostPortOf(member);
                    yield new ChangeEvent.PeerSeen(f[1], Long.parseLong(f[2]), hostPort.address(), hostPort.port(),
                            IndexMembers.peerOf(member));
                }
                case "S" -> {
                    expect(f, 4, text);
                    yield new ChangeEvent.ServiceSeen(f[1], Long.parseLong(f[2]), IndexMembers.serviceOf(hex(f[3])));
                }
                case "O" -> {
                    expect(f, 4, text);
                    IpAddress[] pair = IndexMembers.hostPairOf(hex(f[3]));
                    yield new ChangeEvent.OutsideSeen(f[1], Long.parseLong(f[2]), pair[0], pair[1]);
                }
                case "E" -> {
                    expect(f, 3, text);
                    if (!ENTRY_ID.matcher(f[2]).matches()) {
                        throw new IllegalArgumentException("bad entry id");
                    }
                    yield new ChangeEvent.EntryIndexed(f[1], f[2]);
                }
                default -> throw new IllegalArgumentException("unknown event type");
            };
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IllegalArgumentException("'" + text + "' is not a change event: " + e.getMessage(), e);
        }
    }

    private static void expect(String[] fields, int count, String text) {
        if (fields.length != count) {
            throw new IllegalArgumentException("expected " + count + " fields, found " + fields.length);
        }
    }

    private static long nanos(String seconds, String nanoOfSecond) {
        int nano = Integer.parseInt(nanoOfSecond);
        if (nano < 0 || nano >= CaptureTime.NANOS_PER_SECOND) {
            throw new IllegalArgumentException("nanosecond-of-second out of range");
        }
        return Math.addExact(Math.multiplyExact(Long.parseLong(seconds), CaptureTime.NANOS_PER_SECOND), nano);
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }
}
