package io.packetstream.core.index;

import io.packetstream.core.address.IpAddress;

import java.util.Arrays;

/**
 * Members of the set-valued indexes (questions 3, 4 and 6), written by the indexer and read by the query service.
 */
public final class IndexMembers {

    /** Longest member suffix after a {@link #peerPrefix} (a length byte and an IPv6 address), plus one. */
    private static final int MAX_PEER_SUFFIX = 18;

    private IndexMembers() {
    }

    /** Q3 member: host X, port P on X, peer H that sent to or received from X:P. */
    public static byte[] peer(IpAddress host, int port, IpAddress peer) {
        byte[] out = new byte[2 + 2 + host.length() + peer.length()];
        int p = MemberCodec.writePort(out, MemberCodec.writeAddress(out, 0, host), port);
        MemberCodec.writeAddress(out, p, peer);
        return out;
    }

    /** @return the lex range start of every Q3 member of host X and port P (inclusive) */
    public static byte[] peerPrefix(IpAddress host, int port) {
        byte[] out = new byte[1 + 2 + host.length()];
        MemberCodec.writePort(out, MemberCodec.writeAddress(out, 0, host), port);
        return out;
    }

    /** @return the lex range end of every Q3 member of host X and port P (inclusive) */
    public static byte[] peerPrefixEnd(IpAddress host, int port) {
        byte[] prefix = peerPrefix(host, port);
        byte[] out = Arrays.copyOf(prefix, prefix.length + MAX_PEER_SUFFIX);
        Arrays.fill(out, prefix.length, out.length, (byte) 0xFF);
        return out;
    }

    /** @return the host X and port P of a Q3 member */
    public static Endpoint peerHostPortOf(byte[] member) {
        MemberCodec.Reader r = new MemberCodec.Reader(member);
        Endpoint hostPort = r.endpoint();
        r.address();
        r.end();
        return hostPort;
    }

    /** @return the peer H of a Q3 member */
    public static IpAddress peerOf(byte[] member) {
        MemberCodec.Reader r = new MemberCodec.Reader(member);
        r.endpoint();
        IpAddress peer = r.address();
        r.end();
        return peer;
    }

    /**
     * Question 4 counts the ports below this, the well-known (system) ports of RFC 6335; the indexer writes, and
     * the query service reads, only those.
     */
    public static final int WELL_KNOWN_PORT_LIMIT = 1024;

    /** Q4 member: a host and a well-known port it received a connection attempt or datagram on. */
    public static byte[] service(IpAddress host, int port) {
        byte[] out = new byte[3 + host.length()];
        MemberCodec.writePort(out, MemberCodec.writeAddress(out, 0, host), port);
        return out;
    }

    /** @return the host and port of a Q4 member */
    public static Endpoint serviceOf(byte[] member) {
        MemberCodec.Reader r = new MemberCodec.Reader(member);
        Endpoint e = r.endpoint();
        r.end();
        return e;
    }

    /** Q6 member: a local host and an outside host it exchanged a packet with. */
    public static byte[] hostPair(IpAddress local, IpAddress outside) {
        byte[] out = new byte[2 + local.length() + outside.length()];
        MemberCodec.writeAddress(out, MemberCodec.writeAddress(out, 0, local), outside);
        return out;
    }

    /** @return {@code [local, outside]} of a Q6 member */
    public static IpAddress[] hostPairOf(byte[] member) {
        MemberCodec.Reader r = new MemberCodec.Reader(member);
        IpAddress[] pair = {r.address(), r.address()};
        r.end();
        return pair;
    }
}
