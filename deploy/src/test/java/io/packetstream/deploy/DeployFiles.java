package io.packetstream.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** The deployment files of deploy/, read as plain YAML trees (anchors and merge keys resolved). */
final class DeployFiles {

    /** The deploy module's folder: Maven runs the tests there. */
    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    private DeployFiles() {
    }

    /** @return every YAML document of the file, in order */
    static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file)) {
            for (Object doc : new Yaml(new LoaderOptions()).loadAll(r)) {
                if (doc != null) {
                    out.add(map(doc));
                }
            }
        }
        return out;
    }

    static Map<String, Object> document(Path file) throws IOException {
        return documents(file).get(0);
    }

    /** @return the documents of every manifest under deploy/k8s */
    static List<Map<String, Object>> kubernetes() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                out.addAll(documents(f));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) Objects.requireNonNull(o, "expected a mapping");
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    /** @return the value at a path of keys, or null */
    static Object at(Map<String, Object> node, String... path) {
        Object o = node;
        for (String key : path) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            o = m.get(key);
        }
        return o;
    }
}
