package io.packetstream.core.redis;

import java.util.Objects;
import java.util.Optional;

/**
 * Tells an outage (waiting fixes it) from a refusal (it does not): a wrong password, or an ACL user without the
 * permission a command needs. Every long-running program waits out an outage but stops at once on a refusal, with
 * this class's message, rather than retrying for ever under "cannot reach Redis".
 */
public final class RedisRefusal {

    private RedisRefusal() {
    }

    /**
     * @param error anything a Redis call threw; Lettuce wraps a refused AUTH in "Unable to connect", so the whole
     *              cause chain is read
     * @return what to tell the operator, passwords masked, when Redis refused the credentials or a permission;
     *         empty for anything else
     */
    public static Optional<String> of(Throwable error) {
        Objects.requireNonNull(error, "error");
        for (Throwable c = error; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("NOPERM")) {
                return Optional.of("Redis refused a command for lack of permission (" + Credentials.mask(m)
                        + "); grant the ACL user the keys ~<namespace>:* and the commands packetstream needs "
                        + "(see README, \"Security\")");
            }
            if (m.contains("WRONGPASS") || m.contains("NOAUTH") || m.contains("invalid password")
                    || m.contains("invalid username-password")) {
                return Optional.of("Redis refused the credentials (" + Credentials.mask(m) + "); check the user "
                        + "and password in the Redis URL");
            }
        }
        return Optional.empty();
    }
}
