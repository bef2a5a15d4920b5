package io.packetstream.query.read;

/**
 * Finds a byte sequence in a region of an array with Boyer-Moore-Horspool: after a mismatch it skips ahead by
 * as much as the byte under the sequence's last position allows, so most bytes of a payload are never compared.
 * Immutable and thread-safe.
 */
final class PayloadSearch {

    private final byte[] needle;
    private final int[] skip = new int[256];

    /** @param needle the sequence, at least one byte; not copied, must not change */
    PayloadSearch(byte[] needle) {
        if (needle.length == 0) {
            throw new IllegalArgumentException("the sequence must not be empty");
        }
        this.needle = needle;
        int last = needle.length - 1;
        java.util.Arrays.fill(skip, needle.length);
        for (int i = 0; i < last; i++) {
            skip[needle[i] & 0xFF] = last - i;
        }
    }

    /**
     * @param haystack the array to search
     * @param from     first index of the region, inclusive
     * @param to       end of the region, exclusive
     * @return the index of the first occurrence entirely inside {@code [from, to)}, or -1
     */
    int indexIn(byte[] haystack, int from, int to) {
        int last = needle.length - 1;
        int end = Math.min(to, haystack.length) - last;
        byte lastByte = needle[last];
        for (int i = Math.max(from, 0); i < end; ) {
            byte b = haystack[i + last];
            if (b == lastByte && matchesAt(haystack, i, last)) {
                return i;
            }
            i += skip[b & 0xFF];
        }
        return -1;
    }

    boolean foundIn(byte[] haystack, int from, int to) {
        return indexIn(haystack, from, to) >= 0;
    }

    private boolean matchesAt(byte[] haystack, int at, int last) {
        for (int j = 0; j < last; j++) {
            if (haystack[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
