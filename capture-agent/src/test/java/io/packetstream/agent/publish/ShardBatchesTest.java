package io.packetstream.agent.publish;

import io.packetstream.core.record.ClockHeartbeat;
import io.packetstream.core.record.PacketBatchReader;
import io.packetstream.core.record.PacketRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardBatchesTest {

    private final List<ReadyBatch> ready = new ArrayList<>();

    @Test
    void batchClosesAtThePacketLimitAndDecodesBackToItsPackets() {
        ShardBatches batches = new ShardBatches(2, 3, 1 << 20, Long.MAX_VALUE, ready::add);
        for (int i = 0; i < 7; i++) {
            batches.append(1, 1_000L + i, 100 + i, 1, frame(i, 10 + i), 2, 8 + i);
        }
        assertEquals(2, ready.size());
        ReadyBatch first = ready.get(0);
        assertEquals(1, first.shard());
        assertEquals(3, first.packets());
        assertEquals(8 + 9 + 10, first.bytes());
        List<PacketRecord> records = PacketBatchReader.read(first.payload());
        for (int i = 0; i < 3; i++) {
            PacketRecord r = records.get(i);
            assertEquals(1_000L + i, r.timestampNanos());
            assertEquals(100 + i, r.originalLength());
            assertEquals(1, r.linkType());
            assertArrayEquals(Arrays.copyOfRange(frame(i, 10 + i), 2, 10 + i),
                    Arrays.copyOfRange(r.data(), r.offset(), r.offset() + r.capturedLength()));
        }
        batches.flushAll();
        assertEquals(3, ready.size());
        assertEquals(1, ready.get(2).packets());
        assertEquals(List.of(0L, 1L, 2L), ready.stream().map(ReadyBatch::sequence).toList());
    }

    @Test
    void eachShardNumbersItsBatchesFromOneWithoutGaps() {
        ShardBatches batches = new ShardBatches(3, 1, 1 << 20, Long.MAX_VALUE, ready::add);
        for (int shard : new int[]{2, 0, 2, 2, 0, 1}) {
            batches.append(shard, 1, 10, 1, new byte[10], 0, 10);
        }
        assertEquals(List.of(1L, 1L, 2L, 3L, 2L, 1L), ready.stream().map(ReadyBatch::shardSequence).toList());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), ready.stream().map(ReadyBatch::sequence).toList());
    }

    @Test
    void batchStaysUnderTheByteLimitUnlessOnePacketAloneExceedsIt() {
        ShardBatches batches = new ShardBatches(1, 1000, 500, Long.MAX_VALUE, ready::add);
        batches.append(0, 1, 200, 1, new byte[200], 0, 200);
        batches.append(0, 2, 200, 1, new byte[200], 0, 200);
        batches.append(0, 3, 200, 1, new byte[200], 0, 200); // would pass 500: the first two leave first
        assertEquals(1, ready.size());
        assertEquals(2, ready.get(0).packets());
        assertTrue(ready.get(0).payload().length <= 500);
        batches.append(0, 4, 900, 1, new byte[900], 0, 900); // alone bigger than the limit: its own batch
        assertEquals(3, ready.size());
        assertEquals(1, ready.get(2).packets());
        assertEquals(900, ready.get(2).bytes());
    }

    @Test
    void lingerClosesOnlyBatchesWhoseFirstPacketIsOldEnough() throws InterruptedException {
        long linger = 50_000_000L;
        ShardBatches batches = new ShardBatches(3, 100, 1 << 20, linger, ready::add);
        batches.append(0, 1, 10, 1, new byte[10], 0, 10);
        long opened = System.nanoTime();
        batches.flushDue(opened);
        assertTrue(ready.isEmpty());
        Thread.sleep(60);
        batches.append(2, 2, 10, 1, new byte[10], 0, 10);
        batches.flushDue(System.nanoTime());
        assertEquals(1, ready.size());
        assertEquals(0, ready.get(0).shard());
        batches.flushDue(System.nanoTime() + linger);
        assertEquals(2, ready.size());
        assertEquals(2, ready.get(1).shard());
    }

    private static byte[] frame(int seed, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 17 + i);
        }
        return b;
    }

    @Test
    void heartbeatsGoOnlyToQuietShardsWithoutOpenBatchAndAreNumberedLikeBatches() {
        long start = System.nanoTime();
        long second = 1_000_000_000L;
        ShardBatches batches = new ShardBatches(2, 64, 1 << 20, Long.MAX_VALUE, ready::add);
        batches.heartbeats(start, second, 7, () -> true);
        assertEquals(List.of(), ready, "nothing is quiet for a second yet");

        batches.heartbeats(start + 2 * second, second, 42, () -> true);
        assertEquals(2, ready.size(), "both shards were quiet");
        for (int shard = 0; shard < 2; shard++) {
            ReadyBatch h = ready.get(shard);
            assertEquals(shard, h.shard());
            assertEquals(1, h.shardSequence());
            assertEquals(0, h.packets());
            assertEquals(1, h.budgetPackets(), "a heartbeat holds one place in the buffer");
            assertEquals(OptionalLong.of(42), ClockHeartbeat.read(h.payload()));
        }

        batches.append(0, 1_000L, 10, 1, frame(0, 10), 0, 10); // shard 0 has an open batch
        batches.heartbeats(start + 4 * second, second, 43, () -> true);
        assertEquals(3, ready.size());
        assertEquals(1, ready.get(2).shard(), "no heartbeat beside an open batch");
        assertEquals(2, ready.get(2).shardSequence());

        batches.heartbeats(start + 6 * second, second, 44, () -> false);
        assertEquals(3, ready.size(), "no room in the buffer: no heartbeat");
        batches.flushAll();
        assertEquals(2, ready.get(3).shardSequence(), "shard 0's batch follows its heartbeat");
        assertEquals(1, ready.get(3).packets());
    }
}
