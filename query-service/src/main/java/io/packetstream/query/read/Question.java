package io.packetstream.query.read;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.TimeRange;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One of the six questions of the design, with its parameters already validated. Built by the HTTP layer from a
 * request, answered by {@link IndexReader}.
 */
public sealed interface Question {

    /** @return the sensor the question is limited to, or empty for every sensor */
    Optional<String> sensor();

    /** @return which of the six questions this is */
    Kind kind();

    /** @return {@code q1} … {@code q6}, the value of the {@code question} metric tag */
    default String tag() {
        return kind().tag;
    }

    /** @return the question's name as shown in answers, e.g. {@code active-connections} */
    default String title() {
        return kind().title;
    }

    /** @return how precise the answer is in time */
    default Resolution resolution() {
        return kind().resolution;
    }

    /** A question taking a time range and sensor: every one but the first. */
    sealed interface Scoped extends Question {
        Scope scope();

        @Override
        default Optional<String> sensor() {
            return scope().sensor();
        }
    }

    /** The six questions: metric tag, name in answers, time resolution. */
    enum Kind {
        ACTIVE_CONNECTIONS("q1", "active-connections", Resolution.EXACT),
        VOLUME("q2", "volume", Resolution.MINUTE),
        CONNECTED_TO("q3", "connected-to", Resolution.MINUTE),
        WELL_KNOWN_SERVICES("q4", "well-known-services", Resolution.MINUTE),
        PACKETS_CONTAINING("q5", "packets-containing", Resolution.EXACT),
        TALKING_OUTSIDE("q6", "talking-outside", Resolution.MINUTE);

        private final String tag;
        private final String title;
        private final Resolution resolution;

        Kind(String tag, String title, Resolution resolution) {
            this.tag = tag;
            this.title = title;
            this.resolution = resolution;
        }
    }

    /**
     * The time range and sensor every question but the first takes.
     *
     * @param range  inclusive capture-time range; {@link TimeRange#ALL} when the request gave none
     * @param sensor a sensor id checked with {@link KeySchema#checkName}, or empty for all sensors
     */
    record Scope(TimeRange range, Optional<String> sensor) {
        public Scope {
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(sensor, "sensor");
            sensor.ifPresent(s -> KeySchema.checkName(s, "sensor"));
        }

        /** @return all times, all sensors */
        public static Scope all() {
            return new Scope(TimeRange.ALL, Optional.empty());
        }
    }

    /** Q1: connections with a packet in {@code (at − 1 s, at]}; no {@code at} means the newest time indexed. */
    record ActiveConnections(OptionalLong at, Optional<String> sensor) implements Question {
        public ActiveConnections {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(sensor, "sensor");
            sensor.ifPresent(s -> KeySchema.checkName(s, "sensor"));
        }

        @Override
        public Kind kind() {
            return Kind.ACTIVE_CONNECTIONS;
        }
    }

    /** Q2: packets and bytes per minute between hosts {@code a} and {@code b}, either direction. */
    record Volume(IpAddress a, IpAddress b, Scope scope) implements Scoped {
        public Volume {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
            Objects.requireNonNull(scope, "scope");
        }

        @Override
        public Kind kind() {
            return Kind.VOLUME;
        }
    }

    /** Q3: hosts that sent a TCP or UDP packet to {@code host:port} or received one from it. */
    record ConnectedTo(IpAddress host, int port, Scope scope) implements Scoped {
        public ConnectedTo {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(scope, "scope");
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
            }
        }

        @Override
        public Kind kind() {
            return Kind.CONNECTED_TO;
        }
    }

    /** Q4: hosts with incoming connection attempts or datagrams on ports below 1024. */
    record WellKnownServices(Scope scope) implements Scoped {
        public WellKnownServices {
            Objects.requireNonNull(scope, "scope");
        }

        @Override
        public Kind kind() {
            return Kind.WELL_KNOWN_SERVICES;
        }
    }

    /**
     * Q5: packets whose transport payload contains {@code sequence}; at most {@code limit} of them.
     *
     * @param sequence the bytes to find, at least one; copied
     */
    record Containing(byte[] sequence, int limit, Scope scope) implements Scoped {
        public Containing {
            Objects.requireNonNull(sequence, "sequence");
            Objects.requireNonNull(scope, "scope");
            if (sequence.length == 0) {
                throw new IllegalArgumentException("sequence must not be empty");
            }
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive, was " + limit);
            }
            sequence = sequence.clone();
        }

        @Override
        public byte[] sequence() {
            return sequence.clone();
        }

        @Override
        public Kind kind() {
            return Kind.PACKETS_CONTAINING;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Containing other && Arrays.equals(sequence, other.sequence) && limit == other.limit
                    && scope.equals(other.scope);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(sequence), limit, scope);
        }

        @Override
        public String toString() {
            return "Containing[" + java.util.HexFormat.of().formatHex(sequence) + ", limit=" + limit + ", " + scope + "]";
        }
    }

    /** Q6: local hosts that exchanged packets with outside hosts, with those peers. */
    record TalkingOutside(Scope scope) implements Scoped {
        public TalkingOutside {
            Objects.requireNonNull(scope, "scope");
        }

        @Override
        public Kind kind() {
            return Kind.TALKING_OUTSIDE;
        }
    }
}
