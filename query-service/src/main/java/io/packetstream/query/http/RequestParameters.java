package io.packetstream.query.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.core.time.TimeRange;
import io.packetstream.query.read.Question;
import io.packetstream.query.read.QuestionParameters;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Turns a request's query string into a {@link Question}, or refuses it with a 400 naming the parameter: unknown,
 * repeated or missing parameters, unparsable addresses and times, ports outside 0..65535, a {@code limit} that is
 * not a positive integer within the maximum, hex that is empty, odd or not hex, {@code from} after {@code to}, or a
 * bad sensor name, a {@code follow} other than {@code true} or {@code false}. Pure: no I/O.
 */
final class RequestParameters implements QuestionParameters {

    /** The longest byte sequence question 5 searches for. */
    static final int MAX_SEQUENCE_BYTES = 1024;

    /**
     * A request's parameters.
     *
     * @param question    the question asked
     * @param follow      {@code follow=true}: stream the answer, then its changes
     * @param lastEventId the {@code lastEventId} parameter, unchecked (a cursor to resume from)
     */
    record Parsed(Question question, boolean follow, Optional<String> lastEventId) {
    }

    private static final Pattern DIGITS = Pattern.compile("\\d{1,10}");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

    private final Route route;
    private final Map<String, List<String>> values;
    private final int defaultLimit;
    private final int maxLimit;

    private RequestParameters(Route route, Map<String, List<String>> values, int defaultLimit, int maxLimit) {
        this.route = route;
        this.values = values;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    /**
     * @param route        the route asked
     * @param uri          the request URI with its query string
     * @param defaultLimit question 5's limit when none is given
     * @param maxLimit     the largest limit allowed
     * @return the question with the parameters of live subscriptions
     * @throws ApiException (400) for bad input
     */
    static Parsed parseRequest(Route route, String uri, int defaultLimit, int maxLimit) {
        Map<String, List<String>> values;
        try {
            values = new QueryStringDecoder(uri).parameters();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the query string is not valid URL encoding: " + e.getMessage());
        }
        RequestParameters p = new RequestParameters(route, values, defaultLimit, maxLimit);
        p.checkNames();
        return new Parsed(route.kind().parse(p), p.value("follow").map(RequestParameters::follow)
                .orElse(false), p.value("lastEventId"));
    }

    private void checkNames() {
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            String name = e.getKey();
            if (!route.parameters().contains(name) && !Route.LIVE_PARAMETERS.contains(name)) {
                throw ApiException.badRequest(name, "unknown parameter '" + name + "'; " + route.path() + " takes "
                        + String.join(", ", route.parameters()) + " (and " + String.join(", ", Route.LIVE_PARAMETERS)
                        + " for live subscriptions)");
            }
            if (e.getValue().size() > 1) {
                throw ApiException.badRequest(name, "parameter '" + name + "' is given " + e.getValue().size()
                        + " times; give it once");
            }
        }
        for (String name : route.parameters()) {
            if (route.required().contains(name) && !values.containsKey(name)) {
                throw ApiException.badRequest(name, "parameter '" + name + "' is required");
            }
        }
    }

    @Override
    public Optional<String> sensor() {
        return value("sensor").map(RequestParameters::sensor);
    }

    @Override
    public OptionalLong time(String name) {
        return value(name).map(t -> OptionalLong.of(time(name, t))).orElse(OptionalLong.empty());
    }

    @Override
    public int port(String name, int absent) {
        return value(name).map(v -> port(name, v)).orElse(absent);
    }

    @Override
    public byte[] hex(String name) {
        return hex(name, value(name).orElseThrow());
    }

    @Override
    public int limit(String name) {
        return value(name).map(v -> limit(name, v, maxLimit)).orElse(defaultLimit);
    }

    private Optional<String> value(String name) {
        List<String> v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(v.get(0));
    }

    @Override
    public Question.Scope scope() {
        long from = value("from").map(v -> time("from", v)).orElse(Long.MIN_VALUE);
        long to = value("to").map(v -> time("to", v)).orElse(Long.MAX_VALUE);
        if (from > to) {
            throw ApiException.badRequest("from", "from (" + CaptureTime.format(from) + ") is after to ("
                    + CaptureTime.format(to) + ")");
        }
        return new Question.Scope(new TimeRange(from, to), sensor());
    }

    @Override
    public IpAddress address(String name) {
        String text = value(name).orElseThrow();
        try {
            return unmapped(IpAddress.parse(text));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name, name + ": '" + text + "' is not an IPv4 or IPv6 address");
        }
    }

    /**
     * An IPv4-mapped IPv6 address ({@code ::ffff:172.16.9.33}) names the IPv4 host: the index only ever holds the
     * IPv4 form, so the mapped one would silently match nothing.
     */
    static IpAddress unmapped(IpAddress address) {
        if (address.length() != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address.byteAt(i) != 0) {
                return address;
            }
        }
        if (address.byteAt(10) != 0xFF || address.byteAt(11) != 0xFF) {
            return address;
        }
        return IpAddress.of(address.toBytes(), 12, 4);
    }

    static long time(String name, String text) {
        try {
            // a '+' of an offset arrives as a space when the client did not percent-encode it
            return CaptureTime.parse(text.replace(' ', '+'));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ApiException.badRequest(name, name + ": '" + text
                    + "' is neither an RFC 3339 time (2026-11-21T09:38:12.5Z) nor decimal epoch seconds");
        }
    }

    static int port(String name, String text) {
        if (!DIGITS.matcher(text).matches() || Long.parseLong(text) > 0xFFFF) {
            throw ApiException.badRequest(name, name + ": '" + text + "' is not a port number from 0 to 65535");
        }
        return Integer.parseInt(text);
    }

    static int limit(String name, String text, int max) {
        if (!DIGITS.matcher(text).matches() || Long.parseLong(text) < 1 || Long.parseLong(text) > max) {
            throw ApiException.badRequest(name, name + ": '" + text + "' is not a whole number from 1 to " + max);
        }
        return Integer.parseInt(text);
    }

    static byte[] hex(String name, String text) {
        if (text.isEmpty()) {
            throw ApiException.badRequest(name, name + ": the byte sequence must not be empty");
        }
        if (!HEX.matcher(text).matches()) {
            throw ApiException.badRequest(name, name + ": '" + text + "' holds characters other than hex digits");
        }
        if (text.length() % 2 != 0) {
            throw ApiException.badRequest(name, name + ": '" + text + "' has an odd number of hex digits");
        }
        if (text.length() / 2 > MAX_SEQUENCE_BYTES) {
            throw ApiException.badRequest(name, name + ": at most " + MAX_SEQUENCE_BYTES + " bytes can be searched");
        }
        return HexFormat.of().parseHex(text);
    }

    static boolean follow(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("follow", "follow: '" + text + "' is neither true nor false");
        };
    }

    static String sensor(String text) {
        try {
            return KeySchema.checkName(text, "sensor");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("sensor", e.getMessage());
        }
    }
}
