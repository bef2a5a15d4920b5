package io.packetstream.query.http;

import io.packetstream.core.PacketstreamException;

import java.util.Optional;

/**
 * A request the API refuses before touching Redis, with the HTTP status and, for bad input, the parameter at fault.
 */
final class ApiException extends PacketstreamException {

    private final int status;
    private final transient Optional<String> parameter;

    private ApiException(int status, String message, Optional<String> parameter) {
        super(message);
        this.status = status;
        this.parameter = parameter;
    }

    static ApiException badRequest(String parameter, String message) {
        return new ApiException(400, message, Optional.of(parameter));
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message, Optional.empty());
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

    int status() {
        return status;
    }

    Optional<String> parameter() {
        return parameter;
    }
}
