package io.packetstream.agent.publish;

import io.packetstream.agent.metrics.AgentMetrics;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.decode.MalformedPacketException;
import io.packetstream.core.decode.PacketDecoder;
import io.packetstream.core.keys.FlowShard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Picks the shard of a frame: the flow hash of its decoded IP packet, shard 0 for frames without IP. A frame the
 * decoder rejects is counted under the decoder's reason and still goes to shard 0; the indexer counts and skips
 * it again, so nothing is lost silently.
 */
final class ShardRouter {

    /** Reason tag for a decoder that failed in an unexpected way (a bug, not a bad frame). */
    static final String DECODER_ERROR = "decoder_error";

    private static final Logger log = LoggerFactory.getLogger(ShardRouter.class);

    private final int shards;
    private final AgentMetrics metrics;
    private boolean decoderErrorLogged;

    ShardRouter(int shards, AgentMetrics metrics) {
        this.shards = shards;
        this.metrics = metrics;
    }

    int shardOf(int linkType, byte[] frame, int offset, int capturedLength) {
        try {
            Optional<IpPacket> packet = PacketDecoder.decode(linkType, frame, offset, capturedLength);
            return packet.isPresent() ? FlowShard.of(packet.get(), shards) : 0;
        } catch (MalformedPacketException e) {
            metrics.malformed(e.reason().tag());
            return 0;
        } catch (RuntimeException e) {
            metrics.malformed(DECODER_ERROR);
            if (!decoderErrorLogged) {
                decoderErrorLogged = true;
                log.warn("the packet decoder failed ({}); such frames go to shard 0 and are counted as malformed "
                        + "reason={}", e.toString(), DECODER_ERROR);
            }
            return 0;
        }
    }
}
