package io.packetstream.indexer.write;

import io.packetstream.core.address.AddressClassifier;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.TimeBucket;

import java.util.List;

/**
 * Question 4: host and well-known port (below 1024) that received a TCP SYN without ACK or a UDP datagram, unless
 * the host is multicast or broadcast; in minute and hour buckets.
 */
final class ServicesWriter implements IndexWriter {

    private final KeySchema keys;
    private final int shard;
    private final MemberSets members = new MemberSets(WriteOp.SET_ADD, ChangeTag.NewMembers.SERVICE);
    private final BucketKeys minuteKeys = new BucketKeys(1);
    private final BucketKeys hourKeys = new BucketKeys(1);

    ServicesWriter(KeySchema keys, int shard) {
        this.keys = keys;
        this.shard = shard;
    }

    @Override
    public void add(IndexedPacket p) {
        IpPacket ip = p.ip();
        boolean attempt = ip.isConnectionAttempt() || (ip.isUdp() && ip.hasPorts());
        if (!attempt || ip.dstPort() >= IndexMembers.WELL_KNOWN_PORT_LIMIT || AddressClassifier.isMulticastOrBroadcast(ip.dst())) {
            return;
        }
        byte[] member = IndexMembers.service(ip.dst(), ip.dstPort());
        long minute = p.epochMinute();
        long hour = p.epochHour();
        members.addToMinute(minuteKeys.get(p.sensor(), minute, 0,
                x -> keys.services(shard, p.sensor(), TimeBucket.minute(minute))), p.sensor(), minute, member);
        members.addToHour(hourKeys.get(p.sensor(), hour, 0,
                x -> keys.services(shard, p.sensor(), TimeBucket.hour(hour))), member);
    }

    @Override
    public void emitTo(List<KeyWrite> out) {
        members.emitTo(out);
    }
}
