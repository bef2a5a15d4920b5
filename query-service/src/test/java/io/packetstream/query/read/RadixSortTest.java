package io.packetstream.query.read;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The radix sorts order exactly as comparison sorts do: signed, and by the second key within equal first keys,
 * carrying each key's item along, equal keys in their original order.
 */
class RadixSortTest {

    @Test
    void ordersLikeASignedSort() {
        Random random = new Random(64);
        for (int size : new int[]{0, 1, 255, 256, 5000}) {
            long[] values = new long[size];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(4) == 0 ? random.nextLong() : random.nextLong() & 0x0000_FF00_FF00_00FFL;
            }
            long[] expected = values.clone();
            Arrays.sort(expected);
            RadixSort.sort(values, values.length);
            assertArrayEquals(expected, values);
        }
    }

    @Test
    void pairsOrderByHighThenLowAndKeepTheirItems() {
        Random random = new Random(65);
        for (int size : new int[]{0, 1, 2, 300, 5000}) {
            long[] high = new long[size];
            long[] low = new long[size];
            int[] items = new int[size];
            Integer[] reference = new Integer[size];
            for (int i = 0; i < size; i++) {
                // few distinct highs (many ties for low to break), some negative; repeats of whole keys too
                high[i] = random.nextInt(5) == 0 ? -random.nextInt(3) : random.nextInt(40) * 0x0100_0001_0000L;
                low[i] = random.nextInt(6) == 0 ? Long.MIN_VALUE + random.nextInt(2) : random.nextInt(1 << 20) * 7919L;
                items[i] = i;
                reference[i] = i;
            }
            long[] h = high.clone();
            long[] l = low.clone();
            // a stable comparison sort of the positions is the reference
            Arrays.sort(reference, Comparator.<Integer>comparingLong(i -> h[i]).thenComparingLong(i -> l[i]));
            RadixSort.sort(high, low, items, size);
            for (int i = 0; i < size; i++) {
                high[i] = h[items[i]] == high[i] ? high[i] : Long.MAX_VALUE; // the item still names its keys
                low[i] = l[items[i]] == low[i] ? low[i] : Long.MAX_VALUE;
            }
            assertArrayEquals(Arrays.stream(reference).mapToInt(Integer::intValue).toArray(), items);
            assertArrayEquals(Arrays.stream(reference).mapToLong(i -> h[i]).toArray(), high);
            assertArrayEquals(Arrays.stream(reference).mapToLong(i -> l[i]).toArray(), low);
        }
    }
}
