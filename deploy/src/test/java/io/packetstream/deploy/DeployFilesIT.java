package io.packetstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.packetstream.agent.CaptureAgentMain;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.metrics.MetricsServer;
import io.packetstream.core.metrics.Observability;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.indexer.IndexerMain;
import io.packetstream.query.QueryOptions;
import io.packetstream.query.QueryService;
import io.packetstream.query.QueryServiceMain;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.packetstream.deploy.DeployFiles.at;
import static io.packetstream.deploy.DeployFiles.list;
import static io.packetstream.deploy.DeployFiles.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compose file, the Prometheus config and the Kubernetes manifests name only flags, environment variables, ports
 * and paths the programs really have, so they cannot rot silently; the compose file is valid by the Compose
 * Specification's schema (the manifests are checked against the Kubernetes API by {@link KubernetesManifestsTest}).
 */
class DeployFilesIT {

    /** image name → what that program accepts */
    private static final Map<String, ProgramSurface> PROGRAMS = Map.of(
            "packetstream/capture-agent", ProgramSurface.of(new CaptureAgentMain()),
            "packetstream/indexer", ProgramSurface.of(new IndexerMain()),
            "packetstream/query-service", ProgramSurface.of(new QueryServiceMain()));
    private static final Pattern IMAGE = Pattern.compile("(packetstream/[a-z-]+)(:.*)?");
    private static final Pattern STAGE = Pattern.compile("(?m)^FROM \\S+ AS (\\S+)$");

    private static ProgramSurface program(Object image) {
        Matcher m = IMAGE.matcher(String.valueOf(image));
        return m.matches() ? PROGRAMS.get(m.group(1)) : null;
    }

    @Test
    void theProgramsReadEnvironmentVariablesTheFilesRelyOn() {
        // guards the reading itself: were it broken, every check below would pass vacuously
        assertTrue(PROGRAMS.get("packetstream/indexer").environment().containsAll(
                Set.of("PACKETSTREAM_REDIS", "PACKETSTREAM_SHARDS", "PACKETSTREAM_METRICS_PORT", "PACKETSTREAM_RETENTION")));
        assertTrue(PROGRAMS.get("packetstream/capture-agent").flags().containsAll(Set.of("--interface", "--shards")));
        assertTrue(PROGRAMS.get("packetstream/query-service").environment().contains("PACKETSTREAM_PORT"));
    }

    @Test
    void composeSetsOnlyVariablesTheProgramsReadAndScrapesTheirMetricsWhereTheyServeThem() throws Exception {
        Map<String, Object> compose = DeployFiles.document(DeployFiles.ROOT.resolve("docker-compose.yml"));
        Map<String, Object> services = map(compose.get("services"));
        Map<String, String> metricsPorts = new HashMap<>();
        Set<String> stages = stages();
        for (Map.Entry<String, Object> s : services.entrySet()) {
            Map<String, Object> service = map(s.getValue());
            ProgramSurface program = program(service.get("image"));
            if (program == null) {
                continue;
            }
            Map<String, Object> env = map(service.get("environment"));
            for (String name : env.keySet()) {
                assertTrue(program.environment().contains(name), s.getKey() + " sets " + name + ", which "
                        + program.name() + " does not read; it reads " + program.environment());
            }
            assertTrue(stages.contains(String.valueOf(at(service, "build", "target"))),
                    s.getKey() + " builds a stage the Dockerfile lacks");
            Object port = env.getOrDefault("PACKETSTREAM_METRICS_PORT", env.get("PACKETSTREAM_PORT"));
            metricsPorts.put(s.getKey(), String.valueOf(port));
        }
        assertEquals(Set.of("capture-agent", "indexer", "query-service"), metricsPorts.keySet());
        for (Object mount : list(at(compose, "services", "prometheus", "volumes"))) {
            String source = String.valueOf(mount).split(":")[0];
            if (source.startsWith("./")) {
                assertTrue(Files.exists(DeployFiles.ROOT.resolve(source)), "compose mounts a missing " + source);
            }
        }

        Map<String, Object> prometheus = DeployFiles.document(DeployFiles.ROOT.resolve("prometheus/prometheus.yml"));
        Set<String> scraped = new TreeSet<>();
        for (Object o : list(prometheus.get("scrape_configs"))) {
            Map<String, Object> job = map(o);
            String name = String.valueOf(job.get("job_name"));
            assertEquals(MetricsServer.PATH, job.get("metrics_path"), name);
            List<String> ports = new ArrayList<>();
            for (Object sc : list(job.get("static_configs"))) {
                for (Object target : list(map(sc).get("targets"))) {
                    String t = String.valueOf(target);
                    ports.add(t.substring(t.lastIndexOf(':') + 1));
                }
            }
            for (Object dns : list(job.get("dns_sd_configs"))) {
                ports.add(String.valueOf(map(dns).get("port")));
            }
            assertEquals(List.of(metricsPorts.get(name)), ports, "job " + name + " scrapes where the program serves");
            scraped.add(name);
        }
        assertEquals(metricsPorts.keySet(), scraped, "every program is scraped");
    }

    @Test
    void composeFileIsValidByTheComposeSpecificationAndTheSchemaCatchesAMistake() throws Exception {
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/schemas/compose-spec.json")) {
            // the schema still carries draft-04's "id" beside "$id": an annotation, not a check
            JsonMetaSchema meta = JsonMetaSchema.builder(JsonMetaSchema.getV201909())
                    .keyword(new NonValidationKeyword("id")).build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909,
                    b -> b.metaSchema(meta).defaultMetaSchemaIri(meta.getIri())).getSchema(in);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode compose = json.valueToTree(DeployFiles.document(DeployFiles.ROOT.resolve("docker-compose.yml")));
        Set<ValidationMessage> errors = schema.validate(compose);
        assertTrue(errors.isEmpty(), errors.toString());

        Map<String, Object> broken = DeployFiles.document(DeployFiles.ROOT.resolve("docker-compose.yml"));
        map(at(broken, "services", "indexer")).put("restart_policy", "always"); // not a service key
        assertFalse(schema.validate(json.valueToTree(broken)).isEmpty(), "the schema would catch a wrong key");
    }

    @Test
    void manifestsNameOnlyVariablesPortsAndPathsTheProgramsHave() throws Exception {
        List<Map<String, Object>> docs = DeployFiles.kubernetes();
        Map<String, Map<String, Object>> configMaps = new HashMap<>();
        for (Map<String, Object> d : docs) {
            if ("ConfigMap".equals(d.get("kind"))) {
                configMaps.put(String.valueOf(at(d, "metadata", "name")), map(d.get("data")));
            }
        }
        Set<String> checked = new TreeSet<>();
        for (Map<String, Object> d : docs) {
            Map<String, Object> pod = map(at(d, "spec", "template") == null ? Map.of() : at(d, "spec", "template"));
            for (Object c : list(at(pod, "spec", "containers"))) {
                Map<String, Object> container = map(c);
                ProgramSurface program = program(container.get("image"));
                if (program == null) {
                    continue;
                }
                String where = d.get("kind") + " " + at(d, "metadata", "name");
                Map<String, String> env = environment(container, configMaps);
                for (String name : env.keySet()) {
                    assertTrue(program.environment().contains(name), where + " sets " + name + ", which "
                            + program.name() + " does not read");
                }
                for (Object arg : list(container.get("args"))) {
                    String a = String.valueOf(arg);
                    if (a.startsWith("--")) {
                        assertTrue(program.flags().contains(a.split("=")[0]), where + " passes unknown " + a);
                    }
                }
                Set<String> ports = new HashSet<>();
                for (Object p : list(container.get("ports"))) {
                    ports.add(String.valueOf(map(p).get("containerPort")));
                    ports.add(String.valueOf(map(p).get("name")));
                }
                String served = env.getOrDefault("PACKETSTREAM_METRICS_PORT", env.get("PACKETSTREAM_PORT"));
                assertTrue(ports.contains(served), where + " serves on " + served + " but declares " + ports);
                assertEquals(MetricsServer.PATH, at(pod, "metadata", "annotations", "prometheus.io/path"), where);
                assertEquals(served, at(pod, "metadata", "annotations", "prometheus.io/port"), where);
                for (String probe : List.of("livenessProbe", "readinessProbe")) {
                    Object path = at(container, probe, "httpGet", "path");
                    if (path != null) {
                        assertTrue(ports.contains(String.valueOf(at(container, probe, "httpGet", "port"))), where);
                        assertTrue(probePaths(program).contains(String.valueOf(path)), where + " probes " + path);
                    }
                }
                checked.add(program.name() + " " + d.get("kind"));
            }
        }
        assertEquals(Set.of("capture-agent DaemonSet", "indexer Deployment", "query-service Deployment"), checked);
    }

    @Test
    void agentsCaptureOnTheHostWithOnlyTheCapabilitiesCaptureNeedsAndIndexersHaveLimits() throws Exception {
        Map<String, Map<String, Object>> byName = new HashMap<>();
        for (Map<String, Object> d : DeployFiles.kubernetes()) {
            byName.put(d.get("kind") + "/" + at(d, "metadata", "name"), d);
        }
        Map<String, Object> agent = byName.get("DaemonSet/capture-agent");
        assertEquals(Boolean.TRUE, at(agent, "spec", "template", "spec", "hostNetwork"));
        Map<String, Object> container = map(list(at(agent, "spec", "template", "spec", "containers")).get(0));
        assertEquals(List.of("ALL"), at(container, "securityContext", "capabilities", "drop"));
        assertEquals(Set.of("NET_RAW", "NET_ADMIN"),
                new HashSet<>(list(at(container, "securityContext", "capabilities", "add"))));
        assertTrue(at(container, "securityContext", "privileged") == null, "never privileged");
        Map<String, Object> indexer = map(list(at(byName.get("Deployment/indexer"), "spec", "template", "spec",
                "containers")).get(0));
        assertTrue(at(indexer, "resources", "limits", "memory") != null && at(indexer, "resources", "limits", "cpu") != null);
        assertTrue(byName.containsKey("StatefulSet/redis") && byName.containsKey("Service/query-service"));
        assertTrue(at(byName.get("StatefulSet/redis"), "spec", "volumeClaimTemplates") != null, "Redis persists");
    }

    @Test
    void theQueryServiceAnswersThePathsItsProbesUse() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (QueryService query = QueryService.start(QueryOptions.defaults().withPort(0),
                RedisOptions.of(TestRedis.shared().uri()), new KeySchema("deploy-probes"), Observability.registry("query-service"))) {
            for (String path : probePaths(PROGRAMS.get("packetstream/query-service"))) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(query.uri()).resolve(path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), path);
            }
        }
    }

    /** Paths a program serves: /metrics everywhere, /health on the query service (asked for real above). */
    private static Set<String> probePaths(ProgramSurface program) {
        return program.name().equals("query-service") ? Set.of(MetricsServer.PATH, "/health") : Set.of(MetricsServer.PATH);
    }

    /** @return the container's variables: its env entries and the keys of the ConfigMaps it loads whole */
    private static Map<String, String> environment(Map<String, Object> container,
                                                   Map<String, Map<String, Object>> configMaps) {
        Map<String, String> env = new HashMap<>();
        for (Object from : list(container.get("envFrom"))) {
            String name = String.valueOf(at(map(from), "configMapRef", "name"));
            assertTrue(configMaps.containsKey(name), "no ConfigMap " + name);
            configMaps.get(name).forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        for (Object e : list(container.get("env"))) {
            Map<String, Object> entry = map(e);
            env.put(String.valueOf(entry.get("name")), String.valueOf(entry.get("value")));
        }
        return env;
    }

    private static Set<String> stages() throws Exception {
        Matcher m = STAGE.matcher(Files.readString(DeployFiles.ROOT.resolve("Dockerfile")));
        Set<String> out = new HashSet<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
