package io.partnerhub.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.partnerhub.platform.devstack.Json;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server standing in for the services behind the gateway (every route goes to it), answering with
 * absolute URLs of its own address the way a JAX-RS service does, and a second one standing in for the identity
 * provider's discovery document, which {@code POST /control/idp/stop|start} on the first takes away and brings back.
 */
public class ServiceStub implements QuarkusTestResourceLifecycleManager {

    static final String SILENT_CUSTOMER = "00000000-0000-4000-8000-000000000504";
    static final String BROKEN_CUSTOMER = "00000000-0000-4000-8000-000000000502";
    static final String CREATED_CUSTOMER = "3f2a7c1e-8b4d-4e2a-9c3b-5d6e7f809102";

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private HttpServer services;
    private HttpServer idp;
    private int idpPort;

    @Override
    public Map<String, String> start() {
        try {
            services = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            services.setExecutor(executor);
            services.createContext("/", this::serve);
            services.start();
            startIdp(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String url = "http://127.0.0.1:" + services.getAddress().getPort();
        return Map.of(
                "partnerhub.gateway.services.customers", url,
                "partnerhub.gateway.services.subscriptions", url,
                "partnerhub.gateway.services.analytics", url,
                "partnerhub.gateway.services.calling_metrics", url,
                "partnerhub.gateway.health.services.customers", url,
                "partnerhub.gateway.health.services.subscriptions", url,
                "partnerhub.gateway.health.services.analytics", url,
                "partnerhub.gateway.health.services.calling_metrics", url,
                "partnerhub.gateway.health.identity-provider-url", "http://127.0.0.1:" + idpPort + "/realms/test");
    }

    private synchronized void startIdp(int port) throws IOException {
        idp = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        idp.createContext("/realms/test/.well-known/openid-configuration",
                exchange -> answer(exchange, 200, "{\"issuer\":\"http://127.0.0.1/realms/test\"}"));
        idp.start();
        idpPort = idp.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        String self = "http://127.0.0.1:" + services.getAddress().getPort();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        exchange.getResponseHeaders().add("X-Seen-Host", String.valueOf(exchange.getRequestHeaders().getFirst("Host")));
        exchange.getResponseHeaders().add("X-Seen-Request-Id", String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")));
        switch (method + " " + path) {
            case "GET /q/health/ready" -> answer(exchange, 200, "{\"status\":\"UP\"}");
            case "POST /control/idp/stop" -> {
                synchronized (this) {
                    idp.stop(0);
                }
                answer(exchange, 204, null);
            }
            case "POST /control/idp/start" -> {
                startIdp(idpPort);
                answer(exchange, 204, null);
            }
            case "GET /api/v1/customers" -> {
                exchange.getResponseHeaders().add("Link", "<" + self + "/api/v1/customers?limit=1&cursor=abc>; rel=\"next\"");
                answer(exchange, 200, "{\"items\":[],\"nextCursor\":\"abc\"}");
            }
            case "POST /api/v1/customers" -> {
                exchange.getResponseHeaders().add("Location", self + "/api/v1/customers/" + CREATED_CUSTOMER);
                answer(exchange, 201, Json.object().put("id", CREATED_CUSTOMER).toString());
            }
            case "GET /api/v1/customers/" + BROKEN_CUSTOMER -> {
                // closes the connection without an answer, as a service killed mid-request
                exchange.close();
            }
            case "GET /api/v1/customers/" + SILENT_CUSTOMER -> {
                // never answers: the gateway's upstream timeout must end the exchange
            }
            default -> {
                exchange.getResponseHeaders().add("Link", "<https://docs.partnerhub.example/customers>; rel=\"help\"");
                answer(exchange, 200, "{}");
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        if (json != null) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void stop() {
        services.stop(0);
        synchronized (this) {
            idp.stop(0);
        }
        executor.shutdownNow();
    }
}
