package io.partnerhub.gateway;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one public entry: validates the token (Quarkus OIDC, before any handler here runs), applies the role
 * policy by route and method, adds a request id and forwards to the owning service, keeping
 * {@code Authorization} and {@code traceparent}.
 */
@ApplicationScoped
public class GatewayRouter {

    static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String ROUTE_KEY = "partnerhub.route";

    private final PartnerRateLimits rateLimits;

    public GatewayRouter(PartnerRateLimits rateLimits) {
        this.rateLimits = rateLimits;
    }

    void install(@Observes Router router, Vertx vertx, GatewayConfig config) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(config.connectTimeoutMillis())
                .setIdleTimeout(60)
                .setMaxPoolSize(64)
                .setKeepAlive(true));
        Map<String, SocketAddress> upstreams = new HashMap<>();
        config.services().forEach((name, url) -> {
            URI uri = URI.create(url);
            upstreams.put(name, SocketAddress.inetSocketAddress(uri.getPort(), uri.getHost()));
        });
        HttpProxy proxy = HttpProxy.reverseProxy(client)
                .originSelector(request -> Future.succeededFuture(upstreams.get(routeOf(request))))
                .addInterceptor(new ProxyInterceptor() {
                    @Override
                    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                        context.request().headers().remove("Forwarded").remove("X-Forwarded-For");
                        return context.sendRequest();
                    }
                });

        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
        router.route("/api/v1/*").handler(this::authorize).handler(ProxyHandler.create(proxy));
        router.route("/api/*").handler(context -> Problems.send(context, 404, "Not Found", "not-found",
                "No resource exists at this path"));
    }

    private void authorize(RoutingContext context) {
        String requestId = Optional.ofNullable(context.request().getHeader(REQUEST_ID))
                .filter(id -> SAFE_REQUEST_ID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        context.request().headers().set(REQUEST_ID, requestId);
        context.response().putHeader(REQUEST_ID, requestId);

        SecurityIdentity identity = context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous()) {
            Problems.unauthorized(context);
            return;
        }
        String partner = partnerOf(identity);
        if (partner != null) {
            java.util.OptionalLong retryAfter = rateLimits.tryAcquire(partner);
            if (retryAfter.isPresent()) {
                context.response().putHeader("Retry-After", String.valueOf(retryAfter.getAsLong()));
                Problems.send(context, 429, "Too Many Requests", "too-many-requests",
                        "This partner sent too many requests; retry after " + retryAfter.getAsLong() + " s");
                return;
            }
        }
        Optional<RoutePolicy.Route> route = RoutePolicy.route(context.request().method().name(), context.request().path());
        if (route.isEmpty()) {
            Problems.send(context, 404, "Not Found", "not-found", "No resource exists at this path");
            return;
        }
        if (route.get().roles().stream().noneMatch(identity::hasRole)) {
            Problems.send(context, 403, "Forbidden", "forbidden", "Your role does not allow this operation");
            return;
        }
        context.request().headers().set("X-Partnerhub-Route", route.get().service());
        context.put(ROUTE_KEY, route.get().service());
        context.next();
    }

    private static String partnerOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt) {
            Object value = jwt.getClaim("partner_org_id");
            if (value instanceof jakarta.json.JsonString text) {
                return text.getString();
            }
            return value == null ? null : value.toString();
        }
        return null;
    }

    private static String routeOf(HttpServerRequest request) {
        return request.getHeader("X-Partnerhub-Route");
    }

    private void onFailure(RoutingContext context) {
        Throwable failure = context.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || context.statusCode() == 401) {
            Problems.unauthorized(context);
        } else if (context.statusCode() == 413) {
            Problems.send(context, 413, "Content Too Large", "payload-too-large", "The request body is larger than 1 MiB");
        } else if (context.statusCode() > 0 && context.statusCode() < 500) {
            Problems.send(context, context.statusCode(), "Client Error", "client-error", "The request cannot be processed");
        } else {
            Problems.send(context, 502, "Bad Gateway", "bad-gateway", "The service behind this path did not answer");
        }
    }
}
