package io.packetstream.query.read;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.query.read.QueryResult.OutsideTalker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups question 6's {@code hostPair(local, outside)} members by local host, hosts and peers ascending, repeats
 * dropped. A busy hour holds tens of thousands of pairs, so the common case, an IPv4 pair, is not decoded into
 * objects: it becomes one {@code long} (local in the high half, outside in the low half), and sorting those longs
 * orders by local host, then peer, exactly as the answer wants. Other pairs (IPv6) are decoded and grouped in a
 * map; the two sorted lists are merged at the end.
 */
final class HostPairGathering implements MemberSetReader.Gathering {

    /** Length of an IPv4 pair: {@code u8 4, 4 bytes, u8 4, 4 bytes}. */
    private static final int IPV4_PAIR = 10;

    private long[] ipv4 = new long[1024];
    private int ipv4Count;
    private final Map<IpAddress, List<IpAddress>> others = new HashMap<>();

    @Override
    public void add(byte[] bytes, int offset, int length) {
        if (length == IPV4_PAIR && bytes[offset] == 4 && bytes[offset + 5] == 4) {
            if (ipv4Count == ipv4.length) {
                ipv4 = Arrays.copyOf(ipv4, ipv4Count * 2);
            }
            // flipping the sign bit makes the signed sort order the unsigned order of (local, outside)
            ipv4[ipv4Count++] = ((long) u32(bytes, offset + 1) << 32 | (u32(bytes, offset + 6) & 0xFFFF_FFFFL))
                    ^ Long.MIN_VALUE;
            return;
        }
        IpAddress[] pair = IndexMembers.hostPairOf(Arrays.copyOfRange(bytes, offset, offset + length));
        others.computeIfAbsent(pair[0], h -> new ArrayList<>()).add(pair[1]);
    }

    @Override
    public List<QueryResult> results() {
        List<OutsideTalker> fromIpv4 = ipv4Talkers();
        if (others.isEmpty()) {
            return new ArrayList<>(fromIpv4);
        }
        return merge(fromIpv4, otherTalkers());
    }

    private List<OutsideTalker> ipv4Talkers() {
        RadixSort.sort(ipv4, ipv4Count);
        List<OutsideTalker> out = new ArrayList<>();
        Ipv4Addresses addresses = new Ipv4Addresses();
        int i = 0;
        while (i < ipv4Count) {
            int local = local(ipv4[i]);
            int end = i + 1;
            int distinct = 1;
            for (; end < ipv4Count && local(ipv4[end]) == local; end++) {
                if (ipv4[end] != ipv4[end - 1]) {
                    distinct++;
                }
            }
            IpAddress[] peers = new IpAddress[distinct];
            for (int k = i, n = 0; k < end; k++) {
                if (k == i || ipv4[k] != ipv4[k - 1]) {
                    peers[n++] = addresses.of((int) ipv4[k]);
                }
            }
            // an immutable list, which the result keeps as it is rather than copying it again
            out.add(new OutsideTalker(addresses.of(local), List.of(peers)));
            i = end;
        }
        return out;
    }

    private static int local(long pair) {
        return (int) ((pair ^ Long.MIN_VALUE) >>> 32);
    }

    /**
     * The IPv4 addresses of one answer, each made once: an outside host is the peer of many local ones, and the
     * addresses were most of question 6's allocation. Open addressing, grown at half full.
     */
    private static final class Ipv4Addresses {
        private int[] keys = new int[1024];
        private IpAddress[] values = new IpAddress[keys.length];
        private int size;

        IpAddress of(int address) {
            int slot = free(keys, values, address);
            if (values[slot] != null) {
                return values[slot];
            }
            IpAddress made = ipv4(address);
            keys[slot] = address;
            values[slot] = made;
            if (++size * 2 > keys.length) {
                grow();
            }
            return made;
        }

        private void grow() {
            int[] newKeys = new int[keys.length * 2];
            IpAddress[] newValues = new IpAddress[keys.length * 2];
            for (int i = 0; i < keys.length; i++) {
                if (values[i] != null) {
                    int slot = free(newKeys, newValues, keys[i]);
                    newKeys[slot] = keys[i];
                    newValues[slot] = values[i];
                }
            }
            keys = newKeys;
            values = newValues;
        }

        /** @return the slot holding {@code address}, or the empty one where it belongs */
        private static int free(int[] keys, IpAddress[] values, int address) {
            int mask = keys.length - 1;
            // the product's top bits, which every bit of the address stirs (its low bits hash runs of addresses
            // into runs of slots)
            int slot = (address * 0x9E3779B9) >>> Integer.numberOfLeadingZeros(mask);
            while (values[slot] != null && keys[slot] != address) {
                slot = slot + 1 & mask;
            }
            return slot;
        }
    }

    private List<OutsideTalker> otherTalkers() {
        List<Map.Entry<IpAddress, List<IpAddress>>> hosts = new ArrayList<>(others.entrySet());
        hosts.sort(Map.Entry.comparingByKey());
        List<OutsideTalker> out = new ArrayList<>(hosts.size());
        for (Map.Entry<IpAddress, List<IpAddress>> host : hosts) {
            out.add(new OutsideTalker(host.getKey(), distinctSorted(host.getValue())));
        }
        return out;
    }

    /** @return both lists as one, by host; a host in both (an IPv4 host with IPv6 peers) gets the peers of both */
    private static List<QueryResult> merge(List<OutsideTalker> a, List<OutsideTalker> b) {
        List<QueryResult> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int order = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i).host().compareTo(b.get(j).host());
            if (order < 0) {
                out.add(a.get(i++));
            } else if (order > 0) {
                out.add(b.get(j++));
            } else {
                List<IpAddress> peers = new ArrayList<>(a.get(i).outsidePeers());
                peers.addAll(b.get(j).outsidePeers());
                out.add(new OutsideTalker(a.get(i++).host(), distinctSorted(peers)));
                j++;
            }
        }
        return out;
    }

    private static List<IpAddress> distinctSorted(List<IpAddress> peers) {
        peers.sort(null);
        List<IpAddress> distinct = new ArrayList<>(peers.size());
        for (IpAddress peer : peers) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(peer)) {
                distinct.add(peer);
            }
        }
        return distinct;
    }

    private static IpAddress ipv4(int address) {
        return IpAddress.of(new byte[]{(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8),
                (byte) address});
    }

    private static int u32(byte[] b, int p) {
        return (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
    }
}
