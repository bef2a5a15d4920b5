package io.packetstream.deploy;

import io.packetstream.core.cli.VersionProvider;
import io.packetstream.core.cli.ErrorLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Runs the whole pipeline on one machine: Redis (embedded when none is given, or a local Redis Cluster), the query
 * service, indexers and capture agents replaying a capture, each as its own process; then prints where to look.
 */
@Command(name = "packetstream-demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Runs Redis, query-service, indexer and capture-agent locally on a capture and prints the URLs to try.")
public final class LauncherMain implements Callable<Integer> {

    @Option(names = "--redis", paramLabel = "URL", defaultValue = "${env:PACKETSTREAM_REDIS}",
            description = "Redis to use (env PACKETSTREAM_REDIS); when absent an embedded Redis is started")
    String redis;

    @Option(names = "--cluster",
            description = "Start a local Redis Cluster (3 masters, 3 replicas, from redis-server and redis-cli on the "
                    + "PATH) and run 2 agents and 2 indexers on it instead of 1 each")
    boolean cluster;

    @Option(names = "--file", paramLabel = "PCAP",
            description = "Capture to replay (pcap or pcapng); default: the bundled sample")
    Path file;

    @Option(names = "--sensor", defaultValue = "demo", description = "Sensor id of the replayed packets (default ${DEFAULT-VALUE})")
    String sensor;

    @Option(names = "--port", defaultValue = "8080", description = "Port of the query service (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--jars", paramLabel = "DIR",
            description = "Directory of the reactor checkout holding <module>/target/<module>.jar (default: found from this jar)")
    Path jars;

    @Option(names = "--exit-when-loaded",
            description = "Check the example queries, then stop everything and exit (for scripts and tests)")
    boolean exitWhenLoaded;

    @Option(names = "--load-timeout", defaultValue = "120", description = "Seconds to wait for the capture to be indexed")
    int loadTimeoutSeconds;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the command line, with failures reported as one masked line: they may quote the Redis URL */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LauncherMain());
        cli.setExecutionExceptionHandler(ErrorLine.handler("demo"));
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        Path root = Optional.ofNullable(jars).orElseGet(ModuleJars::checkoutRoot);
        ModuleJars modules = new ModuleJars(root);
        Path capture = Optional.ofNullable(file).orElseGet(SampleCapture::extract);
        try (LocalPipeline pipeline = LocalPipeline.start(modules, Optional.ofNullable(redis).filter(s -> !s.isBlank()),
                cluster, capture, sensor, port)) {
            pipeline.awaitIndexed(Duration.ofSeconds(loadTimeoutSeconds));
            List<DemoGuide.Example> examples = DemoGuide.examples(sensor);
            DemoGuide.print(pipeline, examples, System.out);
            if (exitWhenLoaded) {
                return DemoGuide.check(pipeline, examples, System.out) ? 0 : 1;
            }
            System.out.println("Press Ctrl-C to stop.");
            pipeline.awaitExit();
            return 0;
        }
    }
}
