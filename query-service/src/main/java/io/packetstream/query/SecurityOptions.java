package io.packetstream.query;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may talk to the query service and how: TLS, a bearer token, and whether an unprotected service may listen
 * beyond loopback. Immutable; {@link #none()} and the {@code with…} copies.
 *
 * @param tlsCertificate PEM certificate chain served over TLS; present exactly when {@code tlsKey} is
 * @param tlsKey         PEM private key (PKCS#8, unencrypted) of the certificate
 * @param token          the bearer token every request to {@code /api/v1} must carry; none means no check
 * @param insecure       the operator accepts serving without a token on an address other hosts reach
 */
public record SecurityOptions(Optional<Path> tlsCertificate, Optional<Path> tlsKey, Optional<BearerToken> token,
                              boolean insecure) {

    public SecurityOptions {
        Objects.requireNonNull(tlsCertificate, "tlsCertificate");
        Objects.requireNonNull(tlsKey, "tlsKey");
        Objects.requireNonNull(token, "token");
        if (tlsCertificate.isPresent() != tlsKey.isPresent()) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both or neither");
        }
    }

    /** @return plain HTTP, no token, loopback only */
    public static SecurityOptions none() {
        return new SecurityOptions(Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    public boolean tls() {
        return tlsCertificate.isPresent();
    }

    /**
     * Refuses to serve the API, packet payloads included, to every host that can reach {@code host} without a token,
     * unless the operator said {@code insecure}.
     *
     * @throws IllegalArgumentException naming the way out
     */
    public void checkExposure(String host) {
        if (token.isEmpty() && !insecure && !loopback(host)) {
            throw new IllegalArgumentException("refusing to listen on " + host + " without authentication: anyone "
                    + "who reaches it could read the captured packets. Give a token (--auth-token-file FILE or "
                    + "PACKETSTREAM_AUTH_TOKEN), listen on 127.0.0.1, or pass --insecure if the network is trusted");
        }
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // the bind fails with its own message
        }
    }

    public SecurityOptions withTls(Path certificate, Path key) {
        return new SecurityOptions(Optional.of(certificate), Optional.of(key), token, insecure);
    }

    public SecurityOptions withToken(BearerToken token) {
        return new SecurityOptions(tlsCertificate, tlsKey, Optional.of(token), insecure);
    }

    public SecurityOptions withInsecure(boolean insecure) {
        return new SecurityOptions(tlsCertificate, tlsKey, token, insecure);
    }
}
