package io.packetstream.core.index;

import io.packetstream.core.decode.IpPacket;

import java.util.Objects;

/**
 * A connection: protocol plus the unordered pair of endpoints, stored with {@code low ≤ high}.
 *
 * <p>Its binary form is the field name of the active-connections index:
 * {@code u8 protocol, endpoint low, endpoint high}, each endpoint {@code u8 length, address, u16 port}.
 */
public record Connection(int protocol, Endpoint low, Endpoint high) {

    public Connection {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (low.compareTo(high) > 0) {
            throw new IllegalArgumentException("endpoints out of order: " + low + " > " + high);
        }
    }

    /** @return the connection the packet belongs to (ports 0 when the packet has none) */
    public static Connection of(IpPacket packet) {
        Endpoint s = new Endpoint(packet.src(), packet.srcPort());
        Endpoint d = new Endpoint(packet.dst(), packet.dstPort());
        return s.compareTo(d) <= 0 ? new Connection(packet.protocol(), s, d) : new Connection(packet.protocol(), d, s);
    }

    /**
     * @return the endpoint shown as {@code dst}: the one with the lower port (the service, usually), on equal
     * ports the lower address
     */
    public Endpoint server() {
        return high.port() < low.port() ? high : low;
    }

    /** @return the endpoint shown as {@code src}: the other one */
    public Endpoint client() {
        return server() == low ? high : low;
    }

    public byte[] encode() {
        byte[] out = new byte[1 + 2 * 3 + low.address().length() + high.address().length()];
        out[0] = (byte) protocol;
        int p = MemberCodec.writeEndpoint(out, 1, low);
        MemberCodec.writeEndpoint(out, p, high);
        return out;
    }

    /** @throws IllegalArgumentException for bytes that are no encoded connection */
    public static Connection decode(byte[] bytes) {
        MemberCodec.Reader r = new MemberCodec.Reader(bytes);
        int protocol = r.u8();
        Endpoint low = r.endpoint();
        Endpoint high = r.endpoint();
        r.end();
        return new Connection(protocol, low, high);
    }
}
