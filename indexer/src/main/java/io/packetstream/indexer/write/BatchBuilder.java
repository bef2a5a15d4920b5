package io.packetstream.indexer.write;

import io.packetstream.core.address.AddressClassifier;
import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.decode.MalformedPacketException;
import io.packetstream.core.decode.PacketDecoder;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.record.ClockHeartbeat;
import io.packetstream.core.record.PacketBatchReader;
import io.packetstream.core.record.PacketRecord;
import io.packetstream.core.record.RecordFormatException;
import io.packetstream.core.record.StreamEntryFields;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Turns a batch of stream entries into the aggregated writes of all six questions plus bookkeeping: decodes every
 * packet, skips and counts malformed ones, and sends poison entries to the dead letters.
 *
 * Each write carries the {@link ChangeTag} the shard writer derives its change events from; every entry that is
 * not dead-lettered is announced by an {@code E} event, except a clock heartbeat, which holds no packets and only
 * advances its sensor's capture clock ({@link IndexBatch#clocks()}).
 *
 * <p>Stateless between batches and thread-safe: each call builds fresh writers. New query structures plug in as
 * further {@link IndexWriter}s in {@link #writers}.
 */
public final class BatchBuilder {

    /** The malformed-packet reason of a decoder failure other than {@link MalformedPacketException}. */
    public static final String DECODER_ERROR = "decoder_error";

    private static final byte[] NONE = new byte[0];

    private final KeySchema keys;
    private final AddressClassifier classifier;
    private final FrameDecoder decoder;

    /**
     * @param keys       where the writes go; never {@code null}
     * @param classifier which addresses are local (question 6); never {@code null}
     */
    public BatchBuilder(KeySchema keys, AddressClassifier classifier) {
        this(keys, classifier, PacketDecoder::decode);
    }

    BatchBuilder(KeySchema keys, AddressClassifier classifier, FrameDecoder decoder) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /**
     * @param shard      the shard the entries were read from
     * @param entries    the entries, in stream order; never {@code null}
     * @return the batch, acknowledging every entry
     */
    public IndexBatch build(int shard, List<StreamEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        IndexWriter[] writers = writers(shard); // an array: a list's iterator per packet was garbage
        List<String> ids = new ArrayList<>(entries.size());
        List<DeadLetter> dead = new ArrayList<>();
        List<ChangeEvent.EntryIndexed> indexed = new ArrayList<>(entries.size());
        Map<String, Long> malformed = new TreeMap<>();
        Map<String, Long> clocks = new HashMap<>();
        long packets = 0;
        long nonIp = 0;
        long newest = Long.MIN_VALUE;
        for (StreamEntry entry : entries) {
            ids.add(entry.id());
            Map<String, byte[]> fields = entry.fields().orElse(Map.of());
            byte[] sensorBytes = fields.getOrDefault(StreamEntryFields.SENSOR, NONE);
            byte[] payload = fields.getOrDefault(StreamEntryFields.PACKETS, NONE);
            Optional<DeadLetter> poison = checkFields(entry, sensorBytes, payload);
            if (poison.isPresent()) {
                dead.add(poison.get());
                continue;
            }
            String sensor = new String(sensorBytes, StandardCharsets.UTF_8);
            List<PacketRecord> records;
            try {
                OptionalLong heartbeat = ClockHeartbeat.read(payload);
                if (heartbeat.isPresent()) {
                    clocks.merge(sensor, heartbeat.getAsLong(), Math::max);
                    continue;
                }
                records = PacketBatchReader.read(payload);
            } catch (RecordFormatException e) {
                dead.add(new DeadLetter(entry.id(), DeadLetter.UNREADABLE, e.getMessage(), sensorBytes, payload));
                continue;
            }
            indexed.add(new ChangeEvent.EntryIndexed(sensor, entry.id()));
            long millis = entry.millis();
            long entryNewest = Long.MIN_VALUE;
            for (PacketRecord r : records) {
                Optional<IpPacket> ip;
                try {
                    ip = decoder.decode(r.linkType(), r.data(), r.offset(), r.capturedLength());
                } catch (MalformedPacketException e) {
                    malformed.merge(e.reason().tag(), 1L, Long::sum);
                    continue;
                } catch (RuntimeException e) {
                    // a decoder bug must cost one packet, not stop the shard
                    malformed.merge(DECODER_ERROR, 1L, Long::sum);
                    continue;
                }
                if (ip.isEmpty()) {
                    nonIp++;
                    continue;
                }
                IndexedPacket p = new IndexedPacket(sensor, millis, r.timestampNanos(), r.originalLength(), ip.get());
                for (IndexWriter w : writers) {
                    w.add(p);
                }
                packets++;
                entryNewest = Math.max(entryNewest, r.timestampNanos());
            }
            if (entryNewest != Long.MIN_VALUE) {
                clocks.merge(sensor, entryNewest, Math::max);
                newest = Math.max(newest, entryNewest);
            }
        }
        List<KeyWrite> writes = new ArrayList<>();
        for (IndexWriter w : writers) {
            w.emitTo(writes);
        }
        BatchStats stats = new BatchStats(packets, nonIp, malformed,
                packets == 0 ? OptionalLong.empty() : OptionalLong.of(newest));
        return new IndexBatch(shard, ids, dead, writes, indexed, clocks, stats);
    }

    private IndexWriter[] writers(int shard) {
        return new IndexWriter[]{
                new BookkeepingWriter(keys, shard),
                new ActiveConnectionsWriter(keys, shard),
                new VolumeWriter(keys, shard),
                new PeersWriter(keys, shard),
                new ServicesWriter(keys, shard),
                new PacketTimesWriter(keys, shard),
                new OutsideTalkersWriter(keys, shard, classifier)};
    }

    private static Optional<DeadLetter> checkFields(StreamEntry entry, byte[] sensor, byte[] payload) {
        if (entry.fields().isEmpty()) {
            return Optional.of(new DeadLetter(entry.id(), DeadLetter.DELETED,
                    "the entry was trimmed or deleted before it was indexed", NONE, NONE));
        }
        Map<String, byte[]> fields = entry.fields().get();
        for (String name : List.of(StreamEntryFields.SENSOR, StreamEntryFields.PACKETS)) {
            if (!fields.containsKey(name)) {
                return Optional.of(new DeadLetter(entry.id(), DeadLetter.MISSING_FIELD, "no '" + name + "' field",
                        sensor, payload));
            }
        }
        String name = new String(sensor, StandardCharsets.UTF_8);
        try {
            KeySchema.checkName(name, "sensor");
        } catch (IllegalArgumentException e) {
            return Optional.of(new DeadLetter(entry.id(), DeadLetter.BAD_SENSOR, e.getMessage(), sensor, payload));
        }
        return Optional.empty();
    }
}
