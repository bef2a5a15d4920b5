package io.packetstream.query.render;

import com.fasterxml.jackson.core.JsonGenerator;
import io.packetstream.core.address.IpAddress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes addresses as {@link IpAddress#toString()} does (dotted quad; RFC 5952 for IPv6: lower-case hex, the longest
 * run of two or more zero groups, the first on a tie, as {@code ::}), straight into the JSON output. Answers hold
 * tens of thousands of addresses: a String for each showed in profiles, and so did Jackson's separator and context
 * checks when every address was a value of its own (a quarter of question 6's time). So an address is written as
 * its UTF-8 bytes with {@link JsonGenerator#writeRawUTF8String}, which copies them between quotes as they are, and a
 * list of them as one such value whose bytes hold the quotes and commas in between ({@code a","b","c}): Jackson
 * checks its context once a list. The text is built in a buffer this writer keeps. Not thread-safe: one per document.
 */
final class AddressText {

    /** Longest address and what separates it from the next: 39 bytes of IPv6 text, then {@code ","}. */
    private static final int MOST_BYTES = 42;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] OCTETS = octets();

    private byte[] text = new byte[MOST_BYTES];

    /** Writes one address as a JSON string value. */
    void write(JsonGenerator g, IpAddress address) throws IOException {
        g.writeRawUTF8String(text, 0, text(address, text, 0)); // digits, dots, hex and colons need no escaping
    }

    /** Writes the addresses as the elements of the array just started. */
    void writeElements(JsonGenerator g, List<IpAddress> addresses) throws IOException {
        if (addresses.isEmpty()) {
            return;
        }
        if (text.length < addresses.size() * MOST_BYTES) {
            text = new byte[addresses.size() * MOST_BYTES];
        }
        int n = 0;
        for (IpAddress address : addresses) {
            if (n > 0) {
                text[n++] = '"';
                text[n++] = ',';
                text[n++] = '"';
            }
            n = text(address, text, n);
        }
        g.writeRawUTF8String(text, 0, n); // the first and last quotes are the value's own
    }

    /** Writes the address's text into {@code out} at {@code n}; returns the position after it. */
    private static int text(IpAddress address, byte[] out, int n) {
        return address.isIpv4() ? ipv4(address, out, n) : ipv6(address, out, n);
    }

    private static int ipv4(IpAddress address, byte[] out, int n) {
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                out[n++] = '.';
            }
            byte[] octet = OCTETS[address.byteAt(i)];
            System.arraycopy(octet, 0, out, n, octet.length);
            n += octet.length;
        }
        return n;
    }

    private static int ipv6(IpAddress address, byte[] out, int n) {
        // the longest run (first on a tie) of two or more zero groups
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (group(address, i) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && group(address, j) == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out[n++] = ':';
                if (i == 0) {
                    out[n++] = ':';
                }
                i += bestLength - 1;
                continue;
            }
            n = hex(group(address, i), out, n);
            if (i < 7) {
                out[n++] = ':';
            }
        }
        return n;
    }

    private static int group(IpAddress address, int i) {
        return address.byteAt(2 * i) << 8 | address.byteAt(2 * i + 1);
    }

    /** Writes a group in lower-case hex without leading zeros; returns the position after it. */
    private static int hex(int group, byte[] out, int n) {
        int shift = group >= 0x1000 ? 12 : group >= 0x100 ? 8 : group >= 0x10 ? 4 : 0;
        for (; shift >= 0; shift -= 4) {
            out[n++] = HEX[group >>> shift & 0xF];
        }
        return n;
    }

    private static byte[][] octets() {
        byte[][] out = new byte[256][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }
}
