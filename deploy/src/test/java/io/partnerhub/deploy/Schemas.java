package io.partnerhub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Schemas of the custom resources. Strimzi's: its CRDs, generated at test time from Strimzi's API classes by
 * Strimzi's own generator (io.strimzi:crd-generator + io.strimzi:api from Maven Central), the way Strimzi's build
 * generates the CRDs it ships. CloudNativePG, Keycloak operator and ServiceMonitor publish no artifact to Maven
 * Central: for those, small schemas of the fields Partner Hub uses (src/test/resources/schemas), from their API
 * references. Every object schema is closed (additionalProperties false unless the CRD preserves unknown fields),
 * so a misspelled field fails as the API server's pruning would silently drop it.
 */
final class Schemas {

    static final String STRIMZI_VERSION = "1.2.0";
    private static final JsonMapper JSON = new JsonMapper();
    private static final Map<String, String> STRIMZI = Map.of(
            "Kafka", "io.strimzi.api.kafka.model.kafka.Kafka",
            "KafkaNodePool", "io.strimzi.api.kafka.model.nodepool.KafkaNodePool",
            "KafkaTopic", "io.strimzi.api.kafka.model.topic.KafkaTopic",
            "KafkaUser", "io.strimzi.api.kafka.model.user.KafkaUser");
    /** apiVersion/kind -> schema resource (the custom resources without an artifact on Maven Central). */
    static final Map<String, String> OWN = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "cnpg-cluster.yaml",
            "postgresql.cnpg.io/v1/Database", "cnpg-database.yaml",
            "k8s.keycloak.org/v2alpha1/Keycloak", "keycloak.yaml",
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport", "keycloak-realm-import.yaml",
            "monitoring.coreos.com/v1/ServiceMonitor", "service-monitor.yaml");

    private static Map<String, Schema> cache;

    private Schemas() {
    }

    /** apiVersion/kind -> closed schema, for every custom resource kind the manifests may use. */
    static synchronized Map<String, Schema> all() throws IOException, InterruptedException {
        if (cache != null) {
            return cache;
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());
        Map<String, Schema> m = new LinkedHashMap<>();
        Path dir = strimziCrds();
        for (String kind : STRIMZI.keySet()) {
            JsonNode crd = Kustomize.YAML.readTree(dir.resolve(kind + ".yaml").toFile());
            String group = crd.at("/spec/group").asText();
            for (JsonNode v : crd.at("/spec/versions")) {
                if (v.path("served").asBoolean()) {
                    m.put(group + "/" + v.path("name").asText() + "/" + kind,
                            registry.getSchema(close(v.at("/schema/openAPIV3Schema"), true)));
                }
            }
        }
        for (Map.Entry<String, String> e : OWN.entrySet()) {
            try (InputStream in = Schemas.class.getResourceAsStream("/schemas/" + e.getValue())) {
                m.put(e.getKey(), registry.getSchema(close(Kustomize.YAML.readTree(in), true)));
            }
        }
        cache = m;
        return m;
    }

    static List<String> validate(Schema schema, JsonNode resource) {
        List<String> out = new ArrayList<>();
        for (Error e : schema.validate(resource)) {
            out.add(e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * Strimzi's CRDs as its generator writes them, kept in {@code src/test/resources/crds/strimzi-<version>/} so that the
     * test needs only the build's JDK (17). Strimzi {@value #STRIMZI_VERSION} is compiled for Java 21: where a Java
     * 21+ runtime is found (this JVM, $JAVA21_HOME or a JDK under /usr/lib/jvm), the CRDs are generated again from the
     * Maven Central artifacts and must equal the kept ones; after a Strimzi upgrade, copy target/strimzi-*-crds/*.yaml
     * over them.
     */
    static Path strimziCrds() throws IOException, InterruptedException {
        Path kept = Path.of("src", "test", "resources", "crds", "strimzi-" + STRIMZI_VERSION).toAbsolutePath();
        Optional<Path> java21 = java21();
        if (java21.isEmpty()) {
            System.out.println("Strimzi CRDs: no Java 21+ runtime here to run Strimzi's generator; using the kept " + kept);
            return kept;
        }
        Path generated = generateStrimziCrds(java21.get());
        for (String kind : STRIMZI.keySet()) {
            String want = Files.readString(generated.resolve(kind + ".yaml"), StandardCharsets.UTF_8);
            String have = Files.readString(kept.resolve(kind + ".yaml"), StandardCharsets.UTF_8);
            if (!want.equals(have)) {
                throw new IllegalStateException("the kept CRD " + kept.resolve(kind + ".yaml") + " differs from what Strimzi "
                        + STRIMZI_VERSION + "'s generator writes; copy " + generated.resolve(kind + ".yaml") + " over it");
            }
        }
        return kept;
    }

    /**
     * Runs io.strimzi.crdgenerator.CrdGenerator as Strimzi's api module does (--yaml --crd-api-version v1
     * --api-versions v1 --storage-version v1 class=file ...). Strimzi 1.2.0 is compiled for Java 21: the generator runs
     * in a Java 21+ process (this JVM's java when it is 21 or newer, else $JAVA21_HOME, else a JDK 21+ under
     * /usr/lib/jvm), on this test's class path.
     */
    private static Path generateStrimziCrds(Path java) throws IOException, InterruptedException {
        Path dir = Path.of("target", "strimzi-" + STRIMZI_VERSION + "-crds").toAbsolutePath();
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "io.strimzi.crdgenerator.CrdGenerator", "--yaml", "--crd-api-version", "v1", "--api-versions", "v1",
                "--storage-version", "v1"));
        STRIMZI.forEach((kind, cls) -> cmd.add(cls + "=" + dir.resolve(kind + ".yaml")));
        Path log = dir.resolve("generator.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("Strimzi's CrdGenerator failed: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        for (String kind : STRIMZI.keySet()) {
            if (Files.size(dir.resolve(kind + ".yaml")) == 0) {
                throw new IllegalStateException("Strimzi's CrdGenerator wrote no CRD for " + kind);
            }
        }
        return dir;
    }

    private static Optional<Path> java21() throws IOException {
        if (Runtime.version().feature() >= 21) {
            return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
        }
        List<Path> homes = new ArrayList<>();
        String env = System.getenv("JAVA21_HOME");
        if (env != null && !env.isBlank()) {
            homes.add(Path.of(env));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> s = Files.list(jvms)) {
                s.sorted().forEach(homes::add);
            }
        }
        for (Path home : homes) {
            Path release = home.resolve("release");
            Path java = home.resolve("bin").resolve("java");
            if (Files.isRegularFile(release) && Files.isExecutable(java)) {
                for (String line : Files.readAllLines(release)) {
                    if (line.startsWith("JAVA_VERSION=")) {
                        String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                        int feature = Integer.parseInt(v.split("[.+-]")[0]);
                        if (feature >= 21) {
                            return Optional.of(java);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Closes every object schema the way the API server's pruning drops unknown fields. */
    static JsonNode close(JsonNode s, boolean root) {
        if (!s.isObject()) {
            return s;
        }
        ObjectNode o = ((ObjectNode) s).deepCopy();
        boolean preserve = o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean embedded = o.path("x-kubernetes-embedded-resource").asBoolean(false);
        if (o.path("x-kubernetes-int-or-string").asBoolean(false)) {
            o.remove("x-kubernetes-int-or-string");
            ArrayNode any = o.putArray("anyOf");
            any.addObject().put("type", "integer");
            any.addObject().put("type", "string");
        }
        o.remove("x-kubernetes-validations"); // CEL rules: not evaluated here
        if (o.has("properties")) {
            ObjectNode props = (ObjectNode) o.get("properties");
            List<String> keys = new ArrayList<>();
            props.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                if (root && k.equals("metadata")) {
                    props.set(k, JSON.createObjectNode().put("type", "object")); // checked as V1ObjectMeta
                } else {
                    props.set(k, close(props.get(k), false));
                }
            }
        }
        if (o.has("items")) {
            o.set("items", close(o.get("items"), false));
        }
        if (o.has("additionalProperties") && o.get("additionalProperties").isObject()) {
            o.set("additionalProperties", close(o.get("additionalProperties"), false));
        }
        for (String comb : List.of("allOf", "anyOf", "oneOf")) {
            if (o.has(comb)) {
                ArrayNode a = (ArrayNode) o.get(comb);
                for (int i = 0; i < a.size(); i++) {
                    a.set(i, close(a.get(i), false));
                }
            }
        }
        if (o.has("not")) {
            o.set("not", close(o.get("not"), false));
        }
        if ("object".equals(o.path("type").asText(null)) && !preserve && !o.has("additionalProperties")) {
            if (embedded) {
                ObjectNode props = o.has("properties") ? (ObjectNode) o.get("properties") : o.putObject("properties");
                props.putObject("apiVersion").put("type", "string");
                props.putObject("kind").put("type", "string");
                props.putObject("metadata").put("type", "object");
            }
            o.put("additionalProperties", false);
        }
        return o;
    }
}
