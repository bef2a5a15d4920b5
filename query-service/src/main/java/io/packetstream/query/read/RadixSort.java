package io.packetstream.query.read;

import java.util.Arrays;

/**
 * Sorts packed keys by least-significant-byte radix: a pass per byte that is not the same in every key. Answers
 * of thousands of members or connections took a comparison sort milliseconds, the largest share of questions 1
 * and 6 in profiles; here the bytes every key shares (a network, a protocol) cost nothing and the rest a linear
 * pass each. Orders as {@link Long#compare} does (signed).
 */
final class RadixSort {

    private static final int SMALL = 256;

    private RadixSort() {
    }

    /** Sorts the first {@code count} values ascending, as {@link Arrays#sort(long[], int, int)} does. */
    static void sort(long[] values, int count) {
        if (count < SMALL) {
            Arrays.sort(values, 0, count);
            return;
        }
        long[] from = values;
        long[] to = new long[count];
        int[] starts = new int[256];
        for (int shift = 0; shift < 64; shift += 8) {
            if (!positions(from, count, shift, starts)) {
                continue;
            }
            for (int i = 0; i < count; i++) {
                to[starts[digit(from[i], shift)]++] = from[i];
            }
            long[] swap = from;
            from = to;
            to = swap;
        }
        if (from != values) {
            System.arraycopy(from, 0, values, 0, count);
        }
    }

    /**
     * Sorts the first {@code count} positions of the three arrays together, by {@code high}, then {@code low}
     * (stable: equal keys keep their order).
     *
     * @param items carried along, e.g. the index of what each key stands for
     */
    static void sort(long[] high, long[] low, int[] items, int count) {
        // every digit's counts in one read of the keys: sixteen histograms, low's bytes first
        int[][] counts = new int[16][256];
        for (int i = 0; i < count; i++) {
            long l = low[i];
            long h = high[i];
            for (int b = 0; b < 8; b++) {
                counts[b][digit(l, b * 8)]++;
                counts[8 + b][digit(h, b * 8)]++;
            }
        }
        long[] fromLow = low;
        long[] fromHigh = high;
        int[] fromItems = items;
        long[] toLow = new long[count];
        long[] toHigh = new long[count];
        int[] toItems = new int[count];
        for (int pass = 0; pass < 16; pass++) {
            int[] starts = counts[pass];
            if (count == 0 || !starts(starts, count)) {
                continue; // every key has the same digit here: a pass would change nothing
            }
            int shift = pass % 8 * 8;
            long[] by = pass < 8 ? fromLow : fromHigh;
            for (int i = 0; i < count; i++) {
                int at = starts[digit(by[i], shift)]++;
                toLow[at] = fromLow[i];
                toHigh[at] = fromHigh[i];
                toItems[at] = fromItems[i];
            }
            long[] swapLow = fromLow;
            fromLow = toLow;
            toLow = swapLow;
            long[] swapHigh = fromHigh;
            fromHigh = toHigh;
            toHigh = swapHigh;
            int[] swapItems = fromItems;
            fromItems = toItems;
            toItems = swapItems;
        }
        if (fromItems != items) {
            System.arraycopy(fromLow, 0, low, 0, count);
            System.arraycopy(fromHigh, 0, high, 0, count);
            System.arraycopy(fromItems, 0, items, 0, count);
        }
    }

    /**
     * Counts the digits at {@code shift} and turns the counts into each digit's first position.
     *
     * @return false when every key has the same digit there: a pass would change nothing
     */
    private static boolean positions(long[] keys, int count, int shift, int[] starts) {
        Arrays.fill(starts, 0);
        for (int i = 0; i < count; i++) {
            starts[digit(keys[i], shift)]++;
        }
        return count > 0 && starts(starts, count);
    }

    /**
     * Turns a digit's counts into each digit's first position.
     *
     * @return false, leaving the counts, when one digit has them all: a pass would change nothing
     */
    private static boolean starts(int[] counts, int count) {
        int position = 0;
        for (int d = 0; d < 256; d++) {
            int n = counts[d];
            if (n == count) {
                return false;
            }
            counts[d] = position;
            position += n;
        }
        return true;
    }

    /** The byte at {@code shift}; the top byte's sign bit flipped, which makes the signed order unsigned digits. */
    private static int digit(long key, int shift) {
        return ((int) (key >>> shift) & 0xFF) ^ (shift == 56 ? 0x80 : 0);
    }
}
