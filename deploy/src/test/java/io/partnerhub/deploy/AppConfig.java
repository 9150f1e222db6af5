package io.partnerhub.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an application's configuration says it needs from Kafka and PostgreSQL, read from its
 * src/main/resources/application.properties (over platform/runtime's shared defaults for the four services):
 * the topics it produces (outbox topics, outgoing channels, dead-letter topics), the topics it consumes and with
 * which consumer group (none: assign()), its database.
 */
record AppConfig(String name, int port, int managementPort, String database, Set<String> produces,
                 Map<String, Set<String>> consumes) {

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
        Properties p = new Properties();
        if (!app.equals("gateway")) { // the services inherit platform/runtime's defaults; the gateway does not use it
            load(p, root.resolve("platform/runtime/src/main/resources/META-INF/microprofile-config.properties"));
        }
        load(p, root.resolve(app).resolve("src/main/resources/application.properties"));
        Set<String> produces = new TreeSet<>();
        Map<String, Set<String>> consumes = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("%")) {
                continue; // profiles other than prod are not deployed; %prod values must not name other topics
            }
            String v = p.getProperty(key).trim();
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".dead-letter-queue.topic")) {
                produces.add(v);
            } else if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                String channel = key.substring("mp.messaging.incoming.".length(), key.length() - ".topic".length());
                String group = p.getProperty("mp.messaging.incoming." + channel + ".group.id",
                        p.getProperty("kafka.group.id", p.getProperty("quarkus.application.name")));
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
        String db = null;
        String jdbc = p.getProperty("quarkus.datasource.jdbc.url");
        if (jdbc != null) {
            db = jdbc.substring(jdbc.lastIndexOf('/') + 1);
            if (db.contains("?")) {
                db = db.substring(0, db.indexOf('?'));
            }
        }
        return new AppConfig(app, Integer.parseInt(p.getProperty("quarkus.http.port")),
                Integer.parseInt(p.getProperty("quarkus.management.port")), db, produces, consumes);
    }

    private static void load(Properties p, Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
    }
}
