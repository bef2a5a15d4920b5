package io.packetstream.indexer.write;

import io.packetstream.core.decode.IpPacket;

import java.util.Optional;

/** The decoder seam: {@code PacketDecoder::decode} in production, a stand-in in tests. */
@FunctionalInterface
interface FrameDecoder {

    Optional<IpPacket> decode(int linkType, byte[] frame, int offset, int capturedLength);
}
