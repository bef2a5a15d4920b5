package io.packetstream.query.http;

import io.packetstream.core.PacketstreamException;

import java.time.Duration;
import java.util.Optional;

/**
 * A request the API refuses before touching Redis, with the HTTP status and, for bad input, the parameter at fault.
 */
final class ApiException extends PacketstreamException {

    private final int status;
    private final transient Optional<String> parameter;
    private final transient Optional<Duration> retryAfter;

    private ApiException(int status, String message, Optional<String> parameter) {
        this(status, message, parameter, Optional.empty());
    }

    private ApiException(int status, String message, Optional<String> parameter, Optional<Duration> retryAfter) {
        super(message);
        this.status = status;
        this.parameter = parameter;
        this.retryAfter = retryAfter;
    }

    static ApiException badRequest(String parameter, String message) {
        return new ApiException(400, message, Optional.of(parameter));
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message, Optional.empty());
    }

    static ApiException unauthorized(String message) {
        return new ApiException(401, message, Optional.empty());
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message, Optional.empty());
    }

    static ApiException methodNotAllowed(String message) {
        return new ApiException(405, message, Optional.empty());
    }

    static ApiException notAcceptable(String message) {
        return new ApiException(406, message, Optional.empty());
    }

    /** A limit on concurrent work is reached: 429, with the {@code Retry-After} to send. */
    static ApiException tooManyRequests(String message, Duration retryAfter) {
        return new ApiException(429, message, Optional.empty(), Optional.of(retryAfter));
    }

    int status() {
        return status;
    }

    Optional<String> parameter() {
        return parameter;
    }

    Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
