package io.packetstream.query.http;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.core.time.TimeRange;
import io.packetstream.query.read.Question;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestParametersTest {

    private static Question parse(Route route, String query) {
        return RequestParameters.parseRequest(route, route.path() + query, 1000, 100_000).question();
    }

    @Test
    void readsEveryParameterOfTheSixQuestions() {
        var q1 = (Question.ActiveConnections) parse(Route.of(Question.Kind.ACTIVE_CONNECTIONS), "?at=2026-11-21T09:38:12.5Z&sensor=s1");
        assertEquals(CaptureTime.parse("2026-11-21T09:38:12.5Z"), q1.at().getAsLong());
        assertEquals(Optional.of("s1"), q1.sensor());

        var q2 = (Question.Volume) parse(Route.of(Question.Kind.VOLUME), "?a=10.0.0.1&b=fd00::1&from=1795253888.611094&to=1795253900");
        assertEquals(IpAddress.parse("10.0.0.1"), q2.a());
        assertEquals(IpAddress.parse("fd00::1"), q2.b());
        assertEquals(new TimeRange(1_795_253_888_611_094_000L, 1_795_253_900_000_000_000L), q2.scope().range());

        var q3 = (Question.ConnectedTo) parse(Route.of(Question.Kind.CONNECTED_TO), "?ip=172.16.9.33");
        assertEquals(80, q3.port());
        assertEquals(TimeRange.ALL, q3.scope().range());
        assertEquals(0, ((Question.ConnectedTo) parse(Route.of(Question.Kind.CONNECTED_TO), "?ip=172.16.9.33&port=0")).port());
        assertEquals(65535, ((Question.ConnectedTo) parse(Route.of(Question.Kind.CONNECTED_TO), "?ip=::1&port=65535")).port());

        assertEquals(Question.Scope.all(), ((Question.WellKnownServices) parse(Route.of(Question.Kind.WELL_KNOWN_SERVICES), "")).scope());

        var q5 = (Question.Containing) parse(Route.of(Question.Kind.PACKETS_CONTAINING), "?hex=35aFF8&limit=100000");
        assertArrayEquals(HexFormat.of().parseHex("35aff8"), q5.sequence());
        assertEquals(100_000, q5.limit());
        assertEquals(1000, ((Question.Containing) parse(Route.of(Question.Kind.PACKETS_CONTAINING), "?hex=00")).limit());

        assertEquals(Optional.of("edge-1.b_2"),
                ((Question.TalkingOutside) parse(Route.of(Question.Kind.TALKING_OUTSIDE), "?sensor=edge-1.b_2")).sensor());
    }

    @Test
    void anIpv4MappedAddressNamesTheIpv4Host() {
        var q2 = (Question.Volume) parse(Route.of(Question.Kind.VOLUME), "?a=::ffff:172.16.9.33&b=0:0:0:0:0:FFFF:AC10:0921");
        assertEquals(IpAddress.parse("172.16.9.33"), q2.a());
        assertEquals(IpAddress.parse("172.16.9.33"), q2.b());
        var q3 = (Question.ConnectedTo) parse(Route.of(Question.Kind.CONNECTED_TO), "?ip=::ffff:10.0.0.1");
        assertEquals(IpAddress.parse("10.0.0.1"), q3.host());
        // only the ::ffff:0:0/96 prefix maps; its neighbours stay IPv6
        var compatible = (Question.ConnectedTo) parse(Route.of(Question.Kind.CONNECTED_TO), "?ip=::fffe:10.0.0.1");
        assertEquals(16, compatible.host().length());
        var other = (Question.ConnectedTo) parse(Route.of(Question.Kind.CONNECTED_TO), "?ip=1::ffff:10.0.0.1");
        assertEquals(16, other.host().length());
    }

    @Test
    void takesAnOffsetWhosePlusArrivedAsASpace() {
        var q = (Question.WellKnownServices) parse(Route.of(Question.Kind.WELL_KNOWN_SERVICES), "?from=2026-11-21T10:38:12+01:00");
        assertEquals(CaptureTime.parse("2026-11-21T09:38:12Z"), q.scope().range().from());
        var encoded = (Question.WellKnownServices) parse(Route.of(Question.Kind.WELL_KNOWN_SERVICES), "?to=2026-11-21T10:38:12%2B01:00");
        assertEquals(CaptureTime.parse("2026-11-21T09:38:12Z"), encoded.scope().range().to());
    }

    @Test
    void aRangeMayBeOneInstant() {
        var q = (Question.TalkingOutside) parse(Route.of(Question.Kind.TALKING_OUTSIDE), "?from=1795253888&to=1795253888.0");
        assertEquals(q.scope().range().from(), q.scope().range().to());
    }

    @ParameterizedTest(name = "{0}{1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // unknown, repeated, missing
            "VOLUME              | ?a=10.0.0.1&b=10.0.0.2&c=1          | c",
            "ACTIVE_CONNECTIONS  | ?from=2026-11-21T09:00:00Z          | from",
            "ACTIVE_CONNECTIONS  | ?at=1&at=2                          | at",
            "TALKING_OUTSIDE     | ?sensor=a&sensor=a                  | sensor",
            "TALKING_OUTSIDE     | ?follow=yes                         | follow",
            "TALKING_OUTSIDE     | ?follow=true&follow=true            | follow",
            "TALKING_OUTSIDE     | ?lastEventId=1-0.0&lastEventId=1-0.0 | lastEventId",
            "VOLUME              | ?b=10.0.0.2                         | a",
            "VOLUME              | ?a=10.0.0.2                         | b",
            "CONNECTED_TO        | ?port=80                            | ip",
            "PACKETS_CONTAINING  | ?limit=5                            | hex",
            // addresses
            "VOLUME              | ?a=10.0.0.256&b=10.0.0.2            | a",
            "VOLUME              | ?a=10.0.0.1&b=                      | b",
            "CONNECTED_TO        | ?ip=localhost                       | ip",
            "CONNECTED_TO        | ?ip=1:2:3:4:5:6:7:8:9               | ip",
            "CONNECTED_TO        | ?ip=010.0.0.1                       | ip",
            // times and ranges
            "ACTIVE_CONNECTIONS  | ?at=                                | at",
            "ACTIVE_CONNECTIONS  | ?at=now                             | at",
            "WELL_KNOWN_SERVICES | ?from=2026-11-21                    | from",
            "WELL_KNOWN_SERVICES | ?to=1e9                             | to",
            "WELL_KNOWN_SERVICES | ?from=1795253889&to=1795253888.999999999 | from",
            // ports
            "CONNECTED_TO        | ?ip=10.0.0.1&port=65536             | port",
            "CONNECTED_TO        | ?ip=10.0.0.1&port=-1                | port",
            "CONNECTED_TO        | ?ip=10.0.0.1&port=8o                | port",
            "CONNECTED_TO        | ?ip=10.0.0.1&port=                  | port",
            "CONNECTED_TO        | ?ip=10.0.0.1&port=99999999999       | port",
            // limits
            "PACKETS_CONTAINING  | ?hex=00&limit=0                     | limit",
            "PACKETS_CONTAINING  | ?hex=00&limit=-3                    | limit",
            "PACKETS_CONTAINING  | ?hex=00&limit=100001                | limit",
            "PACKETS_CONTAINING  | ?hex=00&limit=1.5                   | limit",
            "PACKETS_CONTAINING  | ?hex=00&limit=99999999999999        | limit",
            // hex
            "PACKETS_CONTAINING  | ?hex=                               | hex",
            "PACKETS_CONTAINING  | ?hex=abc                            | hex",
            "PACKETS_CONTAINING  | ?hex=0x35                           | hex",
            "PACKETS_CONTAINING  | ?hex=35%20AF                        | hex",
            "PACKETS_CONTAINING  | ?hex=gg                             | hex",
            // sensors
            "TALKING_OUTSIDE     | ?sensor=                            | sensor",
            "TALKING_OUTSIDE     | ?sensor=a:b                         | sensor",
            "TALKING_OUTSIDE     | ?sensor=%7B0%7D                     | sensor",
            "TALKING_OUTSIDE     | ?sensor=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | sensor",
    })
    void refusesBadInputNamingTheParameter(Question.Kind kind, String query, String parameter) {
        Route route = Route.of(kind);
        ApiException e = assertThrows(ApiException.class, () -> parse(route, query));
        assertEquals(400, e.status());
        assertEquals(Optional.of(parameter), e.parameter());
        assertTrue(e.getMessage().contains(parameter), e.getMessage());
    }

    @Test
    void refusesTooLongASequence() {
        ApiException e = assertThrows(ApiException.class,
                () -> parse(Route.of(Question.Kind.PACKETS_CONTAINING), "?hex=" + "ab".repeat(RequestParameters.MAX_SEQUENCE_BYTES + 1)));
        assertEquals(Optional.of("hex"), e.parameter());
    }

    @Test
    void refusesBrokenPercentEncoding() {
        ApiException e = assertThrows(ApiException.class, () -> parse(Route.of(Question.Kind.TALKING_OUTSIDE), "?sensor=%zz"));
        assertEquals(400, e.status());
    }

    @Test
    void unknownParameterMessageListsTheKnownOnes() {
        ApiException e = assertThrows(ApiException.class, () -> parse(Route.of(Question.Kind.VOLUME), "?x=1"));
        assertEquals("unknown parameter 'x'; /api/v1/volume takes a, b, from, to, sensor (and follow, lastEventId "
                + "for live subscriptions)", e.getMessage());
    }

    @Test
    void everyRouteTakesTheLiveParameters() {
        for (Route route : Route.all()) {
            String required = route.required().stream().map(n -> "&" + n + (n.equals("hex") ? "=00" : "=10.0.0.1"))
                    .reduce("", String::concat);
            var p = RequestParameters.parseRequest(route, route.path() + "?follow=true&lastEventId=1-0.2" + required,
                    1000, 100_000);
            assertTrue(p.follow());
            assertEquals(Optional.of("1-0.2"), p.lastEventId());
        }
        var plain = RequestParameters.parseRequest(Route.of(Question.Kind.TALKING_OUTSIDE), "/api/v1/hosts/talking-outside?follow=false",
                1000, 100_000);
        assertEquals(false, plain.follow());
        assertEquals(Optional.empty(), plain.lastEventId());
    }
}
