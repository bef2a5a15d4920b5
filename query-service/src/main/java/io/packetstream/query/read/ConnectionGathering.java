package io.packetstream.query.read;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.index.ActiveWindow;
import io.packetstream.core.index.Connection;
import io.packetstream.core.index.Endpoint;
import io.packetstream.query.read.QueryResult.ActiveConnection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Question 1's gathering: takes the raw fields and values of both seconds' hashes (every sensor, shard and
 * partition), merges each connection's windows and hands out the active connections in answer order.
 *
 * <p>A busy second holds thousands of connections, and decoding each field into a {@link Connection} (five objects
 * and three arrays) to merge them in a hash map, then sorting the results with comparators over those objects,
 * took most of the answer's time. Here a field stays in the reply's bytes: each entry notes where its endpoints
 * are and, for IPv4, packs each endpoint into one {@code long}; sorting the entries in answer order (protocol name,
 * {@code dst}, {@code src}) also brings a connection's entries next to each other, so merging is one pass and
 * only the active connections become objects. A field or value that does not look exactly like the index's
 * encoding is skipped with the reason the decoders of {@code core} give.
 */
final class ConnectionGathering {

    /** Failure to decode one entry: the caller counts and logs it. */
    interface BadEntry {
        void skipped(String key, IllegalArgumentException e);
    }

    /** Protocol numbers ranked by their names as text, the answer's first sort key. */
    private static final int[] PROTOCOL_RANK = protocolRanks();

    /** An IPv4 endpoint's {@code long} key: address and port, below every IPv6 endpoint. */
    private static final long IPV6 = Long.MAX_VALUE;

    private final List<Entry> entries = new ArrayList<>();

    /** One field of one second's hash, and its window. */
    private static final class Entry {
        byte[] bytes;
        int rank;
        int protocol;
        /** Offsets of the server ({@code dst}) and client endpoints: {@code u8 length, address, u16 port}. */
        int dstAt;
        int srcAt;
        /** Address and port of an IPv4 endpoint, {@link #IPV6} for an IPv6 one. */
        long dstKey;
        long srcKey;
        boolean secondB;
        int firstNano;
        int lastNano;
    }

    /**
     * Takes a page of {@code field, value, …} of one second's hash.
     *
     * @param key     the hash, named when an entry does not decode
     * @param secondB true for the second {@code B} (the one holding {@code t}), false for {@code A}
     */
    void add(String key, boolean secondB, ReplyStrings page, BadEntry bad) {
        byte[] bytes = page.bytes();
        for (int i = 0; i + 1 < page.count(); i += 2) {
            Entry e = new Entry();
            e.secondB = secondB;
            if (!parse(e, bytes, page.offset(i), page.length(i), page.offset(i + 1), page.length(i + 1))) {
                bad.skipped(key, whyNot(page, i));
                continue;
            }
            entries.add(e);
        }
    }

    /** @return the connections active at {@code t} in answer order, with their {@code lastSeen} */
    List<QueryResult> results(long t) {
        Entry[] sorted = sorted();
        List<QueryResult> out = new ArrayList<>(sorted.length);
        int i = 0;
        while (i < sorted.length) {
            Entry first = sorted[i];
            int aFirst = Integer.MAX_VALUE;
            int aLast = -1;
            int bFirst = Integer.MAX_VALUE;
            int bLast = -1;
            for (; i < sorted.length && ANSWER_ORDER.compare(first, sorted[i]) == 0; i++) {
                Entry e = sorted[i];
                if (e.secondB) {
                    bFirst = Math.min(bFirst, e.firstNano);
                    bLast = Math.max(bLast, e.lastNano);
                } else {
                    aFirst = Math.min(aFirst, e.firstNano);
                    aLast = Math.max(aLast, e.lastNano);
                }
            }
            OptionalLong lastSeen = ActiveWindows.lastSeen(t, aFirst, aLast, bFirst, bLast);
            if (lastSeen.isPresent()) {
                out.add(new ActiveConnection(first.protocol, endpoint(first.bytes, first.srcAt),
                        endpoint(first.bytes, first.dstAt), lastSeen.getAsLong()));
            }
        }
        return out;
    }

    /**
     * @return every entry in answer order: connections between IPv4 endpoints (nearly all) by radix on their packed
     * keys, the others by comparison, then both merged
     */
    private Entry[] sorted() {
        int n = entries.size();
        long[] high = new long[n];
        long[] low = new long[n];
        int[] items = new int[n];
        List<Entry> others = new ArrayList<>();
        int ipv4 = 0;
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            if (e.dstKey == IPV6 || e.srcKey == IPV6) {
                others.add(e);
                continue;
            }
            // rank below 2^8, an endpoint key below 2^48: (rank, dst) in one long, src in the other
            high[ipv4] = (long) e.rank << 48 | e.dstKey;
            low[ipv4] = e.srcKey;
            items[ipv4++] = i;
        }
        RadixSort.sort(high, low, items, ipv4);
        others.sort(ANSWER_ORDER);
        Entry[] out = new Entry[n];
        int a = 0;
        int b = 0;
        for (int k = 0; k < n; k++) {
            boolean fromIpv4 = b == others.size()
                    || a < ipv4 && ANSWER_ORDER.compare(entries.get(items[a]), others.get(b)) <= 0;
            out[k] = fromIpv4 ? entries.get(items[a++]) : others.get(b++);
        }
        return out;
    }

    /**
     * The answer's order (docs/architecture.md, "Answers"): protocol name, {@code dst}, {@code src}; endpoints by
     * address (IPv4 first, then unsigned bytes), then port. Equal exactly for the entries of one connection.
     */
    private static final Comparator<Entry> ANSWER_ORDER = (x, y) -> {
        if (x.rank != y.rank) {
            return Integer.compare(x.rank, y.rank);
        }
        int byDst = compare(x.dstKey, x.bytes, x.dstAt, y.dstKey, y.bytes, y.dstAt);
        return byDst != 0 ? byDst : compare(x.srcKey, x.bytes, x.srcAt, y.srcKey, y.bytes, y.srcAt);
    };

    private static int compare(long xKey, byte[] x, int xAt, long yKey, byte[] y, int yAt) {
        if (xKey != IPV6 || yKey != IPV6) {
            return Long.compare(xKey, yKey);
        }
        // two IPv6 endpoints: 16 address bytes, then the port, all unsigned and big-endian
        return Arrays.compareUnsigned(x, xAt + 1, xAt + 19, y, yAt + 1, yAt + 19);
    }

    /**
     * Reads a field laid out as {@code Connection.encode} writes it ({@code u8 protocol, endpoint low, endpoint
     * high}) and an 8-byte window, without copying.
     *
     * @return false when anything is unusual (then the decoders of {@code core} decide)
     */
    private static boolean parse(Entry e, byte[] b, int at, int length, int valueAt, int valueLength) {
        int end = at + length;
        if (length < 1 + 7 + 7 || valueLength != 8) {
            return false;
        }
        int lowAt = at + 1;
        int highAt = endpointEnd(b, lowAt, end);
        if (highAt < 0 || endpointEnd(b, highAt, end) != end) {
            return false;
        }
        long lowKey = key(b, lowAt);
        long highKey = key(b, highAt);
        if (compare(lowKey, b, lowAt, highKey, b, highAt) > 0) {
            return false; // endpoints out of order: not what the indexer writes
        }
        int first = u32(b, valueAt);
        int last = u32(b, valueAt + 4);
        if (first < 0 || last < first || last >= 1_000_000_000) {
            return false;
        }
        int protocol = b[at] & 0xFF;
        // Connection.server(): the endpoint with the lower port, on equal ports the lower one (low)
        boolean highServes = endpointPort(b, highAt) < endpointPort(b, lowAt);
        e.bytes = b;
        e.protocol = protocol;
        e.rank = PROTOCOL_RANK[protocol];
        e.dstAt = highServes ? highAt : lowAt;
        e.srcAt = highServes ? lowAt : highAt;
        e.dstKey = highServes ? highKey : lowKey;
        e.srcKey = highServes ? lowKey : highKey;
        e.firstNano = first;
        e.lastNano = last;
        return true;
    }

    /** @return why the decoders of {@code core} refuse the entry {@code i, i + 1} that {@link #parse} refused */
    private static IllegalArgumentException whyNot(ReplyStrings page, int i) {
        try {
            Connection.decode(page.copy(i));
            ActiveWindow.decode(page.copy(i + 1));
        } catch (IllegalArgumentException e) {
            return e;
        }
        return new IllegalArgumentException("active-connection entry not in the index's layout");
    }

    /** @return where an endpoint starting at {@code at} ends, or -1 when it is no endpoint */
    private static int endpointEnd(byte[] b, int at, int end) {
        if (at >= end) {
            return -1;
        }
        int addressLength = b[at] & 0xFF;
        int next = at + 1 + addressLength + 2;
        return (addressLength == 4 || addressLength == 16) && next <= end ? next : -1;
    }

    private static long key(byte[] b, int at) {
        return b[at] == 4 ? (u32(b, at + 1) & 0xFFFF_FFFFL) << 16 | port(b, at + 5) : IPV6;
    }

    private static Endpoint endpoint(byte[] b, int at) {
        return new Endpoint(IpAddress.of(b, at + 1, b[at] & 0xFF), endpointPort(b, at));
    }

    /** @return the port of the endpoint starting at {@code at}, after its length byte and address */
    private static int endpointPort(byte[] b, int at) {
        return port(b, at + 1 + (b[at] & 0xFF));
    }

    private static int port(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static int u32(byte[] b, int p) {
        return (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
    }

    private static int[] protocolRanks() {
        Integer[] protocols = new Integer[256];
        for (int p = 0; p < protocols.length; p++) {
            protocols[p] = p;
        }
        Arrays.sort(protocols, Comparator.comparing(IpPacket::protocolName));
        int[] rank = new int[256];
        for (int r = 0; r < protocols.length; r++) {
            rank[protocols[r]] = r;
        }
        return rank;
    }
}
