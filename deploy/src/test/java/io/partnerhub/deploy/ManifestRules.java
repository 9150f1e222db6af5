package io.partnerhub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every rule the rendered manifests must pass (issue 15, Done-when 1). {@link #check} returns the violations, one
 * readable line each; an empty list means the overlay may be applied.
 */
final class ManifestRules {

    private static final JsonMapper JSON = new JsonMapper();
    /** Built-in kinds: the Kubernetes API's generated models (fromJson refuses unknown and missing required fields). */
    private static final Map<String, Class<?>> BUILT_IN = Map.of(
            "v1/ServiceAccount", V1ServiceAccount.class,
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Secret", V1Secret.class,
            "v1/Service", V1Service.class,
            "apps/v1/Deployment", V1Deployment.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", V1Ingress.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    /** The repository: the applications' configuration, the pinned Keycloak version, the realm file, the guide. */
    record Project(Map<String, AppConfig> apps, String keycloakVersion, JsonNode realm, String operationsGuide) {

        static Project load(Path root) throws IOException {
            String pom = Files.readString(root.resolve("pom.xml"));
            Matcher m = Pattern.compile("<keycloak\\.version>([^<]+)</keycloak\\.version>").matcher(pom);
            if (!m.find()) {
                throw new IllegalStateException("no keycloak.version in the root pom");
            }
            Path guide = root.resolve("docs/operations.md");
            return new Project(AppConfig.load(root), m.group(1),
                    JSON.readTree(root.resolve("deploy/keycloak/partner-hub-realm.json").toFile()),
                    Files.exists(guide) ? Files.readString(guide) : "");
        }
    }

    /** A pod the manifests create or an operator creates from them (labels as the operator sets them). */
    record Pod(String owner, Map<String, String> labels, JsonNode containers) {
    }

    private final List<ObjectNode> docs;
    private final Project project;
    private final boolean production;
    private final List<String> violations = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();

    private ManifestRules(List<ObjectNode> docs, Project project, boolean production) {
        this.docs = docs;
        this.project = project;
        this.production = production;
    }

    static List<String> check(List<ObjectNode> docs, Project project, boolean production) throws IOException, InterruptedException {
        ManifestRules r = new ManifestRules(docs, project, production);
        r.run();
        return r.violations;
    }

    private void fail(String message) {
        violations.add(message);
    }

    private void run() throws IOException, InterruptedException {
        schemas();
        if (!violations.isEmpty()) {
            return; // the rules below read the documents as their schemas describe them
        }
        collectPods();
        for (ObjectNode d : of("Deployment")) {
            deployment(d);
        }
        for (AppConfig app : project.apps().values()) {
            environment(app);
        }
        secrets();
        selectors();
        networkPolicies();
        kafka();
        databases();
        keycloak();
        if (production) {
            production();
        }
    }

    // ------------------------------------------------------------------ schemas

    private void schemas() throws IOException, InterruptedException {
        Map<String, Schema> crds = Schemas.all();
        for (ObjectNode d : docs) {
            String key = d.path("apiVersion").asText() + "/" + d.path("kind").asText();
            String what = id(d);
            Class<?> model = BUILT_IN.get(key);
            if (model != null) {
                String error = fromJson(model, d);
                if (error != null) {
                    fail(what + ": " + error);
                }
                continue;
            }
            Schema schema = crds.get(key);
            if (schema == null) {
                fail(what + ": unknown apiVersion/kind " + key + " (no built-in model and no CRD schema for it)");
                continue;
            }
            String metaError = fromJson(V1ObjectMeta.class, d.path("metadata"));
            if (metaError != null) {
                fail(what + ": metadata: " + metaError);
            }
            for (String e : Schemas.validate(schema, d)) {
                fail(what + ": " + e);
            }
        }
    }

    private static String fromJson(Class<?> model, JsonNode node) {
        try {
            model.getMethod("fromJson", String.class).invoke(null, JSON.writeValueAsString(node));
            return null;
        } catch (InvocationTargetException e) {
            String m = String.valueOf(e.getCause().getMessage());
            int json = m.indexOf(" JSON:");
            return json >= 0 ? m.substring(0, json) : m;
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ pods

    private void collectPods() {
        for (ObjectNode d : of("Deployment")) {
            pods.add(new Pod(id(d), labels(d.at("/spec/template/metadata/labels")), d.at("/spec/template/spec/containers")));
        }
        for (ObjectNode k : of("Kafka")) { // Strimzi's pod labels
            String cluster = name(k);
            for (ObjectNode pool : of("KafkaNodePool")) {
                if (cluster.equals(pool.at("/metadata/labels/strimzi.io~1cluster").asText())) {
                    Map<String, String> l = new HashMap<>(Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka",
                            "strimzi.io/name", cluster + "-kafka", "strimzi.io/pool-name", name(pool)));
                    for (JsonNode role : pool.at("/spec/roles")) {
                        l.put("strimzi.io/" + role.asText() + "-role", "true");
                    }
                    pods.add(new Pod(id(pool), l, JSON.createArrayNode()));
                }
            }
            if (k.at("/spec/entityOperator").isObject()) {
                pods.add(new Pod(id(k) + " entity operator", Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka",
                        "strimzi.io/name", cluster + "-entity-operator"), JSON.createArrayNode()));
            }
        }
        for (ObjectNode c : of("Cluster")) { // CloudNativePG's
            pods.add(new Pod(id(c), Map.of("cnpg.io/cluster", name(c)), JSON.createArrayNode()));
        }
        for (ObjectNode kc : of("Keycloak")) { // the Keycloak operator's
            pods.add(new Pod(id(kc), Map.of("app", "keycloak", "app.kubernetes.io/instance", name(kc),
                    "app.kubernetes.io/managed-by", "keycloak-operator"), JSON.createArrayNode()));
        }
        for (ObjectNode imp : of("KeycloakRealmImport")) { // the Keycloak operator's import Job
            pods.add(new Pod(id(imp) + " job", Map.of("app", "keycloak-realm-import"), JSON.createArrayNode()));
        }
    }

    private List<Pod> podsMatching(JsonNode selector) {
        List<Pod> l = new ArrayList<>();
        for (Pod p : pods) {
            if (Selectors.matches(selector, p.labels())) {
                l.add(p);
            }
        }
        return l;
    }

    // ------------------------------------------------------------------ Deployments

    /** Every ${VAR} the application's prod profile needs comes from its ConfigMap or its env. */
    private void environment(AppConfig app) {
        ObjectNode d = find("Deployment", app.name());
        if (d == null) {
            fail(app.name() + " has no Deployment");
            return;
        }
        Set<String> provided = new TreeSet<>();
        for (JsonNode c : d.at("/spec/template/spec/containers")) {
            for (JsonNode e : c.path("env")) {
                provided.add(e.path("name").asText());
            }
            for (JsonNode e : c.path("envFrom")) {
                ObjectNode cm = find("ConfigMap", e.at("/configMapRef/name").asText());
                if (cm != null) {
                    cm.path("data").fieldNames().forEachRemaining(provided::add);
                }
            }
        }
        for (String var : app.requiredEnvironment()) {
            if (!provided.contains(var)) {
                fail(id(d) + ": the prod profile requires " + var + ", which neither its ConfigMap nor its env provides");
            }
        }
    }

    private void deployment(ObjectNode d) {
        String what = id(d);
        JsonNode pod = d.at("/spec/template/spec");
        AppConfig app = project.apps().get(name(d));
        long shutdown = app == null ? 0 : app.shutdownSeconds();
        if (pod.path("terminationGracePeriodSeconds").asLong(30) <= shutdown) {
            fail(what + ": terminationGracePeriodSeconds " + pod.path("terminationGracePeriodSeconds").asLong(30)
                    + " is not above the application's shutdown delay plus timeout (" + shutdown + " s)");
        }
        if (!pod.path("topologySpreadConstraints").isArray() || pod.path("topologySpreadConstraints").isEmpty()) {
            fail(what + ": no topologySpreadConstraints");
        }
        if (!pod.at("/securityContext/runAsNonRoot").asBoolean(false)) {
            fail(what + ": the pod's securityContext.runAsNonRoot is not true");
        }
        String sa = pod.path("serviceAccountName").asText();
        ObjectNode account = find("ServiceAccount", sa);
        if (account == null) {
            fail(what + ": serviceAccountName " + sa + " has no ServiceAccount");
        } else if (account.path("automountServiceAccountToken").asBoolean(true) && pod.path("automountServiceAccountToken").asBoolean(true)) {
            fail(what + ": mounts a service account token (automountServiceAccountToken false expected)");
        }
        Set<String> emptyDirs = new TreeSet<>();
        for (JsonNode v : pod.path("volumes")) {
            if (v.has("emptyDir")) {
                emptyDirs.add(v.path("name").asText());
            }
        }
        for (JsonNode c : pod.path("containers")) {
            String cw = what + " container " + c.path("name").asText();
            for (String[] probe : new String[][] {{"startupProbe", "/q/health/started"}, {"readinessProbe", "/q/health/ready"},
                    {"livenessProbe", "/q/health/live"}}) {
                JsonNode p = c.path(probe[0]);
                if (p.isMissingNode()) {
                    fail(cw + ": no " + probe[0]);
                } else if (!p.at("/httpGet/path").asText().equals(probe[1]) || !p.at("/httpGet/port").asText().equals("management")) {
                    fail(cw + ": " + probe[0] + " is not GET " + probe[1] + " on the management port");
                }
            }
            for (String kind : List.of("requests", "limits")) {
                for (String res : List.of("cpu", "memory")) {
                    if (c.at("/resources/" + kind + "/" + res).isMissingNode()) {
                        fail(cw + ": no resources." + kind + "." + res);
                    }
                }
            }
            JsonNode sc = c.path("securityContext");
            boolean restricted = sc.path("runAsNonRoot").asBoolean(false) && sc.path("runAsUser").asInt(-1) == 185
                    && sc.has("allowPrivilegeEscalation") && !sc.path("allowPrivilegeEscalation").asBoolean(true)
                    && sc.path("readOnlyRootFilesystem").asBoolean(false)
                    && contains(sc.at("/capabilities/drop"), "ALL")
                    && ("RuntimeDefault".equals(sc.at("/seccompProfile/type").asText())
                        || "RuntimeDefault".equals(pod.at("/securityContext/seccompProfile/type").asText()));
            if (!restricted) {
                fail(cw + ": securityContext is not restricted (runAsNonRoot, runAsUser 185, allowPrivilegeEscalation false, "
                        + "readOnlyRootFilesystem, capabilities drop ALL, seccompProfile RuntimeDefault)");
            }
            boolean tmp = false;
            for (JsonNode m : c.path("volumeMounts")) {
                tmp |= m.path("mountPath").asText().equals("/tmp") && emptyDirs.contains(m.path("name").asText());
            }
            if (!tmp) {
                fail(cw + ": no writable /tmp (an emptyDir mounted at /tmp)");
            }
            image(cw, c.path("image").asText());
            for (JsonNode e : c.path("env")) {
                if (e.has("value") || !(e.at("/valueFrom/secretKeyRef").isObject() || e.at("/valueFrom/configMapKeyRef").isObject())) {
                    fail(cw + ": env " + e.path("name").asText() + " is neither a Secret nor a ConfigMap reference");
                }
            }
            for (JsonNode e : c.path("envFrom")) {
                String cm = e.at("/configMapRef/name").asText(null);
                if (cm == null) {
                    fail(cw + ": envFrom other than a ConfigMap");
                } else if (find("ConfigMap", cm) == null) {
                    fail(cw + ": envFrom ConfigMap " + cm + " does not exist");
                }
            }
        }
    }

    private void image(String what, String image) {
        String ref = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = ref.lastIndexOf(':');
        String tag = colon > ref.lastIndexOf('/') ? ref.substring(colon + 1) : null;
        if (!image.contains("@") && (tag == null || tag.equals("latest"))) {
            fail(what + ": image " + image + " is tagged latest (or not tagged): pin a version");
        }
    }

    // ------------------------------------------------------------------ Secrets

    private void secrets() {
        for (ObjectNode s : of("Secret")) {
            if (!s.path("data").isEmpty() || !s.path("stringData").isEmpty()) {
                fail(id(s) + ": a Secret carrying a value in git (data/stringData); create it in the cluster instead");
            }
        }
        Set<String> referenced = new TreeSet<>();
        for (ObjectNode d : of("Deployment")) {
            d.at("/spec/template/spec").findValues("secretKeyRef").forEach(r -> referenced.add(r.path("name").asText()));
            for (JsonNode v : d.at("/spec/template/spec/volumes")) {
                if (v.has("secret")) {
                    referenced.add(v.at("/secret/secretName").asText());
                }
            }
        }
        for (ObjectNode r : of("KeycloakRealmImport")) {
            r.at("/spec/placeholders").findValues("secret").forEach(s -> referenced.add(s.path("name").asText()));
        }
        for (ObjectNode kc : of("Keycloak")) {
            kc.at("/spec/db").findValues("name").forEach(n -> referenced.add(n.asText()));
        }
        for (ObjectNode c : of("Cluster")) {
            c.at("/spec/managed/roles").findValues("passwordSecret").forEach(s -> referenced.add(s.path("name").asText()));
        }
        for (String name : referenced) {
            if (!project.operationsGuide().contains("`" + name + "`")) {
                fail("Secret " + name + " is referenced but not listed in docs/operations.md");
            }
        }
    }

    // ------------------------------------------------------------------ selectors

    private void selectors() {
        for (ObjectNode s : of("Service")) {
            List<Pod> matched = podsMatching(labelSelector(s.at("/spec/selector")));
            if (matched.isEmpty()) {
                fail(id(s) + ": selector " + s.at("/spec/selector") + " matches no pod");
                continue;
            }
            for (JsonNode port : s.at("/spec/ports")) {
                JsonNode target = port.path("targetPort");
                for (Pod p : matched) {
                    boolean found = false;
                    for (JsonNode c : p.containers()) {
                        for (JsonNode cp : c.path("ports")) {
                            found |= target.isTextual() ? cp.path("name").asText().equals(target.asText())
                                    : cp.path("containerPort").asInt() == target.asInt(port.path("port").asInt());
                        }
                    }
                    if (!found && p.containers().size() > 0) {
                        fail(id(s) + ": targetPort " + target + " is no container port of " + p.owner());
                    }
                }
            }
        }
        for (ObjectNode pdb : of("PodDisruptionBudget")) {
            if (podsMatching(pdb.at("/spec/selector")).isEmpty()) {
                fail(id(pdb) + ": selector " + pdb.at("/spec/selector") + " matches no pod");
            }
        }
        for (ObjectNode hpa : of("HorizontalPodAutoscaler")) {
            JsonNode ref = hpa.at("/spec/scaleTargetRef");
            if (!ref.path("kind").asText().equals("Deployment") || find("Deployment", ref.path("name").asText()) == null) {
                fail(id(hpa) + ": scaleTargetRef " + ref + " matches no Deployment");
            }
        }
        for (ObjectNode sm : of("ServiceMonitor")) {
            List<ObjectNode> services = new ArrayList<>();
            for (ObjectNode s : of("Service")) {
                if (Selectors.matches(sm.at("/spec/selector"), labels(s.at("/metadata/labels")))) {
                    services.add(s);
                }
            }
            if (services.isEmpty()) {
                fail(id(sm) + ": selector " + sm.at("/spec/selector") + " matches no Service (so no pod)");
            }
            for (ObjectNode s : services) {
                if (podsMatching(labelSelector(s.at("/spec/selector"))).isEmpty()) {
                    fail(id(sm) + ": selects " + id(s) + " whose selector matches no pod");
                }
                for (JsonNode e : sm.at("/spec/endpoints")) {
                    if (!contains(s.at("/spec/ports").findValues("name"), e.path("port").asText())) {
                        fail(id(sm) + ": endpoint port " + e.path("port").asText() + " is no port of " + id(s));
                    }
                }
            }
        }
        for (ObjectNode ing : of("Ingress")) {
            for (JsonNode b : ing.findValues("service")) {
                String svc = b.path("name").asText();
                ObjectNode s = find("Service", svc);
                if (!svc.equals("gateway")) {
                    fail(id(ing) + ": routes to " + svc + "; only the gateway is public");
                }
                if (s == null) {
                    fail(id(ing) + ": backend Service " + svc + " does not exist");
                } else if (!contains(s.at("/spec/ports").findValues("name"), b.at("/port/name").asText())
                        && !contains(s.at("/spec/ports").findValues("port"), b.at("/port/number").asText())) {
                    fail(id(ing) + ": backend port " + b.path("port") + " is no port of " + id(s));
                }
                if (b.at("/port/name").asText().equals("management")) {
                    fail(id(ing) + ": exposes the management port");
                }
            }
        }
    }

    private void networkPolicies() {
        boolean defaultDeny = false;
        for (ObjectNode np : of("NetworkPolicy")) {
            JsonNode spec = np.path("spec");
            if (spec.path("podSelector").isEmpty() && contains(spec.path("policyTypes"), "Ingress") && contains(spec.path("policyTypes"), "Egress")
                    && spec.path("ingress").isEmpty() && spec.path("egress").isEmpty()) {
                defaultDeny = true;
            }
            if (!spec.path("podSelector").isEmpty() && podsMatching(spec.path("podSelector")).isEmpty()) {
                fail(id(np) + ": podSelector " + spec.path("podSelector") + " matches no pod");
            }
            for (String dir : List.of("ingress", "egress")) {
                for (JsonNode rule : spec.path(dir)) {
                    for (JsonNode peer : rule.path(dir.equals("ingress") ? "from" : "to")) {
                        if (peer.has("podSelector") && !peer.has("namespaceSelector") && !peer.path("podSelector").isEmpty()
                                && podsMatching(peer.path("podSelector")).isEmpty()) {
                            fail(id(np) + ": " + dir + " peer podSelector " + peer.path("podSelector") + " matches no pod");
                        }
                    }
                }
            }
        }
        if (!defaultDeny) {
            fail("no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)");
        }
    }

    // ------------------------------------------------------------------ Kafka

    private void kafka() {
        List<ObjectNode> clusters = of("Kafka");
        if (clusters.size() != 1) {
            fail("expected one Kafka, found " + clusters.size());
            return;
        }
        ObjectNode kafka = clusters.get(0);
        String cluster = name(kafka);
        boolean listener = false;
        for (JsonNode l : kafka.at("/spec/kafka/listeners")) {
            listener |= l.path("port").asInt() == 9093 && l.path("tls").asBoolean() && l.at("/authentication/type").asText().equals("scram-sha-512");
        }
        if (!listener) {
            fail(id(kafka) + ": no TLS listener on 9093 with SCRAM-SHA-512 authentication");
        }
        if (!kafka.at("/spec/kafka/authorization/type").asText().equals("simple")) {
            fail(id(kafka) + ": authorization is not simple (ACLs)");
        }
        for (AppConfig app : project.apps().values()) {
            ObjectNode hpa = find("HorizontalPodAutoscaler", app.name());
            int maxReplicas = hpa == null ? 1 : hpa.at("/spec/maxReplicas").asInt(1);
            for (String topic : app.topics()) {
                ObjectNode kt = topic(topic, cluster);
                if (kt == null) {
                    fail("topic " + topic + " (named in " + app.name() + "'s application.properties) has no KafkaTopic in Kafka " + cluster);
                    continue;
                }
                boolean grouped = app.consumes().getOrDefault(topic, Set.of()).stream().anyMatch(g -> !g.equals(AppConfig.NO_GROUP));
                int partitions = kt.at("/spec/partitions").asInt(0);
                if (grouped && partitions < maxReplicas) {
                    fail(id(kt) + ": " + partitions + " partitions, fewer than the HPA's maxReplicas " + maxReplicas + " of its consumer " + app.name());
                }
            }
            user(app, cluster);
        }
    }

    private ObjectNode topic(String topic, String cluster) {
        for (ObjectNode t : of("KafkaTopic")) {
            String name = t.at("/spec/topicName").asText(name(t));
            if (name.equals(topic) && cluster.equals(t.at("/metadata/labels/strimzi.io~1cluster").asText())) {
                return t;
            }
        }
        return null;
    }

    private void user(AppConfig app, String cluster) {
        ObjectNode u = find("KafkaUser", app.name());
        if (u == null) {
            fail(app.name() + " has no KafkaUser (its Kafka credentials and ACLs)");
            return;
        }
        if (!cluster.equals(u.at("/metadata/labels/strimzi.io~1cluster").asText())) {
            fail(id(u) + ": not labelled strimzi.io/cluster: " + cluster);
        }
        if (!u.at("/spec/authentication/type").asText().equals("scram-sha-512")) {
            fail(id(u) + ": authentication is not scram-sha-512");
        }
        JsonNode acls = u.at("/spec/authorization/acls");
        for (String t : app.produces()) {
            if (!allows(acls, "topic", t, "Write")) {
                fail(id(u) + ": no Write ACL on topic " + t + " that " + app.name() + " produces");
            }
        }
        for (Map.Entry<String, Set<String>> e : app.consumes().entrySet()) {
            if (!allows(acls, "topic", e.getKey(), "Read")) {
                fail(id(u) + ": no Read ACL on topic " + e.getKey() + " that " + app.name() + " consumes");
            }
        }
        for (String g : app.groups()) {
            if (!allows(acls, "group", g, "Read")) {
                fail(id(u) + ": no Read ACL on consumer group " + g + " of " + app.name());
            }
        }
        for (JsonNode acl : acls) {
            String type = acl.at("/resource/type").asText();
            String name = acl.at("/resource/name").asText();
            boolean used = type.equals("topic") ? app.topics().contains(name) : type.equals("group") && app.groups().contains(name);
            if (!used || !acl.at("/resource/patternType").asText("literal").equals("literal")) {
                fail(id(u) + ": ACL on " + type + " " + name + " that " + app.name() + " does not use (exactly its topics and groups)");
            }
        }
        boolean jaas = false;
        ObjectNode d = find("Deployment", app.name());
        if (d != null) {
            for (JsonNode env : d.at("/spec/template/spec/containers/0/env")) {
                jaas |= env.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG") && env.at("/valueFrom/secretKeyRef/name").asText().equals(app.name())
                        && env.at("/valueFrom/secretKeyRef/key").asText().equals("sasl.jaas.config");
            }
        }
        if (!jaas) {
            fail("Deployment " + app.name() + ": KAFKA_SASL_JAAS_CONFIG is not the KafkaUser's Secret " + app.name() + " key sasl.jaas.config");
        }
    }

    private static boolean allows(JsonNode acls, String type, String name, String operation) {
        for (JsonNode acl : acls) {
            if (acl.at("/resource/type").asText().equals(type) && acl.at("/resource/name").asText().equals(name)
                    && acl.path("type").asText("allow").equals("allow") && contains(acl.path("operations"), operation)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ PostgreSQL

    private void databases() {
        for (AppConfig app : project.apps().values()) {
            if (app.database() == null) {
                continue;
            }
            String db = app.database();
            ObjectNode cm = find("ConfigMap", app.name() + "-config");
            String url = cm == null ? "" : cm.at("/data/QUARKUS_DATASOURCE_JDBC_URL").asText();
            Matcher m = Pattern.compile("jdbc:postgresql://([a-z0-9-]+)-rw:5432/([a-z0-9_]+)").matcher(url);
            if (!m.matches() || !m.group(2).equals(db)) {
                fail(app.name() + ": QUARKUS_DATASOURCE_JDBC_URL " + url + " is not jdbc:postgresql://<cluster>-rw:5432/" + db);
                continue;
            }
            String cluster = m.group(1);
            ObjectNode c = find("Cluster", cluster);
            if (c == null) {
                fail(app.name() + ": no CloudNativePG Cluster " + cluster);
                continue;
            }
            ObjectNode database = null;
            for (ObjectNode d : of("Database")) {
                if (d.at("/spec/name").asText().equals(db) && d.at("/spec/cluster/name").asText().equals(cluster)) {
                    database = d;
                }
            }
            if (database == null) {
                fail("database " + db + " of " + app.name() + " has no Database in Cluster " + cluster);
                continue;
            }
            String owner = database.at("/spec/owner").asText();
            JsonNode role = null;
            for (JsonNode r : c.at("/spec/managed/roles")) {
                if (r.path("name").asText().equals(owner)) {
                    role = r;
                }
            }
            String secret = null;
            ObjectNode dep = find("Deployment", app.name());
            for (JsonNode env : dep == null ? JSON.createArrayNode() : dep.at("/spec/template/spec/containers/0/env")) {
                if (env.path("name").asText().equals("QUARKUS_DATASOURCE_PASSWORD")) {
                    secret = env.at("/valueFrom/secretKeyRef/name").asText();
                }
            }
            if (role == null || !role.path("login").asBoolean(false) || !role.at("/passwordSecret/name").asText().equals(secret)) {
                fail(id(database) + ": owner " + owner + " is not a login role of " + id(c) + " whose passwordSecret is " + secret
                        + " (the Secret " + app.name() + " connects with)");
            }
        }
    }

    // ------------------------------------------------------------------ Keycloak

    private void keycloak() {
        List<ObjectNode> kcs = of("Keycloak");
        if (kcs.size() != 1) {
            fail("expected one Keycloak, found " + kcs.size());
            return;
        }
        ObjectNode kc = kcs.get(0);
        String image = kc.at("/spec/image").asText();
        image(id(kc), image);
        if (!image.endsWith(":" + project.keycloakVersion())) {
            fail(id(kc) + ": image " + image + " is not Keycloak " + project.keycloakVersion() + " (the root pom's keycloak.version)");
        }
        List<ObjectNode> imports = of("KeycloakRealmImport");
        if (imports.isEmpty()) {
            fail("no KeycloakRealmImport of deploy/keycloak/partner-hub-realm.json");
        }
        for (ObjectNode imp : imports) {
            if (!imp.at("/spec/keycloakCRName").asText().equals(name(kc))) {
                fail(id(imp) + ": keycloakCRName " + imp.at("/spec/keycloakCRName").asText() + " is not " + name(kc));
            }
            String diff = firstDifference("", project.realm(), imp.at("/spec/realm"));
            if (diff != null) {
                fail(id(imp) + ": the realm differs from deploy/keycloak/partner-hub-realm.json at " + diff);
            }
            Set<String> used = new TreeSet<>();
            Matcher m = PLACEHOLDER.matcher(project.realm().toString());
            while (m.find()) {
                used.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            imp.at("/spec/placeholders").fieldNames().forEachRemaining(declared::add);
            if (!used.equals(declared)) {
                fail(id(imp) + ": placeholders " + declared + " are not the realm file's ${...} placeholders " + used);
            }
        }
    }

    /** The first JSON pointer where the two trees differ, or null. */
    private static String firstDifference(String at, JsonNode a, JsonNode b) {
        if (a.getNodeType() != b.getNodeType() || a.size() != b.size()) {
            return at.isEmpty() ? "/" : at;
        }
        if (a.isObject()) {
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!b.has(f)) {
                    return at + "/" + f;
                }
                String d = firstDifference(at + "/" + f, a.get(f), b.get(f));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                String d = firstDifference(at + "/" + i, a.get(i), b.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return a.equals(b) ? null : (at.isEmpty() ? "/" : at);
    }

    // ------------------------------------------------------------------ production sizes

    private void production() {
        for (ObjectNode d : of("Deployment")) {
            if (d.at("/spec/replicas").asInt(1) < 2) {
                fail(id(d) + ": fewer than 2 replicas in production");
            }
        }
        for (ObjectNode h : of("HorizontalPodAutoscaler")) {
            if (h.at("/spec/minReplicas").asInt(1) < 2) {
                fail(id(h) + ": minReplicas below 2 in production");
            }
        }
        int brokers = 0;
        for (ObjectNode pool : of("KafkaNodePool")) {
            if (contains(pool.at("/spec/roles"), "broker")) {
                brokers += pool.at("/spec/replicas").asInt();
            }
        }
        if (brokers < 3) {
            fail("production runs " + brokers + " Kafka brokers, fewer than 3");
        }
        for (ObjectNode t : of("KafkaTopic")) {
            if (t.at("/spec/replicas").asInt(0) < 3 || t.at("/spec/config/min.insync.replicas").asInt(0) < 2) {
                fail(id(t) + ": production topics need replicas 3 and min.insync.replicas 2");
            }
        }
        for (ObjectNode c : of("Cluster")) {
            if (c.at("/spec/instances").asInt() < 3) {
                fail(id(c) + ": fewer than 3 PostgreSQL instances in production");
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private List<ObjectNode> of(String kind) {
        List<ObjectNode> l = new ArrayList<>();
        for (ObjectNode d : docs) {
            if (d.path("kind").asText().equals(kind)) {
                l.add(d);
            }
        }
        return l;
    }

    private ObjectNode find(String kind, String name) {
        for (ObjectNode d : of(kind)) {
            if (name(d).equals(name)) {
                return d;
            }
        }
        return null;
    }

    private static String name(JsonNode d) {
        return d.at("/metadata/name").asText();
    }

    static String id(JsonNode d) {
        return d.path("kind").asText() + " " + name(d);
    }

    private static Map<String, String> labels(JsonNode n) {
        Map<String, String> m = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    /** A Service's selector is a plain map: as a label selector, matchLabels. */
    private static JsonNode labelSelector(JsonNode serviceSelector) {
        ObjectNode s = JSON.createObjectNode();
        s.set("matchLabels", serviceSelector);
        return s;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(List<JsonNode> values, String value) {
        for (JsonNode n : values) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
