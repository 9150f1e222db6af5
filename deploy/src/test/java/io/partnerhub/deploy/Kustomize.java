package io.partnerhub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.zjsonpatch.JsonPatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The subset of kustomize the repository's kustomizations use, rendered the way {@code kubectl kustomize} does:
 * resources (files and directories), namespace, images, patches (JSON 6902 lists, inline or in a file, targeted by
 * kind and an optional plain name). Any other field is refused, never ignored, so what kubectl applies is what the
 * test checked.
 */
final class Kustomize {

    static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> TOP = Set.of("apiVersion", "kind", "resources", "namespace", "images", "patches");
    private static final Set<String> IMAGE_KEYS = Set.of("name", "newName", "newTag", "digest");
    private static final Set<String> PATCH_KEYS = Set.of("path", "patch", "target");
    private static final Set<String> TARGET_KEYS = Set.of("group", "version", "kind", "name", "namespace");
    /** Built-in cluster-scoped kinds; every other kind gets the kustomization's namespace. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass");
    private static final Pattern REGEX_CHARS = Pattern.compile("[\\\\^$|?*+()\\[\\]{}]");

    private Kustomize() {
    }

    static List<ObjectNode> build(Path dir) throws IOException {
        dir = dir.toAbsolutePath().normalize();
        Path kfile = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(kfile)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        for (String other : List.of("kustomization.yml", "Kustomization")) {
            if (Files.exists(dir.resolve(other))) {
                throw new IllegalArgumentException("ambiguous kustomization file in " + dir);
            }
        }
        JsonNode k = YAML.readTree(kfile.toFile());
        for (String f : names(k)) {
            if (!TOP.contains(f)) {
                throw new IllegalArgumentException(kfile + ": unsupported kustomization field '" + f + "'");
            }
        }
        if (!k.path("apiVersion").asText().equals("kustomize.config.k8s.io/v1beta1") || !k.path("kind").asText().equals("Kustomization")) {
            throw new IllegalArgumentException(kfile + ": apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization expected");
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(build(p));
                continue;
            }
            if (!p.startsWith(dir)) {
                throw new IllegalArgumentException(kfile + ": file resource outside the kustomization root: " + r.asText());
            }
            refuseAmbiguousScalars(p);
            try (var parser = YAML.getFactory().createParser(p.toFile())) {
                for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                    JsonNode d = it.next();
                    if (d == null || d.isNull() || d.isEmpty()) {
                        continue;
                    }
                    if (!d.isObject()) {
                        throw new IllegalArgumentException(p + ": a document that is not an object");
                    }
                    out.add((ObjectNode) d);
                }
            }
        }
        for (JsonNode patch : k.path("patches")) {
            for (String f : names(patch)) {
                if (!PATCH_KEYS.contains(f)) {
                    throw new IllegalArgumentException(kfile + ": unsupported patch field " + f);
                }
            }
            JsonNode target = patch.get("target");
            if (target == null || !target.has("kind")) {
                throw new IllegalArgumentException(kfile + ": every patch needs target.kind");
            }
            for (String f : names(target)) {
                if (!TARGET_KEYS.contains(f)) {
                    throw new IllegalArgumentException(kfile + ": unsupported patch target field " + f);
                }
            }
            if (target.has("name") && REGEX_CHARS.matcher(target.get("name").asText()).find()) {
                throw new IllegalArgumentException(kfile + ": target.name is a regular expression in kustomize; use a plain name");
            }
            if (patch.has("patch") == patch.has("path")) {
                throw new IllegalArgumentException(kfile + ": give exactly one of patch and path");
            }
            JsonNode ops;
            if (patch.has("path")) {
                Path pp = dir.resolve(patch.get("path").asText()).normalize();
                if (!pp.startsWith(dir)) {
                    throw new IllegalArgumentException(kfile + ": patch file outside the kustomization root");
                }
                ops = YAML.readTree(pp.toFile());
            } else {
                ops = YAML.readTree(patch.get("patch").asText());
            }
            if (!ops.isArray()) {
                throw new IllegalArgumentException(kfile + ": only JSON 6902 patches (a list of operations) are supported, no strategic merge");
            }
            int matched = 0;
            for (int i = 0; i < out.size(); i++) {
                if (matches(out.get(i), target)) {
                    out.set(i, (ObjectNode) JsonPatch.apply(ops, out.get(i)));
                    matched++;
                }
            }
            if (matched == 0) { // kustomize would ignore it silently
                throw new IllegalArgumentException(kfile + ": patch target matches nothing: " + target);
            }
        }
        for (JsonNode img : k.path("images")) {
            for (String f : names(img)) {
                if (!IMAGE_KEYS.contains(f)) {
                    throw new IllegalArgumentException(kfile + ": unsupported images field " + f);
                }
            }
            for (ObjectNode o : out) {
                retag(o, img);
            }
        }
        if (k.has("namespace")) {
            String ns = k.get("namespace").asText();
            for (ObjectNode o : out) {
                String kind = o.path("kind").asText();
                ObjectNode meta = o.with("metadata");
                if (kind.equals("Namespace")) {
                    meta.put("name", ns);
                } else if (!CLUSTER_SCOPED.contains(kind)) {
                    meta.put("namespace", ns);
                }
            }
        }
        Set<String> ids = new HashSet<>();
        for (ObjectNode o : out) {
            String id = o.path("apiVersion").asText() + "/" + o.path("kind").asText() + "/" + o.at("/metadata/namespace").asText()
                    + "/" + o.at("/metadata/name").asText();
            if (!ids.add(id)) {
                throw new IllegalArgumentException("duplicate resource " + id);
            }
        }
        return out;
    }

    /**
     * kubectl reads YAML 1.1, where an unquoted yes/no/on/off/y/n is a boolean and 0755 an octal number; a YAML 1.2
     * reader (this one) reads them differently. Such plain scalars are refused: quote them.
     */
    private static void refuseAmbiguousScalars(Path file) throws IOException {
        try (var reader = Files.newBufferedReader(file)) {
            for (org.yaml.snakeyaml.events.Event e : new org.yaml.snakeyaml.Yaml().parse(reader)) {
                if (e instanceof org.yaml.snakeyaml.events.ScalarEvent) {
                    org.yaml.snakeyaml.events.ScalarEvent scalar = (org.yaml.snakeyaml.events.ScalarEvent) e;
                    if (scalar.isPlain() && AMBIGUOUS.matcher(scalar.getValue()).matches()) {
                        throw new IllegalArgumentException(file + ": plain scalar '" + scalar.getValue() + "' at line "
                                + (scalar.getStartMark().getLine() + 1) + " means something else to kubectl (YAML 1.1): quote it");
                    }
                }
            }
        }
    }

    private static final Pattern AMBIGUOUS = Pattern.compile("(?i)y|n|yes|no|on|off|0[0-7]+|[0-9]+:[0-5][0-9]");

    private static List<String> names(JsonNode n) {
        List<String> l = new ArrayList<>();
        n.fieldNames().forEachRemaining(l::add);
        return l;
    }

    private static boolean matches(JsonNode o, JsonNode t) {
        String av = o.path("apiVersion").asText();
        String group = av.contains("/") ? av.substring(0, av.indexOf('/')) : "";
        String version = av.substring(av.indexOf('/') + 1);
        return o.path("kind").asText().equals(t.get("kind").asText())
                && (!t.has("name") || o.at("/metadata/name").asText().equals(t.get("name").asText()))
                && (!t.has("group") || t.get("group").asText().equals(group))
                && (!t.has("version") || t.get("version").asText().equals(version))
                && (!t.has("namespace") || t.get("namespace").asText().equals(o.at("/metadata/namespace").asText()));
    }

    /** kustomize's images transformer: every containers[]/initContainers[] image anywhere in the object. */
    private static void retag(JsonNode n, JsonNode img) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if ((e.getKey().equals("containers") || e.getKey().equals("initContainers")) && e.getValue().isArray()) {
                    for (JsonNode c : e.getValue()) {
                        if (c.has("image")) {
                            ((ObjectNode) c).put("image", rewrite(c.get("image").asText(), img));
                        }
                    }
                }
                retag(e.getValue(), img);
            });
        } else if (n.isArray()) {
            n.forEach(c -> retag(c, img));
        }
    }

    private static String rewrite(String image, JsonNode img) {
        String name = image;
        String tag = null;
        String digest = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (!name.equals(img.get("name").asText())) {
            return image;
        }
        if (img.has("newName")) {
            name = img.get("newName").asText();
        }
        if (img.has("digest")) {
            return name + "@" + img.get("digest").asText();
        }
        if (img.has("newTag")) {
            return name + ":" + img.get("newTag").asText();
        }
        return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
