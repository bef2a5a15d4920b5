package io.packetstream.indexer.write;

import java.nio.charset.StandardCharsets;

/** Text arguments of Redis commands (scores, counts, field names, ids) as the bytes Redis parses. */
public final class Args {

    static final byte[] ZERO = ascii("0");

    private Args() {
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] number(long n) {
        return ascii(Long.toString(n));
    }
}
