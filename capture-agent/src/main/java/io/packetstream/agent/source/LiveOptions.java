package io.packetstream.agent.source;

import java.time.Duration;
import java.util.Objects;

/**
 * What to capture live.
 *
 * @param interfaceName the interface, e.g. {@code eth0} or {@code lo}
 * @param filter        a BPF filter in tcpdump syntax, empty for every packet
 * @param snaplen       bytes kept of each frame, 1 to {@value PacketSource#MAX_CAPTURED_LENGTH}
 * @param promiscuous   whether to put the interface in promiscuous mode
 * @param readTimeout   how long one read waits for packets before the capture thread gets its turn again
 */
public record LiveOptions(String interfaceName, String filter, int snaplen, boolean promiscuous, Duration readTimeout) {

    public static final int DEFAULT_SNAPLEN = PacketSource.MAX_CAPTURED_LENGTH;
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMillis(5);

    public LiveOptions {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (interfaceName.isBlank()) {
            throw new IllegalArgumentException("interface name must not be blank");
        }
        if (snaplen < 1 || snaplen > PacketSource.MAX_CAPTURED_LENGTH) {
            throw new IllegalArgumentException("snaplen must be 1.." + PacketSource.MAX_CAPTURED_LENGTH + ", was " + snaplen);
        }
        if (readTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("read timeout must be at least 1ms, was " + readTimeout);
        }
    }

    int readTimeoutMillis() {
        return (int) Math.min(readTimeout.toMillis(), 1_000);
    }
}
