package io.partnerhub.gateway;

import io.partnerhub.platform.core.problem.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;

/**
 * The one public entry. Before anything else (even before the token is checked) every request gets its request id,
 * its access-log line, the URL and header size limits and, for configured browser origins, CORS. Then Quarkus OIDC
 * validates the token, this class refuses a token issued before its admin's access changed ({@link GatewayRevocations}),
 * applies the rate limit and the role policy by route and method, and the request is
 * forwarded to the owning service with the upstream timeout, keeping {@code Authorization} (with tracing on, the
 * {@code traceparent} it sends is the gateway's own span: {@link TraceContextForwarding}); the service's
 * absolute URLs in {@code Location}/{@code Link} come back as the gateway's public ones. Besides {@code /api/v1} the
 * port serves only the API description ({@code /openapi}, {@code /swagger-ui}); any other path, {@code /q/*}
 * included, is a 404 problem (health and metrics are on the management interface).
 */
@ApplicationScoped
public class GatewayRouter {

    static final String REQUEST_ID = RequestIds.HEADER;
    private static final String PUBLIC_BASE = "partnerhub.public-base";
    private static final String FAILURE = "partnerhub.failure";
    /** Seconds a caller should wait before retrying when a service cannot be reached. */
    static final int UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

    private static final String TRIED = "partnerhub.tried";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final PartnerRateLimits rateLimits;
    private final GatewayRevocations revocations;
    private final GatewayConfig config;
    private final Cors cors;
    private final UpstreamUrls upstreamUrls;
    private final Map<String, Upstreams> upstreams = new HashMap<>();

    public GatewayRouter(PartnerRateLimits rateLimits, GatewayConfig config, GatewayRevocations revocations) {
        this.rateLimits = rateLimits;
        this.revocations = revocations;
        this.config = config;
        this.cors = new Cors(config.cors().origins().orElse(List.of()), config.cors().maxAgeSeconds());
        this.upstreamUrls = new UpstreamUrls(Upstreams.allUrls(config.services().values()));
        config.services().forEach((name, urls) -> upstreams.put(name, new Upstreams(urls,
                config.health().services().get(name), config.unreachableSkipMillis(), System::currentTimeMillis)));
    }

    void install(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(config.connectTimeoutMillis())
                .setIdleTimeout(60)
                .setMaxPoolSize(64)
                .setKeepAlive(true));
        HttpProxy proxy = HttpProxy.reverseProxy(client)
                .origin(context -> {
                    HttpServerRequest request = context.request().proxiedRequest();
                    Upstreams service = RoutePolicy.route(request.method().name(), request.path())
                            .map(route -> upstreams.get(route.service())).orElse(null);
                    if (service == null) {
                        return Future.failedFuture(new IllegalStateException("no upstream"));
                    }
                    return connect(client, context, service);
                })
                .addInterceptor(new ProxyInterceptor() {
                    @Override
                    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                        HttpServerRequest incoming = context.request().proxiedRequest();
                        context.set(PUBLIC_BASE, publicBaseUrl(incoming));
                        context.request().headers().remove("Forwarded").remove("X-Forwarded-For")
                                .remove("X-Forwarded-Host").remove("X-Forwarded-Proto").remove("X-Forwarded-Port");
                        if (!retryable(incoming)) {
                            return context.sendRequest().onFailure(failure -> context.set(FAILURE, failure));
                        }
                        // an idempotent request is sent again to another instance when its connection failed before
                        // an answer: its body is kept for that
                        return bufferBody(context)
                                .compose(ignored -> context.sendRequest())
                                .recover(failure -> sendAgain(context, failure))
                                .onFailure(failure -> context.set(FAILURE, failure));
                    }

                    @Override
                    public Future<Void> handleProxyResponse(ProxyContext context) {
                        Throwable failure = context.get(FAILURE, Throwable.class);
                        if (failure != null) {
                            answerFailure(context, failure);
                        } else {
                            publicUrls(context.response().headers(), context.get(PUBLIC_BASE, String.class));
                        }
                        return context.sendResponse();
                    }
                });

        probeInstances(vertx);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
        router.route().order(Integer.MIN_VALUE + 1).handler(this::door);
        router.route("/api/v1/*").handler(this::authorize).handler(ProxyHandler.create(proxy));
        router.route("/api/*").handler(GatewayRouter::notFound);
        // Nothing of Quarkus' own under /q is public here: health and metrics are on the management interface, the API
        // description at /openapi and /swagger-ui. Ordered before any route an extension might add under /q.
        router.route("/q/*").order(Integer.MIN_VALUE + 2).handler(GatewayRouter::notFound);
        router.route("/q").order(Integer.MIN_VALUE + 2).handler(GatewayRouter::notFound);
        // and any other path no route answered
        router.route().order(Integer.MAX_VALUE).handler(GatewayRouter::notFound);
    }

    /**
     * A connection to the next instance of the service in turn; when it is refused (or not made in time), once more
     * to another instance, if the service has one.
     */
    private Future<HttpClientRequest> connect(HttpClient client, ProxyContext context, Upstreams service) {
        List<Upstreams.Instance> tried = tried(context);
        Upstreams.Instance instance = service.next(tried);
        if (instance == null) {
            return Future.failedFuture(new ConnectException("no other instance of the service to try"));
        }
        tried.add(instance);
        // the service sees its own address, so the URLs it writes are recognisably its own
        context.request().setAuthority(instance.authority);
        return client.request(new RequestOptions().setServer(instance.address)
                        .setConnectTimeout(config.connectTimeoutMillis())
                        .setIdleTimeout(config.upstreamTimeoutMillis()))
                .recover(failure -> {
                    if (!causedBy(failure, ConnectException.class)) {
                        return Future.failedFuture(failure);
                    }
                    service.connectFailed(instance);
                    if (tried.size() > 1 || service.instances().size() == 1) {
                        return Future.failedFuture(failure);
                    }
                    return connect(client, context, service);
                });
    }

    @SuppressWarnings("unchecked")
    private static List<Upstreams.Instance> tried(ProxyContext context) {
        List<Upstreams.Instance> tried = context.get(TRIED, List.class);
        if (tried == null) {
            tried = new ArrayList<>(2);
            context.set(TRIED, tried);
        }
        return tried;
    }

    /** GET, HEAD, or a request with an {@code Idempotency-Key}: the service answers a repetition as the first one. */
    static boolean retryable(HttpServerRequest request) {
        HttpMethod method = request.method();
        return method == HttpMethod.GET || method == HttpMethod.HEAD || request.getHeader(IDEMPOTENCY_KEY) != null;
    }

    /** Reads the request's body into memory (none for a bodiless GET or HEAD), so that it can be sent twice. */
    private static Future<Void> bufferBody(ProxyContext context) {
        HttpServerRequest incoming = context.request().proxiedRequest();
        if (incoming.getHeader("Content-Length") == null && incoming.getHeader("Transfer-Encoding") == null) {
            context.request().setBody(null);
            return Future.succeededFuture();
        }
        Promise<Void> read = Promise.promise();
        Buffer buffer = Buffer.buffer();
        ReadStream<Buffer> stream = context.request().getBody().stream();
        stream.exceptionHandler(read::tryFail);
        stream.endHandler(v -> {
            context.request().setBody(Body.body(buffer));
            read.tryComplete();
        });
        stream.handler(buffer::appendBuffer);
        stream.resume();
        return read.future();
    }

    /**
     * Once more to another instance, when the request's connection failed before any answer (refused connections were
     * already tried again by {@link #connect}); not after a timeout: the service may still be working on it.
     */
    private static Future<ProxyResponse> sendAgain(ProxyContext context, Throwable failure) {
        List<Upstreams.Instance> tried = tried(context);
        if (tried.size() != 1 || causedBy(failure, TimeoutException.class) || causedBy(failure, ConnectException.class)
                || context.request().proxiedRequest().response().headWritten()) {
            return Future.failedFuture(failure);
        }
        return context.sendRequest();
    }

    /**
     * With several instances of a service and their management URLs (one per instance), each one's readiness is asked every
     * {@code partnerhub.gateway.health.instance-probe-millis}: one that answers anything but 200 (it is shutting down,
     * or cannot reach its dependencies) gets no new request until it answers 200 again.
     */
    private void probeInstances(Vertx vertx) {
        long every = config.health().instanceProbeMillis();
        List<Upstreams> balanced = upstreams.values().stream().filter(u -> u.instances().size() > 1 && u.managed()).toList();
        if (every <= 0 || balanced.isEmpty()) {
            return;
        }
        HttpClient probes = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(config.health().timeoutMillis()).setKeepAlive(false));
        vertx.setPeriodic(every, id -> {
            for (Upstreams service : balanced) {
                for (Upstreams.Instance instance : service.instances()) {
                    probes.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(instance.readinessUrl)
                                    .setIdleTimeout(config.health().timeoutMillis()))
                            .compose(request -> request.send())
                            .compose(response -> response.body().map(body -> response.statusCode() == 200))
                            .otherwise(false)
                            .onSuccess(ready -> service.markReady(instance, ready));
                }
            }
        });
    }

    private static void notFound(RoutingContext context) {
        Problems.send(context, 404, "No resource exists at this path");
    }

    /** First for every request, before authentication. */
    private void door(RoutingContext context) {
        long started = System.nanoTime();
        HttpServerRequest request = context.request();
        String requestId = RequestIds.accept(request.getHeader(REQUEST_ID));
        request.headers().set(REQUEST_ID, requestId);
        context.addHeadersEndHandler(v -> {
            context.response().putHeader(REQUEST_ID, requestId);
            cors.decorate(context);
        });
        context.addBodyEndHandler(v -> AccessLog.log(context, requestId, started));

        if (request.uri().length() > config.maxUrlLength()) {
            Problems.send(context, 414, "The request target is longer than " + config.maxUrlLength() + " characters");
            return;
        }
        if (headerBytes(request.headers()) > config.maxHeaderBytes()) {
            Problems.send(context, 431, "The request headers are larger than " + config.maxHeaderBytes() + " bytes");
            return;
        }
        if (declaredBodyBytes(request) > config.maxBodyBytes()) {
            context.response().putHeader("Connection", "close");
            Problems.send(context, 413, "The request body is larger than " + (config.maxBodyBytes() / (1024 * 1024)) + " MiB");
            return;
        }
        if (cors.answerPreflight(context)) {
            return;
        }
        context.next();
    }

    private static long declaredBodyBytes(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        try {
            return length == null ? 0 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0; // the HTTP server refuses a malformed length itself
        }
    }

    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        return bytes;
    }

    private void authorize(RoutingContext context) {
        SecurityIdentity identity = context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous()) {
            Problems.unauthorized(context);
            return;
        }
        // before the rate limit and the role policy: such a token neither spends its partner's budget nor gets a 403
        if (identity.getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken token && revocations.revoked(token)) {
            Problems.revoked(context);
            return;
        }
        String partner = partnerOf(identity);
        if (partner != null) {
            context.put(AccessLog.PARTNER_KEY, partner);
            OptionalLong retryAfter = rateLimits.tryAcquire(partner);
            if (retryAfter.isPresent()) {
                context.response().putHeader("Retry-After", String.valueOf(retryAfter.getAsLong()));
                Problems.send(context, 429, "This partner sent too many requests; retry after " + retryAfter.getAsLong() + " s");
                return;
            }
        }
        Optional<RoutePolicy.Route> route = RoutePolicy.route(context.request().method().name(), context.request().path());
        if (route.isEmpty()) {
            notFound(context);
            return;
        }
        if (route.get().roles().stream().noneMatch(identity::hasRole)) {
            Problems.send(context, 403, "Your role does not allow this operation");
            return;
        }
        context.next();
    }

    private String publicBaseUrl(HttpServerRequest request) {
        HostAndPort authority = request.authority();
        return PublicBaseUrl.resolve(config.publicBaseUrl(), config.trustForwardedHeaders(), request::getHeader,
                request.scheme(), authority == null ? null : authority.toString(),
                request.localAddress() == null ? "localhost" : request.localAddress().host() + ":" + request.localAddress().port());
    }

    private void publicUrls(MultiMap headers, String publicBase) {
        for (String name : UpstreamUrls.URL_HEADERS) {
            String value = headers.get(name);
            if (value != null) {
                headers.set(name, upstreamUrls.rewrite(value, publicBase));
            }
        }
        List<String> links = headers.getAll("Link");
        if (!links.isEmpty()) {
            headers.remove("Link");
            for (String link : links) {
                headers.add("Link", upstreamUrls.rewriteLinks(link, publicBase));
            }
        }
        headers.names().stream().filter(name -> name.regionMatches(true, 0, "Access-Control-", 0, 15)).toList()
                .forEach(headers::remove);
    }

    /**
     * The service did not answer in time (504), or could not be reached or broke off the connection (503 with
     * Retry-After: it is down or restarting; a retry with the same Idempotency-Key or natural ids is safe).
     */
    private static void answerFailure(ProxyContext context, Throwable failure) {
        int status;
        String detail;
        if (causedBy(failure, TimeoutException.class)) {
            status = 504;
            detail = "The service behind this path did not answer in time";
        } else if (causedBy(failure, ConnectException.class)) {
            status = 503;
            detail = "The service behind this path cannot be reached; retry later";
        } else {
            // closed or reset mid-request: the service went away (killed, restarting); the request may or may not
            // have been applied, which an idempotent retry settles
            status = 503;
            detail = "The service behind this path did not answer; retry later";
        }
        ProxyResponse response = context.response();
        response.headers().clear();
        response.setStatusCode(status).setStatusMessage(Problem.titleFor(status))
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .setBody(Body.body(Buffer.buffer(
                        Problems.encode(context.request().proxiedRequest(), Problem.of(status, detail)))));
        if (status == 503) {
            response.putHeader("Retry-After", String.valueOf(UNAVAILABLE_RETRY_AFTER_SECONDS));
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
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

    private void onFailure(RoutingContext context) {
        Throwable failure = context.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || context.statusCode() == 401) {
            Problems.unauthorized(context);
        } else if (context.statusCode() == 413) {
            Problems.send(context, 413, "The request body is too large");
        } else if (context.statusCode() > 0 && context.statusCode() < 500) {
            Problems.send(context, Problem.clientError(context.statusCode(), "The request cannot be processed"));
        } else {
            Problems.send(context, 502, "The service behind this path did not answer");
        }
    }
}
