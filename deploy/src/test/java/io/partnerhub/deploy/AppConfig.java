package io.partnerhub.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an application's configuration says it needs from Kafka and PostgreSQL, read from its
 * src/main/resources/application.properties (over platform/runtime's shared defaults for the four services):
 * the topics it produces (outbox topics, outgoing channels, dead-letter topics), the topics it consumes and with
 * which consumer group (none: assign()), its database, the environment variables its prod profile requires.
 * Read as the prod profile sees it: keys without a profile overridden by %prod ones; other profiles ignored.
 */
record AppConfig(String name, int port, int managementPort, String database, Set<String> produces,
                 Map<String, Set<String>> consumes, Set<String> requiredEnvironment, long shutdownSeconds) {

    /** {@code ${NAME}} without a default: an environment variable the prod profile needs. */
    private static final Pattern REQUIRED_ENV = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    static final String[] APPS = {"gateway", "customers-service", "subscriptions-service", "analytics-service", "calling-metrics-service"};
    /** The consumer group of a consumer reading with assign(): no group, so no group ACL. */
    static final String NO_GROUP = "";

    static Map<String, AppConfig> load(Path root) throws IOException {
        Map<String, AppConfig> m = new LinkedHashMap<>();
        for (String app : APPS) {
            m.put(app, read(root, app));
        }
        return m;
    }

    Set<String> groups() {
        Set<String> g = new TreeSet<>();
        consumes.values().forEach(g::addAll);
        g.remove(NO_GROUP);
        return g;
    }

    Set<String> topics() {
        Set<String> t = new TreeSet<>(produces);
        t.addAll(consumes.keySet());
        return t;
    }

    private static AppConfig read(Path root, String app) throws IOException {
        Properties raw = new Properties();
        if (!app.equals("gateway")) { // the services inherit platform/runtime's defaults; the gateway does not use it
            load(raw, root.resolve("platform/runtime/src/main/resources/META-INF/microprofile-config.properties"));
        }
        Properties own = new Properties();
        load(own, root.resolve(app).resolve("src/main/resources/application.properties"));
        raw.putAll(own);
        // the configuration as the prod profile sees it: keys without a profile, overridden by %prod ones
        Map<String, String> prod = new TreeMap<>();
        Map<String, String> prodOnly = new TreeMap<>();
        Map<String, String> otherProfiles = new TreeMap<>();
        for (String key : raw.stringPropertyNames()) {
            String v = raw.getProperty(key).trim();
            if (!key.startsWith("%")) {
                prod.putIfAbsent(key, v);
            } else {
                int dot = key.indexOf('.');
                List<String> profiles = List.of(key.substring(1, dot).split(","));
                (profiles.contains("prod") ? prodOnly : otherProfiles).put(key.substring(dot + 1), v);
            }
        }
        prod.putAll(prodOnly);
        Set<String> produces = new TreeSet<>();
        Map<String, Set<String>> consumes = new TreeMap<>();
        for (Map.Entry<String, String> e : prod.entrySet()) {
            String key = e.getKey();
            String v = e.getValue();
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".dead-letter-queue.topic")) {
                produces.add(v);
            } else if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                String channel = key.substring("mp.messaging.incoming.".length(), key.length() - ".topic".length());
                String group = prod.getOrDefault("mp.messaging.incoming." + channel + ".group.id",
                        prod.getOrDefault("kafka.group.id", prod.get("quarkus.application.name")));
                consumes.computeIfAbsent(v, t -> new TreeSet<>()).add(group.trim());
            } else if (key.startsWith("mp.messaging.outgoing.") && key.endsWith(".topic")) {
                produces.add(v);
            } else if (key.equals("partnerhub.security.revocation-topic")) {
                consumes.computeIfAbsent(v, t -> new TreeSet<>()).add(NO_GROUP); // read with assign()
            } else if (key.startsWith("partnerhub.topics.") || (key.startsWith("partnerhub.") && key.endsWith(".topic"))) {
                produces.add(v); // written by the outbox relay
            } else if (key.toLowerCase().contains("topic") && !key.contains("serializer")) {
                throw new IllegalStateException(app + ": property " + key + " names a topic DeployManifestsTest does not "
                        + "know how to classify (produced or consumed?): teach AppConfig");
            }
        }
        for (String t : produces) {
            if (t.contains("${")) {
                throw new IllegalStateException(app + ": topic " + t + " is an expression; DeployManifestsTest needs the name");
            }
        }
        // the database: its name in the production URL, else in the local run's (the same names everywhere)
        String db = null;
        if (prod.containsKey("quarkus.datasource.db-kind")) {
            String jdbc = prod.getOrDefault("quarkus.datasource.jdbc.url", "");
            if (!jdbc.startsWith("jdbc:")) {
                jdbc = otherProfiles.getOrDefault("quarkus.datasource.jdbc.url", "");
            }
            if (!jdbc.startsWith("jdbc:postgresql://")) {
                throw new IllegalStateException(app + ": no literal quarkus.datasource.jdbc.url in any profile to read its database name from");
            }
            db = jdbc.substring(jdbc.lastIndexOf('/') + 1);
            if (db.contains("?")) {
                db = db.substring(0, db.indexOf('?'));
            }
        }
        // the environment variables the prod profile cannot start without: ${NAME} without a default
        Set<String> required = new TreeSet<>();
        Matcher m = REQUIRED_ENV.matcher(String.join("\n", prod.values()));
        while (m.find()) {
            required.add(m.group(1));
        }
        // graceful shutdown: readiness DOWN for the delay, then in-flight requests get the timeout
        long shutdown = seconds(prod.getOrDefault("quarkus.shutdown.timeout", "0s"));
        if (Boolean.parseBoolean(prod.getOrDefault("quarkus.shutdown.delay-enabled", "false"))) {
            shutdown += seconds(prod.getOrDefault("quarkus.shutdown.delay", "0s"));
        }
        return new AppConfig(app, Integer.parseInt(prod.get("quarkus.http.port")),
                Integer.parseInt(prod.get("quarkus.management.port")), db, produces, consumes, required, shutdown);
    }

    /** Quarkus durations as this configuration writes them: 10s, 2m, PT15S. */
    static long seconds(String v) {
        String t = v.trim().toLowerCase();
        if (t.startsWith("pt")) {
            return java.time.Duration.parse(t.toUpperCase()).toSeconds();
        }
        if (t.endsWith("ms")) {
            return (Long.parseLong(t.substring(0, t.length() - 2)) + 999) / 1000;
        }
        char unit = t.charAt(t.length() - 1);
        if (Character.isDigit(unit)) {
            return Long.parseLong(t);
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        switch (unit) {
            case 's':
                return n;
            case 'm':
                return n * 60;
            case 'h':
                return n * 3600;
            default:
                throw new IllegalArgumentException("unknown duration " + v);
        }
    }

    private static void load(Properties p, Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
    }
}
