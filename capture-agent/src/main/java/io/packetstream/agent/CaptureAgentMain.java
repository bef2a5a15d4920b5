package io.packetstream.agent;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.agent.source.LiveOptions;
import io.packetstream.core.cli.DurationConverter;
import io.packetstream.core.cli.EnvironmentDefaults;
import io.packetstream.core.cli.MetricsMixin;
import io.packetstream.core.cli.RedisMixin;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.cli.ErrorLine;
import io.packetstream.core.metrics.MetricsServer;
import io.packetstream.core.metrics.Observability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.packetstream.core.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import reactor.netty.DisposableServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@code capture-agent} command: replays pcap/pcapng files or captures from an interface and publishes
 * every packet to the packetstream shard streams. Every flag has an environment variable; the options are built
 * and checked in {@link #options()}.
 *
 * <p>Exit codes: 0 success (a truncated file is counted and warned about, not an error), 1 an error (a missing,
 * unreadable or corrupt file, Redis unreachable, a shard count mismatch, an interface or filter libpcap
 * refuses), 2 bad usage.
 */
@Command(name = "capture-agent", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true, defaultValueProvider = EnvironmentDefaults.class,
        description = "Reads packets from pcap/pcapng files or a live interface and publishes them to Redis Streams.")
public final class CaptureAgentMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(CaptureAgentMain.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE", split = ",",
            description = "pcap or pcapng file to replay; repeat for several, replayed in order "
                    + "(env PACKETSTREAM_FILE, comma-separated)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--interface", paramLabel = "NAME",
            description = "Interface to capture from live, e.g. eth0 or lo (env PACKETSTREAM_INTERFACE)")
    String interfaceName;

    @Option(names = "--filter", paramLabel = "BPF",
            description = "BPF filter for live capture, tcpdump syntax, e.g. \"tcp port 80\" (env PACKETSTREAM_FILTER)")
    String filter = "";

    @Option(names = "--snaplen", paramLabel = "BYTES",
            description = "Bytes kept of each live frame (env PACKETSTREAM_SNAPLEN; default ${DEFAULT-VALUE})")
    int snaplen = LiveOptions.DEFAULT_SNAPLEN;

    @Option(names = "--promiscuous", negatable = true,
            fallbackValue = "true",
            description = "Put the interface in promiscuous mode (env PACKETSTREAM_PROMISCUOUS; default ${DEFAULT-VALUE})")
    boolean promiscuous;

    @Option(names = "--sensor", paramLabel = "ID",
            description = "Sensor id tagged on every packet; letters, digits, '.', '_', '-' "
                    + "(env PACKETSTREAM_SENSOR; default: the host name)")
    String sensor;

    @Option(names = "--shards", paramLabel = "N",
            description = "Stream shards; the first program told sets up the namespace, later ones must agree "
                    + "(env PACKETSTREAM_SHARDS; default: what the namespace holds, " + PublishOptions.DEFAULT_SHARDS
                    + " for a new one)")
    Integer shards;

    @Option(names = "--max-len", paramLabel = "ENTRIES",
            description = "Entries kept per shard stream (XADD MAXLEN ~), and the most it may hold that the "
                    + "indexers have not acknowledged: at that cap file replay waits and live capture drops "
                    + "(env PACKETSTREAM_MAX_LEN; default ${DEFAULT-VALUE})")
    long maxLen = PublishOptions.DEFAULT_MAX_LEN;

    @Option(names = "--batch-packets", paramLabel = "N",
            description = "Packets per stream entry, at most (env PACKETSTREAM_BATCH_PACKETS; default ${DEFAULT-VALUE})")
    int batchPackets = PublishOptions.DEFAULT_BATCH_PACKETS;

    @Option(names = "--batch-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Payload bytes per stream entry, at most (env PACKETSTREAM_BATCH_BYTES; default ${DEFAULT-VALUE})")
    long batchBytes = PublishOptions.DEFAULT_BATCH_BYTES;

    @Option(names = "--linger", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest a packet waits for its batch to fill (env PACKETSTREAM_LINGER; default ${DEFAULT-VALUE})")
    Duration linger = PublishOptions.DEFAULT_LINGER;

    @Option(names = "--max-in-flight", paramLabel = "N",
            description = "XADDs sent and not yet acknowledged, at most (env PACKETSTREAM_MAX_IN_FLIGHT; "
                    + "default ${DEFAULT-VALUE})")
    int maxInFlight = PublishOptions.DEFAULT_MAX_IN_FLIGHT;

    @Option(names = "--buffer", paramLabel = "PACKETS",
            description = "Packets held until Redis acknowledges them; when full, file replay waits and live capture "
                    + "drops (env PACKETSTREAM_BUFFER; default ${DEFAULT-VALUE})")
    int buffer = PublishOptions.DEFAULT_BUFFER_PACKETS;

    @Option(names = "--buffer-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Captured bytes held, at most, likewise (env PACKETSTREAM_BUFFER_BYTES; default ${DEFAULT-VALUE})")
    long bufferBytes = PublishOptions.DEFAULT_BUFFER_BYTES;

    @Option(names = "--replica-wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "On a Redis Cluster with replicas, an append counts as published only once a replica has "
                    + "it (WAIT 1), waiting this long before sending it again; 0s turns it off, e.g. for live capture "
                    + "(env PACKETSTREAM_REPLICA_WAIT; default ${DEFAULT-VALUE})")
    Duration replicaWait = PublishOptions.DEFAULT_REPLICA_WAIT;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long file replay tries to reach Redis at start before it fails "
                    + "(env PACKETSTREAM_CONNECT_TIMEOUT; default ${DEFAULT-VALUE})")
    Duration connectTimeout = AgentOptions.DEFAULT_CONNECT_TIMEOUT;

    @Option(names = "--pace", paramLabel = "SPEED",
            description = "Replay speed: 0 as fast as possible, 1.0 the recorded pace, 2.0 twice as fast "
                    + "(env PACKETSTREAM_PACE; default ${DEFAULT-VALUE})")
    double pace = AgentOptions.DEFAULT_PACE;

    @Option(names = "--progress", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time between progress lines (env PACKETSTREAM_PROGRESS; default ${DEFAULT-VALUE})")
    Duration progress = AgentOptions.DEFAULT_PROGRESS;

    @Mixin
    RedisMixin redis;

    @Mixin
    MetricsMixin metrics;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command as {@code main} would, returning the exit code instead of exiting. */
    static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** @return the command line, with packetstream errors reported as one line and exit code 1 */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CaptureAgentMain());
        cli.setExecutionExceptionHandler(ErrorLine.handler("capture-agent"));
        return cli;
    }

    /** Builds the run's options from the flags; the one place that does. */
    AgentOptions options() {
        try {
            boolean live = interfaceName != null && !interfaceName.isBlank();
            String sensorId = sensor == null || sensor.isBlank() ? SensorNames.defaultSensor() : sensor;
            PublishOptions publish = PublishOptions.builder(sensorId)
                    .shards(shards == null ? PublishOptions.DEFAULT_SHARDS : shards).followStoredShards(shards == null)
                    .maxLen(maxLen)
                    .batchPackets(batchPackets).batchBytes((int) Math.min(batchBytes, Integer.MAX_VALUE)).linger(linger)
                    .maxInFlight(maxInFlight).bufferPackets(buffer).bufferBytes(bufferBytes).replicaWait(replicaWait)
                    .overflow(live ? PublishOptions.Overflow.DROP : PublishOptions.Overflow.WAIT)
                    .heartbeat(live ? PublishOptions.DEFAULT_HEARTBEAT : Duration.ZERO).build();
            Optional<LiveOptions> liveOptions = live ? Optional.of(new LiveOptions(interfaceName, filter, snaplen,
                    promiscuous, linger.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : linger))
                    : Optional.empty();
            KeySchema keys = redis.keySchema();
            return new AgentOptions(List.copyOf(files), liveOptions, redis.redisOptions(), keys, publish,
                    connectTimeout, pace, progress);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        AgentOptions options = options();
        PrometheusMeterRegistry registry = Observability.registry("agent");
        DisposableServer server = null;
        if (metrics.enabled()) {
            server = MetricsServer.start(registry, metrics.host(), metrics.port());
            log.info("metrics at http://{}:{}/metrics", metrics.host(), server.port());
        }
        log.info("{} as sensor '{}' into {} of namespace '{}' at {}",
                options.isLive() ? "capturing on " + options.live().get().interfaceName()
                        : "replaying " + options.files().size() + " file(s)",
                options.publish().sensor(), options.publish().followStoredShards() ? "the shards"
                        : options.publish().shards() + " shard(s)", options.keys().namespace(),
                options.redis().shown());
        CaptureAgent agent = new CaptureAgent(options, registry);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            agent.stop();
            try {
                finished.await(options.shutdownGrace().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "packetstream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            CaptureAgent.AgentResult result = agent.run();
            for (String error : result.errors()) {
                spec.commandLine().getErr().println("capture-agent: error: " + error);
            }
            return result.ok() ? 0 : 1;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the countDown above
            }
            if (server != null) {
                server.disposeNow();
            }
        }
    }
}
