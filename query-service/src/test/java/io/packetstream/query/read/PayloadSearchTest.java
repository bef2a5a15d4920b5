package io.packetstream.query.read;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadSearchTest {

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    @Test
    void findsTheSequenceOnlyInsideTheRegion() {
        // 53.175.248.10 (35 af f8 0a) in a "header" at 0..3, then a payload from 4
        byte[] frame = hex("35aff80a" + "0102" + "35aff8" + "ff");
        PayloadSearch s = new PayloadSearch(hex("35aff8"));
        assertEquals(0, s.indexIn(frame, 0, frame.length));
        assertEquals(6, s.indexIn(frame, 4, frame.length));
        assertEquals(-1, s.indexIn(frame, 4, 8), "a match crossing the region's end does not count");
        assertEquals(-1, s.indexIn(frame, 1, 6), "nor one starting before the region");
        assertTrue(s.foundIn(frame, 6, 9));
        assertFalse(s.foundIn(frame, 7, 10));
    }

    @Test
    void handlesOneByteRepeatsAndTheEdges() {
        assertEquals(2, new PayloadSearch(hex("ff")).indexIn(hex("0000ff"), 0, 3));
        assertEquals(-1, new PayloadSearch(hex("ff")).indexIn(hex("0000ff"), 0, 2));
        assertEquals(1, new PayloadSearch(hex("aaab")).indexIn(hex("aaaaabaa"), 0, 8));
        assertEquals(-1, new PayloadSearch(hex("0102")).indexIn(hex("01"), 0, 1));
        assertEquals(-1, new PayloadSearch(hex("0102")).indexIn(new byte[0], 0, 0));
        assertEquals(0, new PayloadSearch(hex("0102")).indexIn(hex("0102"), 0, 99), "region clamped to the array");
        assertThrows(IllegalArgumentException.class, () -> new PayloadSearch(new byte[0]));
    }

    @Test
    void agreesWithANaiveSearchOnRandomBytes() {
        Random random = new Random(42);
        // few symbols, so that matches and near matches are common; with high-bit bytes and bytes one apart,
        // which the word-at-a-time search must neither miss nor mistake
        byte[] symbols = {0, 1, 2, (byte) 0x80, (byte) 0xFF, 0x7F};
        for (int round = 0; round < 4000; round++) {
            int alphabet = round % 2 == 0 ? 3 : symbols.length;
            byte[] hay = new byte[random.nextInt(64)];
            byte[] needle = new byte[1 + random.nextInt(4)];
            for (int i = 0; i < hay.length; i++) {
                hay[i] = symbols[random.nextInt(alphabet)];
            }
            for (int i = 0; i < needle.length; i++) {
                needle[i] = symbols[random.nextInt(alphabet)];
            }
            int from = hay.length == 0 ? 0 : random.nextInt(hay.length);
            int to = from + random.nextInt(hay.length - from + 1);
            assertEquals(naive(hay, needle, from, to), new PayloadSearch(needle).indexIn(hay, from, to));
        }
    }

    private static int naive(byte[] hay, byte[] needle, int from, int to) {
        outer:
        for (int i = from; i + needle.length <= to; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
