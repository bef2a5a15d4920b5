package io.packetstream.core.keys;

import io.packetstream.core.decode.IpPacket;

/**
 * Picks the stream shard of a packet from its unordered flow key, so both directions of a flow land on one
 * shard and stay in order. The hash is defined here, not by {@code hashCode()}, so every agent agrees.
 */
public final class FlowShard {

    private FlowShard() {
    }

    /**
     * @param packet the decoded packet; never {@code null}
     * @param shards the number of shards, at least 1
     * @return a shard in {@code [0, shards)}
     */
    public static int of(IpPacket packet, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, was " + shards);
        }
        if (shards == 1) {
            return 0;
        }
        long a = endpointHash(packet.src().hashCode(), packet.srcPort());
        long b = endpointHash(packet.dst().hashCode(), packet.dstPort());
        long h = mix((a ^ b) + 31L * packet.protocol()); // xor is symmetric: both directions agree
        return (int) Math.floorMod(h, (long) shards);
    }

    private static long endpointHash(int addressHash, int port) {
        return mix(((long) addressHash << 16) ^ port);
    }

    /** SplitMix64 finaliser: spreads a few changed bits over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
