package io.partnerhub.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** Kubernetes label selectors (matchLabels and matchExpressions), as the API server evaluates them. */
final class Selectors {

    private Selectors() {
    }

    /** An empty selector matches nothing here: every selector the rules check must name its pods. */
    static boolean matches(JsonNode selector, Map<String, String> labels) {
        JsonNode ml = selector.path("matchLabels");
        JsonNode me = selector.path("matchExpressions");
        if (ml.isEmpty() && me.isEmpty()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = ml.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode e : me) {
            String key = e.path("key").asText();
            String value = labels.get(key);
            boolean in = false;
            for (JsonNode v : e.path("values")) {
                in |= v.asText().equals(value);
            }
            boolean ok;
            switch (e.path("operator").asText()) {
                case "In":
                    ok = in;
                    break;
                case "NotIn":
                    ok = !in;
                    break;
                case "Exists":
                    ok = labels.containsKey(key);
                    break;
                case "DoesNotExist":
                    ok = !labels.containsKey(key);
                    break;
                default:
                    throw new IllegalArgumentException("unknown selector operator " + e.path("operator"));
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
