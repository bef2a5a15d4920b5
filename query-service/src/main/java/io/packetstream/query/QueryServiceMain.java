package io.packetstream.query;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.packetstream.core.cli.DurationConverter;
import io.packetstream.core.cli.EnvironmentDefaults;
import io.packetstream.core.cli.RedisMixin;
import io.packetstream.core.metrics.Observability;
import io.packetstream.core.cli.ErrorLine;
import io.packetstream.core.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code query-service}: serves the HTTP API until stopped. Every flag has an environment variable of the same
 * name ({@code --port} / {@code PACKETSTREAM_PORT}).
 */
@Command(name = "query-service", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        defaultValueProvider = EnvironmentDefaults.class,
        description = "Answers the six packetstream questions over HTTP (JSON, NDJSON, pcap) and keeps live "
                + "subscribers (text/event-stream, NDJSON with follow=true) up to date.")
public final class QueryServiceMain implements Callable<Integer> {

    @Mixin
    RedisMixin redis;

    @Option(names = "--host", paramLabel = "HOST",
            description = "Address to listen on (env PACKETSTREAM_HOST; default ${DEFAULT-VALUE})")
    String host = QueryOptions.DEFAULT_HOST;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port to listen on, 0 for any free one (env PACKETSTREAM_PORT; default ${DEFAULT-VALUE})")
    int port = QueryOptions.DEFAULT_PORT;

    @Option(names = "--query-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest wait for Redis per answer, or between two streamed results "
                    + "(env PACKETSTREAM_QUERY_TIMEOUT; default ${DEFAULT-VALUE})")
    Duration queryTimeout = QueryOptions.DEFAULT_QUERY_TIMEOUT;

    @Option(names = "--default-limit", paramLabel = "N",
            description = "Packets question 5 returns without a limit parameter (env PACKETSTREAM_DEFAULT_LIMIT; default ${DEFAULT-VALUE})")
    int defaultLimit = QueryOptions.DEFAULT_LIMIT;

    @Option(names = "--max-limit", paramLabel = "N",
            description = "Largest limit a request may ask for (env PACKETSTREAM_MAX_LIMIT; default ${DEFAULT-VALUE})")
    int maxLimit = QueryOptions.DEFAULT_MAX_LIMIT;

    @Option(names = "--page-size", paramLabel = "N",
            description = "Members or fields per Redis scan command (env PACKETSTREAM_PAGE_SIZE; default ${DEFAULT-VALUE})")
    int pageSize = QueryOptions.DEFAULT_PAGE_SIZE;

    @Option(names = "--page-entries", paramLabel = "N",
            description = "Stream entries per XRANGE page of question 5 (env PACKETSTREAM_PAGE_ENTRIES; default ${DEFAULT-VALUE})")
    int pageEntries = QueryOptions.DEFAULT_PAGE_ENTRIES;

    @Option(names = "--whole-read", paramLabel = "N",
            description = "Largest index set or hash read in one command rather than in scan pages "
                    + "(env PACKETSTREAM_WHOLE_READ; default ${DEFAULT-VALUE})")
    int wholeRead = QueryOptions.DEFAULT_WHOLE_READ;

    @Option(names = "--subscriber-buffer", paramLabel = "N",
            description = "Change events a live subscriber may have waiting before it gets an overflow event and its "
                    + "stream closes (env PACKETSTREAM_SUBSCRIBER_BUFFER; default ${DEFAULT-VALUE})")
    int subscriberBuffer = SubscriptionOptions.DEFAULT_SUBSCRIBER_BUFFER;

    @Option(names = "--heartbeat", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Silence after which a live subscription gets a heartbeat comment "
                    + "(env PACKETSTREAM_HEARTBEAT; default ${DEFAULT-VALUE})")
    Duration heartbeat = SubscriptionOptions.DEFAULT_HEARTBEAT;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Closes a connection without a request in progress (idle keep-alive, or request headers "
                    + "never completed) after this long (env PACKETSTREAM_IDLE_TIMEOUT; default ${DEFAULT-VALUE})")
    Duration idleTimeout = ServerLimits.DEFAULT_IDLE_TIMEOUT;

    @Option(names = "--read-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Answers 408 and closes when a request body stops arriving for this long "
                    + "(env PACKETSTREAM_READ_TIMEOUT; default ${DEFAULT-VALUE})")
    Duration readTimeout = ServerLimits.DEFAULT_READ_TIMEOUT;

    @Option(names = "--request-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Answers 408 when receiving a whole request takes longer; never cuts a response or a live "
                    + "subscription (env PACKETSTREAM_REQUEST_TIMEOUT; default ${DEFAULT-VALUE})")
    Duration requestTimeout = ServerLimits.DEFAULT_REQUEST_TIMEOUT;

    @Option(names = "--max-concurrent-scans", paramLabel = "N",
            description = "Question-5 answers (stream scans) running at once; more get 429 with Retry-After "
                    + "(env PACKETSTREAM_MAX_CONCURRENT_SCANS; default ${DEFAULT-VALUE})")
    int maxConcurrentScans = ServerLimits.DEFAULT_MAX_CONCURRENT_SCANS;

    @Option(names = "--max-subscriptions", paramLabel = "N",
            description = "Live subscriptions open at once; more get 429 with Retry-After "
                    + "(env PACKETSTREAM_MAX_SUBSCRIPTIONS; default ${DEFAULT-VALUE})")
    int maxSubscriptions = ServerLimits.DEFAULT_MAX_SUBSCRIPTIONS;

    @Option(names = "--tls-cert", paramLabel = "PEM",
            description = "Serve HTTPS with this certificate chain (PEM; with --tls-key) (env PACKETSTREAM_TLS_CERT)")
    Optional<Path> tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "PEM",
            description = "Private key of --tls-cert (PEM, PKCS#8, unencrypted) (env PACKETSTREAM_TLS_KEY)")
    Optional<Path> tlsKey;

    @Option(names = "--auth-token-file", paramLabel = "FILE",
            description = "Require 'Authorization: Bearer <token>' on /api/v1, the token read from this file; or set "
                    + "env " + AUTH_TOKEN_ENV + " (never a flag value: others see flags in ps) "
                    + "(env PACKETSTREAM_AUTH_TOKEN_FILE)")
    Optional<Path> authTokenFile;

    @Option(names = "--insecure", description = "Allow listening beyond loopback (--host) without an auth token (env PACKETSTREAM_INSECURE)")
    boolean insecure;

    static final String AUTH_TOKEN_ENV = "PACKETSTREAM_AUTH_TOKEN";

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** @return the options the flags describe; throws IllegalArgumentException for values out of range */
    QueryOptions options() {
        return options(System.getenv());
    }

    /** @param environment where {@value #AUTH_TOKEN_ENV} is looked up */
    QueryOptions options(Map<String, String> environment) {
        return new QueryOptions(host, port, queryTimeout, defaultLimit, maxLimit, pageSize, pageEntries, wholeRead,
                SubscriptionOptions.defaults().withSubscriberBuffer(subscriberBuffer).withHeartbeat(heartbeat),
                ServerLimits.defaults().withTimeouts(idleTimeout, readTimeout, requestTimeout)
                        .withMaxConcurrentScans(maxConcurrentScans).withMaxSubscriptions(maxSubscriptions),
                new SecurityOptions(tlsCertificate, tlsKey, token(environment), insecure));
    }

    private Optional<BearerToken> token(Map<String, String> environment) {
        if (authTokenFile.isPresent()) {
            try {
                return Optional.of(BearerToken.of(Files.readString(authTokenFile.get(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --auth-token-file " + authTokenFile.get() + ": " + e);
            }
        }
        return Optional.ofNullable(environment.get(AUTH_TOKEN_ENV)).filter(t -> !t.isBlank()).map(BearerToken::of);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrometheusMeterRegistry registry = Observability.registry("query");
        QueryOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) { // a bad value or combination of flags: a usage error, exit code 2
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        QueryService service = QueryService.start(options, redis.redisOptions(), redis.keySchema(), registry);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "query-service-stop"));
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new QueryServiceMain());
        cli.setExecutionExceptionHandler(ErrorLine.handler("query-service"));
        System.exit(cli.execute(args));
    }
}
