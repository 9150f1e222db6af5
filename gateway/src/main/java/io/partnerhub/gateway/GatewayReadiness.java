package io.partnerhub.gateway;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the gateway can do its job: the identity provider's discovery document answers (tokens can be
 * checked against fresh keys) and every service's own readiness (on its management interface) answers 200. All probes run at once, without
 * blocking, each cut off after {@code partnerhub.gateway.health.timeout-millis}.
 */
@Readiness
@ApplicationScoped
public class GatewayReadiness implements AsyncHealthCheck {

    private final Map<String, List<String>> probes = new LinkedHashMap<>();
    private final HttpClient client;
    private final int timeoutMillis;

    public GatewayReadiness(Vertx vertx, GatewayConfig config) {
        this.timeoutMillis = config.health().timeoutMillis();
        config.health().identityProviderUrl().filter(url -> !url.isBlank())
                .ifPresent(url -> probes.put("identity-provider", List.of(strip(url) + "/.well-known/openid-configuration")));
        Map<String, String> management = config.health().services();
        // a service with several instances is ready when one of them is
        config.services().forEach((name, urls) -> probes.put(name,
                new Upstreams(urls, management.get(name), 0, System::currentTimeMillis).instances().stream()
                        .map(instance -> instance.readinessUrl).toList()));
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeoutMillis).setMaxPoolSize(4)
                .setKeepAlive(false));
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<String> names = new ArrayList<>(probes.keySet());
        List<Future<Boolean>> results = new ArrayList<>();
        for (String name : names) {
            results.add(probe(probes.get(name)));
        }
        return Uni.createFrom().completionStage(Future.join(results).toCompletionStage())
                .onFailure().recoverWithNull()
                .map(ignored -> {
                    HealthCheckResponseBuilder answer = HealthCheckResponse.named("gateway dependencies");
                    boolean up = true;
                    for (int i = 0; i < names.size(); i++) {
                        Future<Boolean> result = results.get(i);
                        boolean ok = result.succeeded() && Boolean.TRUE.equals(result.result());
                        up &= ok;
                        answer.withData(names.get(i), ok ? "UP" : "DOWN");
                    }
                    return answer.status(up).build();
                });
    }

    private Future<Boolean> probe(List<String> urls) {
        List<Future<Boolean>> each = urls.stream().map(this::probe).toList();
        return Future.join(each).otherwise(ignored -> null)
                .map(ignored -> each.stream().anyMatch(f -> f.succeeded() && Boolean.TRUE.equals(f.result())));
    }

    private Future<Boolean> probe(String url) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .setConnectTimeout(timeoutMillis).setIdleTimeout(timeoutMillis);
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> ok(response)))
                .otherwise(false);
    }

    private static boolean ok(HttpClientResponse response) {
        return response.statusCode() == 200;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
