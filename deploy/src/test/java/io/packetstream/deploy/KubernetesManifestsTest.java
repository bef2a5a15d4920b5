package io.packetstream.deploy;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.custom.QuantityFormatException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.packetstream.deploy.DeployFiles.at;
import static io.packetstream.deploy.DeployFiles.list;
import static io.packetstream.deploy.DeployFiles.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Kubernetes manifest under deploy/k8s, and the autoscaler the indexer's manifest suggests in a comment, is
 * valid by the Kubernetes API's own definitions, as {@code kubectl apply --validate=strict} would find: each
 * document is read by the model of its apiVersion and kind in the official Kubernetes Java client (generated from
 * the API's OpenAPI spec), which refuses a field the API does not define and a required field that is missing,
 * then written back; a value of the wrong type fails to read or comes back as another value, and fails too.
 */
class KubernetesManifestsTest {

    /** apiVersion/kind → the client's model; a manifest of any other kind fails, rather than going unchecked. */
    private static final Map<String, Class<?>> MODELS = Map.of(
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Service", V1Service.class,
            "apps/v1/Deployment", V1Deployment.class,
            "apps/v1/DaemonSet", V1DaemonSet.class,
            "apps/v1/StatefulSet", V1StatefulSet.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class);

    @Test
    void everyManifestIsValidByTheKubernetesApi() throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>(DeployFiles.kubernetes());
        docs.add(autoscalingHint());
        List<String> problems = new ArrayList<>();
        Set<String> kinds = new TreeSet<>();
        for (Map<String, Object> doc : docs) {
            problem(doc).ifPresent(p -> problems.add(doc.get("kind") + " " + at(doc, "metadata", "name") + ": " + p));
            kinds.add(doc.get("apiVersion") + "/" + doc.get("kind"));
        }
        assertEquals(List.of(), problems);
        assertEquals(new TreeSet<>(MODELS.keySet()), kinds, "every kind the files use is checked, and no model is idle");
    }

    @Test
    void aMisspelledFieldOrAValueOfTheWrongTypeIsCaught() throws Exception {
        Map<String, Object> misspelled = indexer();
        map(misspelled.get("spec")).put("replica", 2);
        assertTrue(problem(misspelled).orElse("").contains("`replica`"), () -> problem(misspelled).toString());

        Map<String, Object> nested = indexer();
        container(nested).put("livenesProbe", Map.of());
        assertTrue(problem(nested).orElse("").contains("`livenesProbe`"), () -> problem(nested).toString());

        Map<String, Object> notANumber = indexer();
        map(notANumber.get("spec")).put("replicas", "two");
        assertTrue(problem(notANumber).isPresent(), "replicas: two");

        Map<String, Object> quotedNumber = indexer(); // read as 9400 by a lenient parser; the API refuses a string
        map(list(container(quotedNumber).get("ports")).get(0)).put("containerPort", "9400");
        assertTrue(problem(quotedNumber).orElse("").contains("containerPort"), () -> problem(quotedNumber).toString());

        Map<String, Object> missing = indexer();
        container(missing).remove("name");
        assertTrue(problem(missing).orElse("").contains("`name`"), () -> problem(missing).toString());
    }

    /** @return what is wrong with the document by the API's definition of its kind, if anything */
    private static Optional<String> problem(Map<String, Object> doc) {
        String kind = doc.get("apiVersion") + "/" + doc.get("kind");
        Class<?> model = MODELS.get(kind);
        if (model == null) {
            return Optional.of(kind + " is not checked here: add its model");
        }
        JsonElement given = JSON.getGson().toJsonTree(doc);
        Object read;
        try {
            read = JSON.getGson().fromJson(given, model);
        } catch (RuntimeException e) { // unknown or missing field, or a value that does not parse
            return Optional.of(String.valueOf(e.getMessage()));
        }
        List<String> changed = new ArrayList<>();
        differences("", given, JSON.getGson().toJsonTree(read), changed);
        return changed.isEmpty() ? Optional.empty()
                : Optional.of("read as another value (wrong type?): " + String.join(", ", changed));
    }

    /** Collects the paths where what was written back differs from what was read. */
    private static void differences(String path, JsonElement given, JsonElement back, List<String> out) {
        if (given.isJsonObject() && back.isJsonObject()) {
            JsonObject g = given.getAsJsonObject();
            JsonObject b = back.getAsJsonObject();
            for (String key : g.keySet()) {
                differences(path + "." + key, g.get(key), b.has(key) ? b.get(key) : JsonNull.INSTANCE, out);
            }
        } else if (given.isJsonArray() && back.isJsonArray() && given.getAsJsonArray().size() == back.getAsJsonArray().size()) {
            for (int i = 0; i < given.getAsJsonArray().size(); i++) {
                differences(path + "[" + i + "]", given.getAsJsonArray().get(i), back.getAsJsonArray().get(i), out);
            }
        } else if (!given.equals(back) && !sameQuantity(given, back)) {
            out.add(path + ": " + given + " read as " + back);
        }
    }

    private static boolean isText(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    /** Quantities come back in their canonical form ("5000" as "5k"): the same amount is no difference. */
    private static boolean sameQuantity(JsonElement given, JsonElement back) {
        if (!isText(given) || !isText(back)) {
            return false;
        }
        try {
            return Quantity.fromString(given.getAsString()).equals(Quantity.fromString(back.getAsString()));
        } catch (QuantityFormatException notAQuantity) {
            return false;
        }
    }

    /** The HorizontalPodAutoscaler that indexer.yaml suggests in a comment, as a user would uncomment it. */
    private static Map<String, Object> autoscalingHint() throws Exception {
        List<String> lines = Files.readAllLines(DeployFiles.ROOT.resolve(Path.of("k8s", "indexer.yaml")));
        int start = lines.indexOf("# apiVersion: autoscaling/v2");
        assertTrue(start >= 0, "indexer.yaml suggests a HorizontalPodAutoscaler");
        String yaml = lines.subList(start, lines.size()).stream().takeWhile(l -> l.startsWith("#"))
                .map(l -> l.length() > 2 ? l.substring(2) : "").collect(Collectors.joining("\n"));
        return map(new Yaml(new LoaderOptions()).load(yaml));
    }

    private static Map<String, Object> indexer() throws Exception {
        return DeployFiles.documents(DeployFiles.ROOT.resolve(Path.of("k8s", "indexer.yaml"))).get(0);
    }

    private static Map<String, Object> container(Map<String, Object> workload) {
        return map(list(at(workload, "spec", "template", "spec", "containers")).get(0));
    }
}
