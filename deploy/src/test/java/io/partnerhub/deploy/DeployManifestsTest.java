package io.partnerhub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/kubernetes as it will be applied: each overlay rendered (the kustomize subset of {@link Kustomize}) and
 * checked by {@link ManifestRules}: built-in kinds by the Kubernetes models, Strimzi resources by Strimzi's CRD
 * schemas, the other custom resources by their closed schemas, then the cross-resource rules (probes, resources,
 * security context, image tags, selectors, topics and ACLs from the services' configuration, databases, the realm
 * import, Secrets without values).
 */
class DeployManifestsTest {

    static Path root;
    static ManifestRules.Project project;

    @BeforeAll
    static void load() throws Exception {
        root = root();
        project = ManifestRules.Project.load(root);
    }

    static Path root() {
        String p = System.getProperty("partnerhub.root");
        Path r = p != null && !p.isBlank() ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isDirectory(r.resolve("deploy/kubernetes"))) {
            r = Path.of("").toAbsolutePath().getParent();
        }
        return r.toAbsolutePath().normalize();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayPassesEveryRule(String overlay) throws Exception {
        List<ObjectNode> docs = Kustomize.build(root.resolve("deploy/kubernetes/overlays").resolve(overlay));
        List<String> violations = ManifestRules.check(docs, project, overlay.equals("prod"));
        assertEquals(List.of(), violations, overlay + ":\n" + String.join("\n", violations));
        Map<String, Integer> kinds = new TreeMap<>();
        docs.forEach(d -> kinds.merge(d.path("kind").asText(), 1, Integer::sum));
        // 5 applications x (ServiceAccount, ConfigMap, Deployment, Service, PDB, HPA, ServiceMonitor), the engines
        assertEquals(Map.ofEntries(Map.entry("ServiceAccount", 5), Map.entry("ConfigMap", 5), Map.entry("Deployment", 5),
                Map.entry("Service", 5), Map.entry("PodDisruptionBudget", 5), Map.entry("HorizontalPodAutoscaler", 5),
                Map.entry("ServiceMonitor", 5), Map.entry("Ingress", 1), Map.entry("NetworkPolicy", 10), Map.entry("Kafka", 1),
                Map.entry("KafkaNodePool", 1), Map.entry("KafkaTopic", 12), Map.entry("KafkaUser", 6), Map.entry("Cluster", 1),
                Map.entry("Database", 5), Map.entry("Keycloak", 1), Map.entry("KeycloakRealmImport", 1)), kinds);
        String namespace = overlay.equals("prod") ? "partnerhub" : "partnerhub-dev";
        docs.forEach(d -> assertEquals(namespace, d.at("/metadata/namespace").asText(), ManifestRules.id(d)));
    }

    @Test
    void sizesOfTheOverlays() throws Exception {
        List<ObjectNode> dev = Kustomize.build(root.resolve("deploy/kubernetes/overlays/dev"));
        List<ObjectNode> prod = Kustomize.build(root.resolve("deploy/kubernetes/overlays/prod"));
        assertEquals(List.of(1, 1, 1, 1, 1), values(dev, "Deployment", "/spec/replicas"));
        assertEquals(List.of(2, 2, 2, 2, 2), values(prod, "Deployment", "/spec/replicas"));
        assertEquals(List.of(2, 2, 2, 2, 2), values(dev, "HorizontalPodAutoscaler", "/spec/maxReplicas"));
        assertEquals(List.of(6, 6, 6, 6, 6), values(prod, "HorizontalPodAutoscaler", "/spec/maxReplicas"));
        assertEquals(List.of(1), values(dev, "KafkaNodePool", "/spec/replicas"));
        assertEquals(List.of(3), values(prod, "KafkaNodePool", "/spec/replicas"));
        assertEquals(List.of(1), values(dev, "Cluster", "/spec/instances"));
        assertEquals(List.of(3), values(prod, "Cluster", "/spec/instances"));
        assertEquals(Set.of("registry.example.com/partnerhub/gateway:0.1.0", "registry.example.com/partnerhub/customers-service:0.1.0",
                "registry.example.com/partnerhub/subscriptions-service:0.1.0", "registry.example.com/partnerhub/analytics-service:0.1.0",
                "registry.example.com/partnerhub/calling-metrics-service:0.1.0"), images(prod));
        assertEquals(Set.of("partnerhub/gateway:0.1.0", "partnerhub/customers-service:0.1.0", "partnerhub/subscriptions-service:0.1.0",
                "partnerhub/analytics-service:0.1.0", "partnerhub/calling-metrics-service:0.1.0"), images(dev));
    }

    /** The topics and groups the rules derive from the configuration (if this changes, the manifests must follow). */
    @Test
    void topicsAndGroupsReadFromTheServicesConfiguration() {
        Map<String, AppConfig> apps = project.apps();
        assertEquals(Set.of(), apps.get("gateway").produces());
        assertEquals(Map.of("partnerhub.customers.v1", Set.of("")), apps.get("gateway").consumes());
        assertEquals(Set.of("partnerhub.customers.v1", "partnerhub.subscriptions.v1.customers-service.dlq"), apps.get("customers-service").produces());
        assertEquals(Map.of("partnerhub.customers.v1", Set.of(""), "partnerhub.subscriptions.v1", Set.of("customers-service")),
                apps.get("customers-service").consumes());
        assertEquals(Set.of("partnerhub.subscriptions.v1", "partnerhub.ccw-orders.v1.dlq", "partnerhub.customers.v1.subscriptions-service.dlq"),
                apps.get("subscriptions-service").produces());
        assertEquals(Map.of("partnerhub.customers.v1", Set.of("", "subscriptions-service"), "partnerhub.ccw-orders.v1", Set.of("subscriptions-service")),
                apps.get("subscriptions-service").consumes());
        assertEquals(Set.of("partnerhub.customers.v1.analytics-service.dlq", "partnerhub.subscriptions.v1.analytics-service.dlq"),
                apps.get("analytics-service").produces());
        assertEquals(Set.of("partnerhub.calling.v1", "partnerhub.customers.v1.calling-metrics-service.dlq", "partnerhub.cdr.v1.dlq"),
                apps.get("calling-metrics-service").produces());
        assertEquals(Map.of("partnerhub.customers.v1", Set.of("", "calling-metrics-service"), "partnerhub.cdr.v1", Set.of("calling-metrics-service")),
                apps.get("calling-metrics-service").consumes());
        assertEquals("calling_metrics", apps.get("calling-metrics-service").database());
        assertEquals(null, apps.get("gateway").database());
        assertEquals("26.5.6", project.keycloakVersion());
        for (AppConfig app : apps.values()) {
            assertTrue(app.shutdownSeconds() >= 10 && app.shutdownSeconds() < 30, app.name() + ": " + app.shutdownSeconds());
        }
    }

    /** A variable the prod profile requires (${NAME} without a default) that the Deployment does not provide fails. */
    @Test
    void requiredEnvironmentMissingFromTheDeploymentFails() throws Exception {
        Map<String, AppConfig> apps = new java.util.LinkedHashMap<>(project.apps());
        AppConfig gw = apps.get("gateway");
        apps.put("gateway", new AppConfig(gw.name(), gw.port(), gw.managementPort(), gw.database(), gw.produces(), gw.consumes(),
                Set.of("KAFKA_BOOTSTRAP_SERVERS", "PARTNERHUB_GATEWAY_NEW_SETTING"), gw.shutdownSeconds()));
        ManifestRules.Project changed = new ManifestRules.Project(apps, project.keycloakVersion(), project.realm(), project.operationsGuide());
        List<String> violations = ManifestRules.check(Kustomize.build(root.resolve("deploy/kubernetes/overlays/prod")), changed, true);
        assertEquals(List.of("Deployment gateway: the prod profile requires PARTNERHUB_GATEWAY_NEW_SETTING, which neither its ConfigMap "
                + "nor its env provides"), violations);
    }


    private static List<Integer> values(List<ObjectNode> docs, String kind, String pointer) {
        List<Integer> l = new ArrayList<>();
        docs.stream().filter(d -> d.path("kind").asText().equals(kind)).forEach(d -> l.add(d.at(pointer).asInt()));
        return l;
    }

    private static Set<String> images(List<ObjectNode> docs) {
        Set<String> s = new TreeSet<>();
        docs.stream().filter(d -> d.path("kind").asText().equals("Deployment"))
                .forEach(d -> d.at("/spec/template/spec/containers").forEach(c -> s.add(c.path("image").asText())));
        return s;
    }
}
