package io.packetstream.core.redis;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the password of every Redis URL in a text before it is printed. Every program logs where it connects
 * and Lettuce's exceptions may quote the URL, so anything that could hold one passes through {@link #mask}
 * before it reaches a log line, an error message or a console: a log file is read by more people than the
 * Redis password is meant for.
 *
 * <p>The user name stays (it tells which ACL user was used, which is what a connection error is about); the
 * password becomes {@value #MASK}.
 */
public final class Credentials {

    /** What a password is replaced with. */
    public static final String MASK = "***";

    /**
     * The user info of any redis-like URL (redis, rediss, redis-socket, redis-sentinel, with or without a
     * {@code +transport}) up to the last {@code @} before the host: a password may itself hold an {@code @}.
     */
    private static final Pattern USER_INFO = Pattern.compile(
            "(?i)(\\brediss?(?:-[a-z]+)?(?:\\+[a-z]+)?://)([^\\s/?#]*)@");

    private Credentials() {
    }

    /**
     * @param text anything that may hold Redis URLs (a URL, a log message, an exception message); never
     *             {@code null}
     * @return the text with every URL's password replaced by {@value #MASK}: {@code redis://:***@host},
     *         {@code redis://user:***@host}; a URL without user info is unchanged
     */
    public static String mask(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = USER_INFO.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String userInfo = m.group(2);
            int colon = userInfo.indexOf(':');
            // Lettuce reads user info without a colon as a password alone
            String shown = colon >= 0 ? userInfo.substring(0, colon + 1) + MASK : MASK;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + shown + "@"));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /**
     * @param error an exception whose message may quote a URL; never {@code null}
     * @return its message (or its class name when it has none), masked
     */
    public static String message(Throwable error) {
        Objects.requireNonNull(error, "error");
        String message = error.getMessage();
        return mask(message == null ? error.getClass().getSimpleName() : message);
    }
}
