package io.packetstream.indexer;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.packetstream.core.address.AddressClassifier;
import io.packetstream.core.address.Cidr;
import io.packetstream.core.cli.DurationConverter;
import io.packetstream.core.cli.EnvironmentDefaults;
import io.packetstream.core.cli.ErrorLine;
import io.packetstream.core.cli.MetricsMixin;
import io.packetstream.core.cli.RedisMixin;
import io.packetstream.core.metrics.MetricsServer;
import io.packetstream.core.metrics.Observability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.packetstream.core.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import reactor.netty.DisposableServer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The indexer program: flags (each with its environment variable) to {@link IndexerOptions}, then
 * {@link Indexer#start} until the process is stopped.
 */
@Command(name = "indexer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true, defaultValueProvider = EnvironmentDefaults.class,
        description = "Reads packet streams in the consumer group '" + io.packetstream.core.keys.KeySchema.CONSUMER_GROUP
                + "' and writes the per-question indexes of packetstream.")
public final class IndexerMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(IndexerMain.class);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RedisMixin redis;

    @Mixin
    MetricsMixin metrics;

    @Option(names = "--consumer", paramLabel = "NAME",
            description = "Consumer name in the group, unique per process (env PACKETSTREAM_CONSUMER; default <host>-<pid>)")
    String consumer = "";

    @Option(names = "--shards", paramLabel = "N",
            description = "Set the namespace up with N shards if nothing is stored yet, and refuse any other count "
                    + "(env PACKETSTREAM_SHARDS; default: follow what is stored, waiting until an agent or indexer "
                    + "told --shards has stored it)")
    Integer shards;

    @Option(names = "--replay-dead-letters",
            description = "Move every dead letter back into its shard's packet stream to be indexed again (once what "
                    + "made it fail is fixed), print how many, and exit (env PACKETSTREAM_REPLAY_DEAD_LETTERS)")
    boolean replayDeadLetters;

    @Option(names = "--batch-entries", paramLabel = "N",
            description = "Stream entries per read and commit, 1 to 1024; each holds up to ~64 packets (env PACKETSTREAM_BATCH_ENTRIES; default ${DEFAULT-VALUE})")
    int batchEntries = IndexerOptions.DEFAULT_BATCH_ENTRIES;

    @Option(names = "--block", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a read waits for new entries (env PACKETSTREAM_BLOCK; default ${DEFAULT-VALUE})")
    Duration block = IndexerOptions.DEFAULT_BLOCK;

    @Option(names = "--retention", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "TTL of every index key, refreshed at most once per tenth of it (env PACKETSTREAM_RETENTION; default ${DEFAULT-VALUE})")
    Duration retention = IndexerOptions.DEFAULT_RETENTION;

    @Option(names = "--lease", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a shard stays this indexer's without renewal; after a crash another indexer takes the shard over once it runs out (env PACKETSTREAM_LEASE; default ${DEFAULT-VALUE})")
    Duration lease = IndexerOptions.DEFAULT_LEASE;

    @Option(names = "--progress", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Interval of the progress line and of the pending/lag poll (env PACKETSTREAM_PROGRESS; default ${DEFAULT-VALUE})")
    Duration progress = IndexerOptions.DEFAULT_PROGRESS;

    @Option(names = "--local-networks", paramLabel = "CIDR", split = ",", converter = CidrConverter.class,
            description = "Blocks that count as local for question 6 (env PACKETSTREAM_LOCAL_NETWORKS; default ${DEFAULT-VALUE})")
    List<Cidr> localNetworks = AddressClassifier.DEFAULT_LOCAL;

    @Option(names = "--change-retention", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long each shard's change stream keeps events for live subscriptions (trimmed with MINID ~); 0s writes no change events (env PACKETSTREAM_CHANGE_RETENTION; default ${DEFAULT-VALUE})")
    Duration changeRetention = IndexerOptions.DEFAULT_CHANGE_RETENTION;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IndexerMain()).setExecutionExceptionHandler(ErrorLine.handler("indexer"))
                .execute(args));
    }

    /** @throws CommandLine.ParameterException naming the bad value */
    IndexerOptions options() {
        try {
            IndexerOptions.Builder builder = IndexerOptions.builder()
                    .consumer(consumer == null || consumer.isBlank() ? null : consumer.trim())
                    .batchEntries(batchEntries).block(block).retention(retention).lease(lease).progress(progress)
                    .localNetworks(localNetworks).changeRetention(changeRetention);
            if (shards != null) {
                builder.shards(shards);
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        IndexerOptions options = options();
        if (replayDeadLetters) {
            DeadLetterReplay.Result r = DeadLetterReplay.replay(redis.redisOptions(), redis.keySchema());
            spec.commandLine().getOut().printf("replayed %d dead letter(s) into the packet streams; %d without a "
                    + "payload kept%n", r.replayed(), r.kept());
            return 0;
        }
        PrometheusMeterRegistry registry = Observability.registry("indexer");
        DisposableServer server = null;
        if (metrics.enabled()) {
            server = MetricsServer.start(registry, metrics.host(), metrics.port());
            log.info("metrics at http://{}:{}/metrics", metrics.host(), server.port());
        }
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<Indexer> running = new AtomicReference<>();
        DisposableServer metricsServer = server;
        Thread caller = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            stopping.set(true);
            caller.interrupt(); // ends a wait for Redis at once
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "indexer-shutdown"));
        try {
            Optional<Indexer> indexer = Indexer.startWhenReachable(options, redis.redisOptions(), redis.keySchema(),
                    registry, stopping::get);
            indexer.ifPresent(running::set);
            while (indexer.isPresent() && !stopping.get()) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    // the shutdown hook: stop below
                }
            }
            return 0;
        } finally {
            Indexer indexer = running.get();
            if (indexer != null) {
                indexer.close();
            }
            if (metricsServer != null) {
                metricsServer.disposeNow();
            }
            stopped.countDown();
        }
    }

    /** Parses {@code --local-networks} items. */
    static final class CidrConverter implements CommandLine.ITypeConverter<Cidr> {
        @Override
        public Cidr convert(String value) {
            try {
                return Cidr.parse(value.trim());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a CIDR block (e.g. 10.0.0.0/8): "
                        + e.getMessage());
            }
        }
    }
}
