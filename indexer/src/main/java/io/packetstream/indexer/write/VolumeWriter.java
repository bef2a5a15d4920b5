package io.packetstream.indexer.write;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.keys.KeySchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Question 2: per sensor, unordered host pair and UTC day, the packets ({@code p<minuteOfDay>}) and bytes
 * ({@code b<minuteOfDay>}, original lengths on the wire) of every minute. Summed in the batch, one
 * sum per field; the shard writer adds them to the totals Redis holds and announces them.
 */
final class VolumeWriter implements IndexWriter {

    private final KeySchema keys;
    private final int shard;
    private final Map<String, Map<Integer, long[]>> minutes = new LinkedHashMap<>();
    private final Map<String, ChangeTag> tags = new HashMap<>();
    /** key names by host pair and day: naming formats both addresses, once per pair and batch is enough */
    private final Map<Pair, String> names = new HashMap<>();

    private record Pair(String sensor, IpAddress src, IpAddress dst, long epochDay) {
    }

    VolumeWriter(KeySchema keys, int shard) {
        this.keys = keys;
        this.shard = shard;
    }

    @Override
    public void add(IndexedPacket p) {
        String key = names.computeIfAbsent(new Pair(p.sensor(), p.ip().src(), p.ip().dst(), p.epochDay()),
                x -> keys.volume(shard, x.sensor(), x.src(), x.dst(), x.epochDay()));
        if (!tags.containsKey(key)) {
            // the key's canonical order, as KeySchema.volume names it
            IpAddress src = p.ip().src();
            IpAddress dst = p.ip().dst();
            IpAddress low = src.compareTo(dst) <= 0 ? src : dst;
            tags.put(key, new ChangeTag.Totals(p.sensor(), low, low == src ? dst : src, p.epochDay()));
        }
        long[] sums = minutes.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(p.minuteOfDay(), m -> new long[2]);
        sums[0]++;
        sums[1] += p.originalLength();
    }

    @Override
    public void emitTo(List<KeyWrite> out) {
        for (Map.Entry<String, Map<Integer, long[]>> e : minutes.entrySet()) {
            List<byte[]> args = new ArrayList<>(4 * e.getValue().size());
            for (Map.Entry<Integer, long[]> m : e.getValue().entrySet()) {
                args.add(Args.ascii("p" + m.getKey()));
                args.add(Args.number(m.getValue()[0]));
                args.add(Args.ascii("b" + m.getKey()));
                args.add(Args.number(m.getValue()[1]));
            }
            out.add(new KeyWrite(e.getKey(), WriteOp.HASH_INCREMENT, args, tags.get(e.getKey())));
        }
        minutes.clear();
        tags.clear();
        names.clear();
    }
}
