package io.packetstream.core.record;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A stream entry that carries no packets, only a sensor's clock: "this sensor has captured everything up to this
 * wall time on this shard". A live agent sends one on a shard that has been quiet for a while, so that the indexer
 * can close the sensor's question-1 connections there although no packet of the sensor arrives
 * (docs/architecture.md, "Stream records").
 *
 * <p>It is an entry like a packet batch ({@code s <sensor> p <payload>}), with a payload whose first byte, the record
 * type and version, is {@value #TYPE} instead of a packet batch's 1:
 * <pre>
 *   u8   2 (clock heartbeat)
 *   i64  the sensor's clock, ns since the epoch, big-endian
 * </pre>
 * A reader that knows only packet batches refuses it with "unsupported record version 2" (an indexer before this
 * format dead-letters it, a query scan counts it as a bad record): clear, and nothing is indexed wrongly.
 */
public final class ClockHeartbeat {

    /** The payload's first byte. */
    public static final byte TYPE = 2;
    private static final int LENGTH = 1 + 8;

    private ClockHeartbeat() {
    }

    /** @return the payload of a heartbeat at {@code clockNanos} */
    public static byte[] encode(long clockNanos) {
        byte[] b = new byte[LENGTH];
        b[0] = TYPE;
        PacketBatchFormat.writeLong(b, 1, clockNanos);
        return b;
    }

    /**
     * @param payload an entry's {@code p} field; never {@code null}
     * @return the clock when the payload is a heartbeat, empty when it is anything else (a packet batch)
     * @throws RecordFormatException when it is marked as a heartbeat but is not {@value #LENGTH} bytes long
     */
    public static OptionalLong read(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length == 0 || payload[0] != TYPE) {
            return OptionalLong.empty();
        }
        if (payload.length != LENGTH) {
            throw new RecordFormatException("a clock heartbeat is " + LENGTH + " bytes, this one " + payload.length);
        }
        return OptionalLong.of(PacketBatchFormat.readLong(payload, 1));
    }
}
