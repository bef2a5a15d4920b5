package io.packetstream.query;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.packetstream.core.PacketstreamException;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.metrics.Observability;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.core.redis.RedisTls;
import io.packetstream.query.fixture.Http;
import io.packetstream.testsupport.redis.RedisBinary;
import io.packetstream.testsupport.redis.RedisProcess;
import io.packetstream.testsupport.redis.TestRedis;
import io.packetstream.testsupport.tls.SelfSignedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The query service exposed: served over TLS to a client that trusts its certificate, answering /api/v1 only with
 * the bearer token, and refusing to listen beyond loopback without one.
 */
class SecurityIT {

    private static final String TOKEN = "test-token-" + UUID.randomUUID();
    private static final String Q6 = "/api/v1/hosts/talking-outside";

    @Test
    void servesTlsAndAnswersOnlyWithTheToken(@TempDir Path dir) throws Exception {
        SelfSignedCertificate tls = SelfSignedCertificate.create(dir);
        Certificate certificate = tls.certificate();

        PrometheusMeterRegistry registry = Observability.registry("query");
        QueryOptions options = QueryOptions.defaults().withPort(0).withSecurity(SecurityOptions.none()
                .withTls(tls.certificatePem(), tls.keyPem()).withToken(BearerToken.of(TOKEN)));
        try (QueryService service = QueryService.start(options, RedisOptions.of(TestRedis.shared().uri()),
                new KeySchema("sec-" + UUID.randomUUID().toString().substring(0, 8)), registry)) {
            assertTrue(service.uri().startsWith("https://"), service.uri());
            Http https = new Http(service.uri(), trusting(certificate));

            HttpResponse<byte[]> answered = https.send("GET", Q6, null, "Authorization", "Bearer " + TOKEN);
            assertEquals(200, answered.statusCode(), () -> new String(answered.body()));
            assertEquals(0, Http.json(answered).get("results").size());

            for (String[] wrong : List.of(new String[0], new String[]{"Authorization", "Bearer " + TOKEN + "x"},
                    new String[]{"Authorization", "Basic " + TOKEN}, new String[]{"Authorization", TOKEN})) {
                HttpResponse<byte[]> refused = https.send("GET", Q6, null, wrong);
                assertEquals(401, refused.statusCode(), () -> String.join(" ", wrong));
                assertTrue(Http.json(refused).get("error").asText().contains("Bearer"));
                assertTrue(refused.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer"));
            }
            // an unknown path says nothing to a client without the token either
            assertEquals(401, https.get("/api/v1/nothing").statusCode());
            // open: health (no captured data in it), metrics, the page
            assertEquals(200, https.get("/health").statusCode());
            assertEquals(200, https.get("/metrics").statusCode());
            assertEquals(200, https.get("/").statusCode());
            // plain HTTP on the TLS port gets no answer
            Http plain = new Http(service.uri().replace("https://", "http://"));
            assertThrows(UncheckedIOException.class, () -> plain.get(Q6));
        }
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutATokenUnlessInsecure() {
        RedisOptions redis = RedisOptions.of(TestRedis.shared().uri());
        KeySchema keys = new KeySchema("sec-" + UUID.randomUUID().toString().substring(0, 8));
        QueryOptions exposed = QueryOptions.defaults().withPort(0).withHost("0.0.0.0");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> QueryService.start(exposed, redis, keys, Observability.registry("query")));
        assertTrue(refused.getMessage().contains("0.0.0.0") && refused.getMessage().contains("--insecure")
                && refused.getMessage().contains("--auth-token-file"), refused.getMessage());

        try (QueryService insecure = QueryService.start(exposed.withSecurity(SecurityOptions.none().withInsecure(true)),
                redis, keys, Observability.registry("query"))) {
            assertEquals(200, new Http("http://127.0.0.1:" + insecure.port() + "/").get(Q6).statusCode());
        }
        try (QueryService withToken = QueryService.start(exposed.withSecurity(SecurityOptions.none()
                .withToken(BearerToken.of(TOKEN))), redis, keys, Observability.registry("query"))) {
            assertEquals(401, new Http("http://127.0.0.1:" + withToken.port() + "/").get(Q6).statusCode());
        }
    }

    @Test
    void aUserWithoutPermissionOrAWrongPasswordStopsTheStartWithTheReason() {
        try (RedisProcess redis = RedisProcess.launch(RedisBinary.locate(), RedisProcess.freePort(), List.of())) {
            RedisClient admin = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> c = admin.connect()) {
                c.sync().aclSetuser("elsewhere", AclSetuserArgs.Builder.on().addPassword("elsewhere-password")
                        .keyPattern("other:*").allChannels().allCommands());
            } finally {
                admin.shutdown();
            }
            String host = redis.uri().substring("redis://".length());
            PacketstreamException permission = assertThrows(PacketstreamException.class, () -> QueryService.start(
                    QueryOptions.defaults().withPort(0), RedisOptions.of("redis://elsewhere:elsewhere-password@" + host),
                    new KeySchema("ps"), Observability.registry("query")));
            assertTrue(permission.getMessage().contains("permission"), permission.getMessage());
            PacketstreamException password = assertThrows(PacketstreamException.class, () -> QueryService.start(
                    QueryOptions.defaults().withPort(0), RedisOptions.of("redis://elsewhere:wrong-pw@" + host),
                    new KeySchema("ps"), Observability.registry("query")));
            assertTrue(password.getMessage().contains("credentials"), password.getMessage());
            assertFalse(password.getMessage().contains("wrong-pw"), password.getMessage());
        }
    }

    @Test
    void readsRedisOverTlsTrustingTheCaGivenByFlag(@TempDir Path dir) {
        SelfSignedCertificate redisCert = SelfSignedCertificate.create(dir);
        int tlsPort = RedisProcess.freePort();
        try (RedisProcess redis = RedisProcess.launch(RedisBinary.locate(), RedisProcess.freePort(), List.of(
                "--tls-port", Integer.toString(tlsPort), "--tls-cert-file", redisCert.certificatePem().toString(),
                "--tls-key-file", redisCert.keyPem().toString(), "--tls-ca-cert-file",
                redisCert.certificatePem().toString(), "--tls-auth-clients", "no"))) {
            RedisOptions rediss = RedisOptions.of("rediss://127.0.0.1:" + tlsPort);
            KeySchema keys = new KeySchema("ps");
            try (QueryService trusting = QueryService.start(QueryOptions.defaults().withPort(0),
                    rediss.withTls(new RedisTls(Optional.of(redisCert.certificatePem()), Optional.empty(),
                            Optional.empty())), keys, Observability.registry("query"))) {
                HttpResponse<byte[]> health = new Http(trusting.uri()).get("/health");
                assertEquals(200, health.statusCode(), () -> new String(health.body()));
            }
            // without the CA the JDK does not trust Redis's certificate: no connection
            try (QueryService untrusting = QueryService.start(QueryOptions.defaults().withPort(0), rediss, keys,
                    Observability.registry("query"))) {
                assertEquals(503, new Http(untrusting.uri()).get("/health").statusCode());
            }
        }
    }

    private static SSLContext trusting(Certificate certificate) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("qs", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
