package io.packetstream.indexer.write;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.TimeBucket;

import java.util.List;

/**
 * Question 3: for every TCP or UDP packet with ports, "dst:dstPort was talked to by src" and "src:srcPort was talked
 * to by dst", in the packet's minute and hour buckets (sorted sets, scores 0, searched by lex prefix), in the
 * partition of the host talked to.
 */
final class PeersWriter implements IndexWriter {

    private final KeySchema keys;
    private final int shard;
    private final MemberSets members = new MemberSets(WriteOp.SORTED_ADD, ChangeTag.NewMembers.PEER);
    private final BucketKeys minuteKeys = new BucketKeys(KeySchema.PEER_PARTITIONS);
    private final BucketKeys hourKeys = new BucketKeys(KeySchema.PEER_PARTITIONS);

    PeersWriter(KeySchema keys, int shard) {
        this.keys = keys;
        this.shard = shard;
    }

    @Override
    public void add(IndexedPacket p) {
        IpPacket ip = p.ip();
        if (!ip.hasPorts() || !(ip.isTcp() || ip.isUdp())) {
            return;
        }
        byte[] toDst = IndexMembers.peer(ip.dst(), ip.dstPort(), ip.src());
        byte[] toSrc = IndexMembers.peer(ip.src(), ip.srcPort(), ip.dst());
        add(p, ip.dst(), toDst);
        add(p, ip.src(), toSrc);
    }

    private void add(IndexedPacket p, IpAddress host, byte[] member) {
        int partition = KeySchema.peerPartition(host);
        long minute = p.epochMinute();
        long hour = p.epochHour();
        members.addToMinute(minuteKeys.get(p.sensor(), minute, partition,
                x -> keys.peers(shard, p.sensor(), TimeBucket.minute(minute), host)), p.sensor(), minute, member);
        members.addToHour(hourKeys.get(p.sensor(), hour, partition,
                x -> keys.peers(shard, p.sensor(), TimeBucket.hour(hour), host)), member);
    }

    @Override
    public void emitTo(List<KeyWrite> out) {
        members.emitTo(out);
    }
}
