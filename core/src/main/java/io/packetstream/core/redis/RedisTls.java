package io.packetstream.core.redis;

import io.lettuce.core.SslOptions;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The files a {@code rediss://} connection needs beyond the JDK's defaults: the CA that signed Redis's certificate
 * (a private CA is usual for Redis), and a client certificate when Redis requires one ({@code tls-auth-clients}).
 * Flags rather than {@code javax.net.ssl.*} system properties, which would change every TLS connection of the JVM.
 *
 * @param ca                PEM certificates to trust for Redis; none means the JDK's trust store
 * @param clientCertificate PEM certificate chain to present; present exactly when {@code clientKey} is
 * @param clientKey         its PEM private key (PKCS#8, unencrypted)
 */
public record RedisTls(Optional<Path> ca, Optional<Path> clientCertificate, Optional<Path> clientKey) {

    public RedisTls {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        Objects.requireNonNull(clientKey, "clientKey");
        if (clientCertificate.isPresent() != clientKey.isPresent()) {
            throw new IllegalArgumentException("--redis-client-cert and --redis-client-key go together: give both or "
                    + "neither");
        }
    }

    /** @return the JDK's defaults: its trust store, no client certificate */
    public static RedisTls defaults() {
        return new RedisTls(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** @return Lettuce's options for these files; used only by {@code rediss://} connections */
    public SslOptions sslOptions() {
        SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
        ca.ifPresent(file -> ssl.trustManager(file.toFile()));
        clientCertificate.ifPresent(cert -> ssl.keyManager(cert.toFile(), clientKey.orElseThrow().toFile(), null));
        return ssl.build();
    }
}
