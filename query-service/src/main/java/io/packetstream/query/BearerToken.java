package io.packetstream.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * The secret an API client must present as {@code Authorization: Bearer <token>}. Never printed: its text form is
 * masked, so options records that hold it can be logged.
 */
public final class BearerToken {

    /** Shorter tokens are guessable; 16 characters of a random password generator are ~95 bits. */
    public static final int MIN_LENGTH = 16;

    private final byte[] secret;

    private BearerToken(byte[] secret) {
        this.secret = secret;
    }

    /**
     * @param text the token, as read from its file or environment variable; surrounding whitespace (a file's final
     *             newline) is dropped
     * @throws IllegalArgumentException when it is shorter than {@link #MIN_LENGTH} or holds whitespace inside
     */
    public static BearerToken of(String text) {
        Objects.requireNonNull(text, "text");
        String token = text.strip();
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the auth token must have at least " + MIN_LENGTH + " characters, had "
                    + token.length());
        }
        if (token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("the auth token must be printable ASCII without spaces");
        }
        return new BearerToken(token.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @param authorization the request's {@code Authorization} header, if any
     * @return true when it is {@code Bearer} and this token; compares in constant time, so the time a wrong guess
     *         takes tells nothing about how much of it was right
     */
    public boolean admits(Optional<String> authorization) {
        String header = authorization.orElse("");
        boolean bearer = header.regionMatches(true, 0, "Bearer ", 0, 7);
        byte[] presented = (bearer ? header.substring(7).strip() : "").getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(secret, presented) && bearer;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BearerToken t && MessageDigest.isEqual(secret, t.secret);
    }

    @Override
    public int hashCode() {
        return 0; // constant: no information about the secret in a hash either
    }

    @Override
    public String toString() {
        return "BearerToken[***]";
    }
}
