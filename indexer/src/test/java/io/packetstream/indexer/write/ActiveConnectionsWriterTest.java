package io.packetstream.indexer.write;

import io.packetstream.core.index.ActiveWindow;
import io.packetstream.core.index.Connection;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.packetstream.indexer.write.TestPackets.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActiveConnectionsWriterTest {

    private final KeySchema keys = new KeySchema("t");

    @Test
    void bothDirectionsOfAConnectionShareOneWindowWithTheFirstAndLastNanosecond() {
        var out = emit(new ActiveConnectionsWriter(keys, 0),
                at(tcp("10.0.0.1", 51515, "172.16.9.33", 80, 0x18), T0 + 500),
                at(tcp("172.16.9.33", 80, "10.0.0.1", 51515, 0x18), T0 + 900_000_000),
                at(tcp("10.0.0.1", 51515, "172.16.9.33", 80, 0x10), T0 + 1_000));

        assertEquals(1, out.size());
        KeyWrite w = out.get(0);
        assertEquals(WriteOp.WINDOW_MERGE, w.op());
        assertEquals(2, w.args().size());
        assertEquals(keys.activeConnections(0, "s1", CaptureTime.epochSecond(T0),
                KeySchema.connectionPartition(w.args().get(0))), w.key(), "the key of the connection's partition");
        Connection c = Connection.decode(w.args().get(0));
        assertEquals(80, c.server().port());
        assertEquals(new ActiveWindow(500, 900_000_000), ActiveWindow.decode(w.args().get(1)));
    }

    @Test
    void eachSecondHasItsOwnKey() {
        var out = emit(new ActiveConnectionsWriter(keys, 0),
                at(udp("10.0.0.1", 5353, "10.0.0.2", 53), T0 + 999_999_999),
                at(udp("10.0.0.1", 5353, "10.0.0.2", 53), T0 + 1_000_000_000));
        assertEquals(2, out.size());
        assertArrayEquals(new ActiveWindow(999_999_999, 999_999_999).encode(), out.get(0).args().get(1));
        assertArrayEquals(new ActiveWindow(0, 0).encode(), out.get(1).args().get(1));
    }

    @Test
    void portlessProtocolsCountWithPortZeroButCutTcpHeadersDoNot() {
        var out = emit(new ActiveConnectionsWriter(keys, 0),
                at(icmp("10.0.0.1", "8.8.8.8"), T0),
                at(portless("10.0.0.1", "8.8.8.8", 6), T0));
        assertEquals(1, out.size());
        List<byte[]> args = out.get(0).args();
        assertEquals(2, args.size());
        Connection c = Connection.decode(args.get(0));
        assertEquals(1, c.protocol());
        assertTrue(c.low().port() == 0 && c.high().port() == 0);
    }

    @Test
    void windowsComeOutInAscendingSecondsTaggedWithTheirSensorAndSecond() {
        long s = CaptureTime.epochSecond(T0);
        var writer = new ActiveConnectionsWriter(keys, 0);
        writer.add(new IndexedPacket("s2", ENTRY_MS, T0 + 2_000_000_000L, 60, udp("10.0.0.1", 1, "10.0.0.2", 2)));
        writer.add(new IndexedPacket("s1", ENTRY_MS, T0 + 1_000_000_000L, 60, udp("10.0.0.1", 1, "10.0.0.2", 2)));
        writer.add(new IndexedPacket("s2", ENTRY_MS, T0, 60, udp("10.0.0.1", 1, "10.0.0.2", 2)));
        List<KeyWrite> out = new java.util.ArrayList<>();
        writer.emitTo(out);
        assertEquals(List.of(new ChangeTag.Windows("s2", s), new ChangeTag.Windows("s1", s + 1),
                new ChangeTag.Windows("s2", s + 2)), out.stream().map(KeyWrite::changes).toList());
        assertEquals(keys.activeConnections(0, "s1", s + 1, KeySchema.connectionPartition(out.get(1).args().get(0))),
                out.get(1).key());
    }

    @Test
    void aSecondsConnectionsAreSpreadOverItsPartitionsEachWrittenToItsOwnKey() {
        var writer = new ActiveConnectionsWriter(keys, 0);
        for (int port = 1; port <= 200; port++) {
            writer.add(new IndexedPacket("s1", ENTRY_MS, T0, 60, udp("10.0.0.1", 40000 + port, "10.0.0.2", 53)));
        }
        List<KeyWrite> out = new java.util.ArrayList<>();
        writer.emitTo(out);
        assertEquals(KeySchema.CONNECTION_PARTITIONS, out.size(), "200 connections fill every partition");
        int connections = 0;
        for (KeyWrite w : out) {
            for (int i = 0; i < w.args().size(); i += 2) {
                int p = KeySchema.connectionPartition(w.args().get(i));
                assertEquals(keys.activeConnections(0, "s1", CaptureTime.epochSecond(T0), p), w.key());
                connections++;
            }
        }
        assertEquals(200, connections);
    }
}
