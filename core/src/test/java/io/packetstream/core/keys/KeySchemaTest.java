package io.packetstream.core.keys;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.time.TimeBucket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeySchemaTest {

    private final KeySchema keys = new KeySchema("ps");

    @Test
    void everyKeyOfAShardCarriesItsHashTag() {
        IpAddress a = IpAddress.parse("10.0.0.1");
        IpAddress b = IpAddress.parse("10.0.0.2");
        for (String key : new String[]{keys.stream(3), keys.publishers(3), keys.deadLetters(3), keys.changes(3), keys.sensors(3),
                keys.meta(3), keys.lease(3), keys.journal(3), keys.hours(3, "s1"), keys.activeConnections(3, "s1", 10, 7),
                keys.volume(3, "s1", a, b, 1),
                keys.peers(3, "s1", TimeBucket.minute(5), a), keys.services(3, "s1", TimeBucket.hour(5)),
                keys.packetTimes(3, "s1", 1, true), keys.outsideTalkers(3, "s1", TimeBucket.minute(5), 15),
                keys.outsideTalkersUnpartitioned(3, "s1", TimeBucket.hour(5))}) {
            assertEquals("{3}", hashTag(key), key);
        }
    }

    @Test
    void keyNamesAreReadable() {
        assertEquals("ps:{0}:packets", keys.stream(0));
        assertEquals("ps:{0}:q1:s1:1795253892:5", keys.activeConnections(0, "s1", 1_795_253_892L, 5));
        IpAddress host = IpAddress.parse("172.16.9.33");
        assertEquals("ps:{0}:q3:s1:m:29920898:" + KeySchema.peerPartition(host),
                keys.peers(0, "s1", TimeBucket.minute(29_920_898L), host));
        assertEquals("ps:{0}:q5:s1:20778:last", keys.packetTimes(0, "s1", 20_778L, false));
        assertEquals("ps:{0}:q6:s1:h:498681:" + KeySchema.outsideTalkerPartition(host),
                keys.outsideTalkers(0, "s1", TimeBucket.hour(498_681L), KeySchema.outsideTalkerPartition(host)));
        assertEquals("ps:{0}:q6:s1:h:498681", keys.outsideTalkersUnpartitioned(0, "s1", TimeBucket.hour(498_681L)));
    }

    @Test
    void volumeKeyIsTheSameInBothDirections() {
        IpAddress a = IpAddress.parse("172.16.9.33");
        IpAddress b = IpAddress.parse("10.0.0.1");
        assertEquals(keys.volume(0, "s", a, b, 1), keys.volume(0, "s", b, a, 1));
        assertEquals("ps:{0}:q2:s:10.0.0.1,172.16.9.33:1", keys.volume(0, "s", a, b, 1));
    }

    @Test
    void peerPartitionsAreStableAndSpread() {
        assertEquals(Math.floorMod(java.util.Arrays.hashCode(new byte[]{10, 0, 0, 1}), KeySchema.PEER_PARTITIONS),
                KeySchema.peerPartition(IpAddress.parse("10.0.0.1")));
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            used.add(KeySchema.peerPartition(IpAddress.of(new byte[]{10, 1, (byte) (i >> 8), (byte) i})));
        }
        assertEquals(KeySchema.PEER_PARTITIONS, used.size());
    }

    @Test
    void outsideTalkerPartitionsAreStableAndSpread() {
        assertEquals(Math.floorMod(java.util.Arrays.hashCode(new byte[]{10, 0, 0, 1}), KeySchema.OUTSIDE_TALKER_PARTITIONS),
                KeySchema.outsideTalkerPartition(IpAddress.parse("10.0.0.1")));
        int[] hosts = new int[KeySchema.OUTSIDE_TALKER_PARTITIONS];
        for (int i = 0; i < 1600; i++) {
            hosts[KeySchema.outsideTalkerPartition(IpAddress.of(new byte[]{10, 1, (byte) (i >> 8), (byte) i}))]++;
        }
        for (int n : hosts) {
            assertEquals(100, n, 30, "hosts a partition, of 1,600 spread evenly: " + java.util.Arrays.toString(hosts));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "s{1}", "s:1", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "sensör"})
    void rejectsNamesThatWouldBreakKeys(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeySchema.checkName(name, "sensor"));
        assertEquals("sensor '" + name + "' must be 1 to 64 letters, digits, '.', '_' or '-'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "0", "edge-1.lab_2", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._"})
    void acceptsLettersDigitsDotUnderscoreAndDashUpTo64(String name) {
        assertEquals(name, KeySchema.checkName(name, "sensor"));
    }

    private static String hashTag(String key) {
        int open = key.indexOf('{');
        return key.substring(open, key.indexOf('}', open) + 1);
    }
}
