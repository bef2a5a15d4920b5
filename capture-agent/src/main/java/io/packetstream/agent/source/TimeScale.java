package io.packetstream.agent.source;

import java.util.Locale;
import java.util.Optional;

/**
 * Converts pcapng timestamp units to nanoseconds for one interface: the {@code if_tsresol} option (10^-n or, with
 * the high bit set, 2^-n seconds per unit) plus the {@code if_tsoffset} option (whole seconds to add).
 * Immutable; built once per Interface Description Block, so conversion allocates nothing.
 */
final class TimeScale {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    /**
     * The finest decimal resolution accepted, 10^-12 s: real capture clocks stop at nanoseconds and tools write
     * at most picoseconds; a finer value (0x7F is 10^-127 s) is a damaged header, not a clock, and would map
     * every packet to 1970.
     */
    static final int MAX_DECIMAL_EXPONENT = 12;
    /** The finest binary resolution accepted, 2^-40 s (about a picosecond), for the same reason. */
    static final int MAX_BINARY_EXPONENT = 40;
    /** The largest {@code if_tsoffset} accepted: 2^32 s (136 years) either way; beyond, nanoseconds overflow. */
    static final long MAX_OFFSET_SECONDS = 1L << 32;

    /** pcapng's default resolution: microseconds, no offset. */
    static final TimeScale MICROS = of((byte) 6, 0);

    private final boolean binary;
    private final int exponent;
    private final long multiplier;
    private final long divisor;
    private final long offsetNanos;
    private final String text;

    private TimeScale(boolean binary, int exponent, long offsetSeconds) {
        this.binary = binary;
        this.exponent = exponent;
        if (binary) {
            multiplier = 1;
            divisor = 1;
        } else if (exponent <= 9) {
            multiplier = POWERS_OF_TEN[9 - exponent];
            divisor = 1;
        } else {
            multiplier = 1;
            divisor = exponent - 9 < POWERS_OF_TEN.length ? POWERS_OF_TEN[exponent - 9] : 0;
        }
        this.offsetNanos = offsetSeconds * NANOS_PER_SECOND;
        this.text = (binary ? "2^-" : "10^-") + exponent + " s" + (offsetSeconds != 0 ? " + " + offsetSeconds + " s" : "");
    }

    /**
     * @param tsresol       the {@code if_tsresol} byte
     * @param offsetSeconds the {@code if_tsoffset} value
     */
    static TimeScale of(byte tsresol, long offsetSeconds) {
        boolean binary = (tsresol & 0x80) != 0;
        return new TimeScale(binary, tsresol & 0x7F, offsetSeconds);
    }

    /**
     * @return why no real capture has this resolution or offset (the interface is malformed), or empty when it is
     *         usable
     */
    static Optional<String> implausible(byte tsresol, long offsetSeconds) {
        boolean binary = (tsresol & 0x80) != 0;
        int exponent = tsresol & 0x7F;
        if (exponent > (binary ? MAX_BINARY_EXPONENT : MAX_DECIMAL_EXPONENT)) {
            return Optional.of(String.format(Locale.ROOT,
                    "if_tsresol 0x%02x (%s^-%d s) is finer than any capture clock (at most 10^-%d or 2^-%d s)",
                    tsresol & 0xFF, binary ? "2" : "10", exponent, MAX_DECIMAL_EXPONENT, MAX_BINARY_EXPONENT));
        }
        if (Math.abs(offsetSeconds) > MAX_OFFSET_SECONDS) {
            return Optional.of("if_tsoffset " + offsetSeconds + " s is more than 136 years");
        }
        return Optional.empty();
    }

    /** @param units the 64-bit timestamp of a packet block, read as unsigned but kept below 2^63 */
    long toNanos(long units) {
        if (binary) {
            return binaryToNanos(units) + offsetNanos;
        }
        if (divisor == 1) {
            return units * multiplier + offsetNanos;
        }
        return (divisor == 0 ? 0 : Long.divideUnsigned(units, divisor)) + offsetNanos;
    }

    private long binaryToNanos(long units) {
        int k = exponent;
        if (k == 0) {
            return units * NANOS_PER_SECOND;
        }
        if (k >= 64) {
            return 0; // finer than 2^-63 s: whatever fits in 64 bits is below one nanosecond
        }
        long seconds = units >>> k;
        long fraction = units & ((1L << k) - 1);
        // fraction * 1e9 / 2^k with a 128-bit product; the result is below 1e9
        long high = Math.multiplyHigh(fraction, NANOS_PER_SECOND);
        long low = fraction * NANOS_PER_SECOND;
        long nanos = (low >>> k) | (high << (64 - k));
        return seconds * NANOS_PER_SECOND + nanos;
    }

    @Override
    public String toString() {
        return text;
    }
}
