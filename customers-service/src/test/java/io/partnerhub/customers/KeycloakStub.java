package io.partnerhub.customers;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the few endpoints of Keycloak's Admin REST API that customers-service calls (token by client
 * credentials, a user, their realm role mappings and available roles, logout), for this module's tests: users are
 * registered by the tests, {@link #stop()} and {@link #start()} make Keycloak unreachable and back on the same port.
 * The end-to-end tests use the real Keycloak.
 */
public class KeycloakStub implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "partner-hub";
    static final List<String> REALM_ROLES = List.of("partner-full-admin", "partner-admin", "partner-read-only-admin",
            "order-integrator", "usage-ingest", "default-roles-partner-hub");
    private static final Pattern USER = Pattern.compile("/admin/realms/" + REALM + "/users/([^/]+)(/.*)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    record User(String id, String partnerOrgId, String email, Set<String> roles, AtomicInteger logouts) {
    }

    private static final Map<String, User> USERS = new ConcurrentHashMap<>();
    private static volatile int port;
    private static HttpServer server;

    /** Registers (or replaces) a Keycloak user of {@code partnerOrgId} with the given realm roles. */
    public static void user(String id, String partnerOrgId, String... roles) {
        Set<String> mapped = ConcurrentHashMap.newKeySet();
        mapped.addAll(List.of(roles));
        USERS.put(id, new User(id, partnerOrgId, id + "@keycloak.example", mapped, new AtomicInteger()));
    }

    /** The user's realm roles now. */
    public static Set<String> roles(String id) {
        return Set.copyOf(USERS.get(id).roles());
    }

    /** How often the user's sessions were ended. */
    public static int logouts(String id) {
        return USERS.get(id).logouts().get();
    }

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startServer();
        return Map.of("quarkus.keycloak.admin-client.server-url", "http://127.0.0.1:" + port,
                "quarkus.keycloak.admin-client.client-secret", "stub-secret",
                "partnerhub.identity.realm", REALM);
    }

    @Override
    public void stop() {
        stopServer();
    }

    /** Keycloak goes away: connections to its port are refused. */
    public static synchronized void stopServer() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Keycloak is back on the same port. */
    public static synchronized void startServer() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", KeycloakStub::handle);
        server.start();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/realms/" + REALM + "/protocol/openid-connect/token") && method.equals("POST")) {
                respond(exchange, 200, Map.of("access_token", "stub-token", "token_type", "Bearer", "expires_in", 300));
                return;
            }
            Matcher m = USER.matcher(path);
            if (!m.matches()) {
                respond(exchange, 404, Map.of("error", "not found"));
                return;
            }
            User user = USERS.get(m.group(1));
            String rest = m.group(2) == null ? "" : m.group(2);
            if (user == null) {
                respond(exchange, 404, Map.of("error", "User not found"));
                return;
            }
            switch (method + " " + rest) {
                case "GET " -> respond(exchange, 200, Map.of("id", user.id(), "username", user.id(), "email", user.email(),
                        "firstName", "Kc", "lastName", user.id(), "attributes", Map.of("partner_org_id", List.of(user.partnerOrgId()))));
                case "GET /role-mappings/realm" -> respond(exchange, 200, roles(new ArrayList<>(user.roles())));
                case "GET /role-mappings/realm/available" -> respond(exchange, 200,
                        roles(REALM_ROLES.stream().filter(r -> !user.roles().contains(r)).toList()));
                case "POST /role-mappings/realm" -> {
                    for (Map<String, Object> role : body(exchange)) {
                        if (!("role-" + role.get("name")).equals(role.get("id"))) {
                            respond(exchange, 404, Map.of("error", "Role not found"));
                            return;
                        }
                        user.roles().add((String) role.get("name"));
                    }
                    respond(exchange, 204, null);
                }
                case "DELETE /role-mappings/realm" -> {
                    body(exchange).forEach(role -> user.roles().remove((String) role.get("name")));
                    respond(exchange, 204, null);
                }
                case "POST /logout" -> {
                    user.logouts().incrementAndGet();
                    respond(exchange, 204, null);
                }
                default -> respond(exchange, 404, Map.of("error", "not found"));
            }
        } finally {
            exchange.close();
        }
    }

    private static List<Map<String, Object>> roles(List<String> names) {
        return names.stream().map(name -> Map.<String, Object>of("id", "role-" + name, "name", name, "composite", false,
                "clientRole", false)).toList();
    }

    private static List<Map<String, Object>> body(HttpExchange exchange) throws IOException {
        return JSON.readValue(exchange.getRequestBody(), new TypeReference<>() {
        });
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
