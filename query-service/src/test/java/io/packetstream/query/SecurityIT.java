package io.packetstream.query;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.packetstream.core.PacketstreamException;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.metrics.Observability;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.query.fixture.Http;
import io.packetstream.testsupport.redis.RedisBinary;
import io.packetstream.testsupport.redis.RedisProcess;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    @Test
    void servesTlsAndAnswersOnlyWithTheToken(@TempDir Path dir) throws Exception {
        Path store = selfSigned(dir);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD);
        }
        Certificate certificate = keys.getCertificate("qs");
        Path certPem = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        Path keyPem = Files.writeString(dir.resolve("key.pem"),
                pem("PRIVATE KEY", keys.getKey("qs", STORE_PASSWORD).getEncoded()));

        PrometheusMeterRegistry registry = Observability.registry("query");
        QueryOptions options = QueryOptions.defaults().withPort(0).withSecurity(SecurityOptions.none()
                .withTls(certPem, keyPem).withToken(BearerToken.of(TOKEN)));
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

    /** A self-signed RSA certificate for 127.0.0.1 and localhost, made by the JDK's keytool. */
    private static Path selfSigned(Path dir) throws IOException, InterruptedException {
        Path store = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "qs", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(STORE_PASSWORD),
                "-keypass", new String(STORE_PASSWORD)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, output);
        return store;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
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
