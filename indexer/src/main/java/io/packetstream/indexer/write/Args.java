package io.packetstream.indexer.write;

import java.nio.charset.StandardCharsets;

/** Text arguments of key writes (scores, counts, field names) as the ASCII bytes Redis parses. */
final class Args {

    static final byte[] ZERO = ascii("0");

    private Args() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] number(long n) {
        return ascii(Long.toString(n));
    }
}
