package io.packetstream.core.index;

import io.packetstream.core.address.IpAddress;

/**
 * The byte layout shared by index members: an address is {@code u8 length, bytes}, a port {@code u16}
 * big-endian. Length-prefixed addresses keep members of one host contiguous in lex order.
 */
final class MemberCodec {

    private MemberCodec() {
    }

    static int writeAddress(byte[] out, int p, IpAddress address) {
        out[p] = (byte) address.length();
        return address.writeTo(out, p + 1);
    }

    static int writePort(byte[] out, int p, int port) {
        out[p] = (byte) (port >>> 8);
        out[p + 1] = (byte) port;
        return p + 2;
    }

    static int writeEndpoint(byte[] out, int p, Endpoint endpoint) {
        return writePort(out, writeAddress(out, p, endpoint.address()), endpoint.port());
    }

    /** Reads members back, failing with a clear message on bytes that are not one. */
    static final class Reader {
        private final byte[] b;
        private int p;

        Reader(byte[] b) {
            this.b = b;
        }

        int u8() {
            need(1);
            return b[p++] & 0xFF;
        }

        int port() {
            need(2);
            int v = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
            p += 2;
            return v;
        }

        IpAddress address() {
            int length = u8();
            if (length != 4 && length != 16) {
                throw new IllegalArgumentException("index member holds an address of " + length + " bytes");
            }
            need(length);
            IpAddress a = IpAddress.of(b, p, length);
            p += length;
            return a;
        }

        Endpoint endpoint() {
            IpAddress a = address();
            return new Endpoint(a, port());
        }

        void end() {
            if (p != b.length) {
                throw new IllegalArgumentException("index member has " + (b.length - p) + " trailing bytes");
            }
        }

        private void need(int n) {
            if (p + n > b.length) {
                throw new IllegalArgumentException("index member cut short");
            }
        }
    }
}
