package io.packetstream.indexer.write;

import io.packetstream.core.address.AddressClass;
import io.packetstream.core.address.AddressClassifier;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.TimeBucket;

import java.util.List;

/**
 * Question 6: the pair (local host, outside host) of every packet with one local and one outside end, either
 * direction; special addresses never take part. In minute and hour buckets, in the partition of the local host.
 */
final class OutsideTalkersWriter implements IndexWriter {

    private final KeySchema keys;
    private final int shard;
    private final AddressClassifier classifier;
    private final MemberSets members = new MemberSets(WriteOp.SET_ADD, ChangeTag.NewMembers.OUTSIDE);
    private final BucketKeys minuteKeys = new BucketKeys(KeySchema.OUTSIDE_TALKER_PARTITIONS);
    private final BucketKeys hourKeys = new BucketKeys(KeySchema.OUTSIDE_TALKER_PARTITIONS);

    OutsideTalkersWriter(KeySchema keys, int shard, AddressClassifier classifier) {
        this.keys = keys;
        this.shard = shard;
        this.classifier = classifier;
    }

    @Override
    public void add(IndexedPacket p) {
        IpAddress src = p.ip().src();
        IpAddress dst = p.ip().dst();
        AddressClass s = classifier.classify(src);
        AddressClass d = classifier.classify(dst);
        IpAddress local;
        IpAddress outside;
        if (s == AddressClass.LOCAL && d == AddressClass.OUTSIDE) {
            local = src;
            outside = dst;
        } else if (s == AddressClass.OUTSIDE && d == AddressClass.LOCAL) {
            local = dst;
            outside = src;
        } else {
            return;
        }
        byte[] member = IndexMembers.hostPair(local, outside);
        int partition = KeySchema.outsideTalkerPartition(local);
        long minute = p.epochMinute();
        long hour = p.epochHour();
        members.addToMinute(minuteKeys.get(p.sensor(), minute, partition,
                x -> keys.outsideTalkers(shard, p.sensor(), TimeBucket.minute(minute), x)), p.sensor(), minute, member);
        members.addToHour(hourKeys.get(p.sensor(), hour, partition,
                x -> keys.outsideTalkers(shard, p.sensor(), TimeBucket.hour(hour), x)), member);
    }

    @Override
    public void emitTo(List<KeyWrite> out) {
        members.emitTo(out);
    }
}
