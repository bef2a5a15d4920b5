package io.packetstream.query.read;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.change.ChangeEvent.ConnectionActive;
import io.packetstream.core.change.ChangeEvent.ConnectionInactive;
import io.packetstream.core.change.ChangeEvent.EntryIndexed;
import io.packetstream.core.change.ChangeEvent.OutsideSeen;
import io.packetstream.core.change.ChangeEvent.PeerSeen;
import io.packetstream.core.change.ChangeEvent.ServiceSeen;
import io.packetstream.core.change.ChangeEvent.VolumeTotals;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.index.Connection;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.core.time.TimeRange;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * One of the six questions, with its parameters already validated, carrying everything that differs between
 * questions: what it is and where it is asked ({@link Kind}), how its answer is read, how its changes are chosen
 * and shown, how its answer is ordered and described. Sealed, and every behaviour abstract: a new question does
 * not compile until it says all of it. How to add one: docs/architecture.md, "How to add a question".
 */
public sealed interface Question {

    /** @return which question this is: its tag, name, resolution, route and parameters */
    Kind kind();

    /** @return the sensor the question is limited to, or empty for every sensor */
    Optional<String> sensor();

    /** @return the capture times asked for (shown in the answer's {@code meta.range}); empty for question 1 */
    Optional<TimeRange> askedRange();

    /** @return the most results asked for (question 5's {@code limit}); empty where every result is sent */
    OptionalInt resultLimit();

    /** Plans the answer on the shards and sensors read; results read Redis when subscribed. */
    Mono<Answer> answer(Reading reading);

    /**
     * @return the order to sort the results into for an answer sent whole, when they are not read in it (question
     * 5, read in capture order per shard); empty when the reader already gives the answer's order
     */
    Optional<Comparator<QueryResult>> order();

    /**
     * The live filter and the change's shape in one: the sensor is checked by the caller.
     *
     * @return the event as this question's subscribers see it, or empty when it does not concern the question
     */
    Optional<Shown> change(ChangeEvent event);

    /** @return this question when its live changes are the matching packets of each indexed entry (question 5) */
    Optional<Containing> packetSearch();

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

    /**
     * The six questions: metric tag, name in answers, time resolution, then the route: path, parameters (in
     * documentation order), the required ones, whether results are packets (also sent as capture files), a
     * summary, and how a request becomes the question.
     */
    enum Kind {
        ACTIVE_CONNECTIONS("q1", "active-connections", Resolution.EXACT, "/api/v1/connections/active",
                new String[]{"at", "sensor"}, new String[]{}, false,
                "connections with a packet in (at − 1 s, at]; at defaults to the newest capture time indexed",
                p -> new ActiveConnections(p.time("at"), p.sensor())),
        VOLUME("q2", "volume", Resolution.MINUTE, "/api/v1/volume",
                new String[]{"a", "b", "from", "to", "sensor"}, new String[]{"a", "b"}, false,
                "packets and bytes per minute between hosts a and b",
                p -> new Volume(p.address("a"), p.address("b"), p.scope())),
        CONNECTED_TO("q3", "connected-to", Resolution.MINUTE, "/api/v1/hosts/connected-to",
                new String[]{"ip", "port", "from", "to", "sensor"}, new String[]{"ip"}, false,
                "hosts that sent TCP/UDP to ip:port or received from it (port defaults to 80)",
                p -> new ConnectedTo(p.address("ip"), p.port("port", 80), p.scope())),
        WELL_KNOWN_SERVICES("q4", "well-known-services", Resolution.MINUTE, "/api/v1/hosts/well-known-services",
                new String[]{"from", "to", "sensor"}, new String[]{}, false,
                "hosts with incoming connection attempts or datagrams on ports below "
                        + IndexMembers.WELL_KNOWN_PORT_LIMIT,
                p -> new WellKnownServices(p.scope())),
        PACKETS_CONTAINING("q5", "packets-containing", Resolution.EXACT, "/api/v1/packets/containing",
                new String[]{"hex", "from", "to", "limit", "sensor"}, new String[]{"hex"}, true,
                "packets whose transport payload contains the hex bytes",
                p -> new Containing(p.hex("hex"), p.limit("limit"), p.scope())),
        TALKING_OUTSIDE("q6", "talking-outside", Resolution.MINUTE, "/api/v1/hosts/talking-outside",
                new String[]{"from", "to", "sensor"}, new String[]{}, false,
                "local hosts that exchanged packets with outside hosts, with those peers",
                p -> new TalkingOutside(p.scope()));

        private final String tag;
        private final String title;
        private final Resolution resolution;
        private final String path;
        private final List<String> parameters;
        private final Set<String> required;
        private final boolean packets;
        private final String summary;
        private final Function<QuestionParameters, Question> parse;

        Kind(String tag, String title, Resolution resolution, String path, String[] parameters, String[] required,
             boolean packets, String summary, Function<QuestionParameters, Question> parse) {
            this.tag = tag;
            this.title = title;
            this.resolution = resolution;
            this.path = path;
            this.parameters = List.of(parameters);
            this.required = Set.of(required);
            this.packets = packets;
            this.summary = summary;
            this.parse = parse;
        }

        /** @return {@code q1} … {@code q6} */
        public String tag() {
            return tag;
        }

        /** @return the path the question is asked at */
        public String path() {
            return path;
        }

        /** @return every parameter the question takes, in documentation order */
        public List<String> parameters() {
            return parameters;
        }

        public Set<String> required() {
            return required;
        }

        /** @return true when the results are packets, which can also go out as a capture file */
        public boolean packets() {
            return packets;
        }

        public String summary() {
            return summary;
        }

        /** @return the question a request asks; the parameters throw for bad values */
        public Question parse(QuestionParameters parameters) {
            return parse.apply(Objects.requireNonNull(parameters, "parameters"));
        }
    }

    /** A question taking a time range and sensor: every one but the first. */
    sealed interface Scoped extends Question {
        Scope scope();

        @Override
        default Optional<String> sensor() {
            return scope().sensor();
        }

        @Override
        default Optional<TimeRange> askedRange() {
            return Optional.of(scope().range());
        }
    }

    /**
     * A question answered from per-bucket member sets (questions 3, 4 and 6): every result is sent, in the order its
     * reader gives, and its live changes are events, not packets. It names its reader; the answer follows.
     */
    sealed interface BucketSets extends Scoped {

        /** @return the reader of this question's member sets */
        MemberSetReader reader(Reading reading);

        @Override
        default Mono<Answer> answer(Reading reading) {
            return reader(reading).answer(reading.redis(), reading.topology(), this, scope().range());
        }

        @Override
        default OptionalInt resultLimit() {
            return OptionalInt.empty();
        }

        @Override
        default Optional<Comparator<QueryResult>> order() {
            return Optional.empty();
        }

        @Override
        default Optional<Containing> packetSearch() {
            return Optional.empty();
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

        /** @return true when the minute takes part: it overlaps the range, as in the answers */
        boolean holdsMinute(long epochMinute) {
            return epochMinute >= range.firstMinute() && epochMinute <= range.lastMinute();
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

        @Override
        public Optional<TimeRange> askedRange() {
            return Optional.empty();
        }

        @Override
        public OptionalInt resultLimit() {
            return OptionalInt.empty();
        }

        @Override
        public Mono<Answer> answer(Reading reading) {
            return new ActiveConnectionsReader(reading.keys(), reading.sizes(), reading.failures())
                    .answer(reading.redis(), reading.topology(), this);
        }

        @Override
        public Optional<Comparator<QueryResult>> order() {
            return Optional.empty();
        }

        /** Activity of any connection: {@code {"type","protocol","src","srcPort","dst","dstPort","time"}}. */
        @Override
        public Optional<Shown> change(ChangeEvent event) {
            if (event instanceof ConnectionActive a) {
                return Optional.of(f -> connection(f, "active", a.connection(), a.timeNanos()));
            }
            if (event instanceof ConnectionInactive i) {
                return Optional.of(f -> connection(f, "inactive", i.connection(), i.timeNanos()));
            }
            return Optional.empty();
        }

        private static void connection(Fields f, String type, Connection c, long nanos) throws IOException {
            f.text("type", type);
            f.text("protocol", IpPacket.protocolName(c.protocol()));
            f.address("src", c.client().address());
            f.number("srcPort", c.client().port());
            f.address("dst", c.server().address());
            f.number("dstPort", c.server().port());
            f.time("time", nanos);
        }

        @Override
        public Optional<Containing> packetSearch() {
            return Optional.empty();
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

        @Override
        public OptionalInt resultLimit() {
            return OptionalInt.empty();
        }

        @Override
        public Mono<Answer> answer(Reading reading) {
            return new VolumeReader(reading.keys(), reading.failures()).answer(reading.redis(), reading.topology(),
                    this);
        }

        @Override
        public Optional<Comparator<QueryResult>> order() {
            return Optional.empty();
        }

        /** The new totals of a minute between the two hosts: {@code {"minute","packets","bytes"}}. */
        @Override
        public Optional<Shown> change(ChangeEvent event) {
            if (event instanceof VolumeTotals v && v.between(a, b) && scope.holdsMinute(v.epochMinute())) {
                return Optional.of(f -> {
                    f.time("minute", v.epochMinute() * CaptureTime.NANOS_PER_MINUTE);
                    f.number("packets", v.packets());
                    f.number("bytes", v.bytes());
                });
            }
            return Optional.empty();
        }

        @Override
        public Optional<Containing> packetSearch() {
            return Optional.empty();
        }
    }

    /** Q3: hosts that sent a TCP or UDP packet to {@code host:port} or received one from it. */
    record ConnectedTo(IpAddress host, int port, Scope scope) implements BucketSets {
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

        @Override
        public MemberSetReader reader(Reading reading) {
            return new PeersReader(reading.keys(), reading.sizes(), reading.failures(), this);
        }

        /** A peer of the endpoint new in a minute: {@code {"host","minute"}}. */
        @Override
        public Optional<Shown> change(ChangeEvent event) {
            if (event instanceof PeerSeen p && p.host().equals(host) && p.port() == port
                    && scope.holdsMinute(p.epochMinute())) {
                return Optional.of(f -> {
                    f.address("host", p.peer());
                    f.time("minute", p.epochMinute() * CaptureTime.NANOS_PER_MINUTE);
                });
            }
            return Optional.empty();
        }
    }

    /** Q4: hosts with incoming connection attempts or datagrams on well-known ports. */
    record WellKnownServices(Scope scope) implements BucketSets {
        public WellKnownServices {
            Objects.requireNonNull(scope, "scope");
        }

        @Override
        public Kind kind() {
            return Kind.WELL_KNOWN_SERVICES;
        }

        @Override
        public MemberSetReader reader(Reading reading) {
            return new ServicesReader(reading.keys(), reading.sizes(), reading.failures());
        }

        /** A host and port new in a minute: {@code {"host","port","minute"}}. */
        @Override
        public Optional<Shown> change(ChangeEvent event) {
            if (event instanceof ServiceSeen s && scope.holdsMinute(s.epochMinute())) {
                return Optional.of(f -> {
                    f.address("host", s.service().address());
                    f.number("port", s.service().port());
                    f.time("minute", s.epochMinute() * CaptureTime.NANOS_PER_MINUTE);
                });
            }
            return Optional.empty();
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
        public OptionalInt resultLimit() {
            return OptionalInt.of(limit);
        }

        @Override
        public Mono<Answer> answer(Reading reading) {
            return reading.packets().answer(reading.redis(), reading.topology(), this);
        }

        /** Shards are scanned in parallel and merged by capture time only. */
        @Override
        public Optional<Comparator<QueryResult>> order() {
            return Optional.of((x, y) -> ResultOrder.PACKETS.compare((QueryResult.PacketMatch) x,
                    (QueryResult.PacketMatch) y));
        }

        /**
         * An indexed entry, whose matching packets the subscription reads and sends as results
         * ({@link #packetSearch()}); {@code {"entryId"}} where it is shown as such.
         */
        @Override
        public Optional<Shown> change(ChangeEvent event) {
            if (event instanceof EntryIndexed e) {
                return Optional.of(f -> f.text("entryId", e.entryId()));
            }
            return Optional.empty();
        }

        @Override
        public Optional<Containing> packetSearch() {
            return Optional.of(this);
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
            return "Containing[" + HexFormat.of().formatHex(sequence) + ", limit=" + limit + ", " + scope + "]";
        }
    }

    /** Q6: local hosts that exchanged packets with outside hosts, with those peers. */
    record TalkingOutside(Scope scope) implements BucketSets {
        public TalkingOutside {
            Objects.requireNonNull(scope, "scope");
        }

        @Override
        public Kind kind() {
            return Kind.TALKING_OUTSIDE;
        }

        @Override
        public MemberSetReader reader(Reading reading) {
            return new OutsideTalkersReader(reading.keys(), reading.sizes(), reading.failures());
        }

        /** A local host and outside peer new in a minute: {@code {"host","outsidePeer","minute"}}. */
        @Override
        public Optional<Shown> change(ChangeEvent event) {
            if (event instanceof OutsideSeen o && scope.holdsMinute(o.epochMinute())) {
                return Optional.of(f -> {
                    f.address("host", o.local());
                    f.address("outsidePeer", o.outside());
                    f.time("minute", o.epochMinute() * CaptureTime.NANOS_PER_MINUTE);
                });
            }
            return Optional.empty();
        }
    }
}
