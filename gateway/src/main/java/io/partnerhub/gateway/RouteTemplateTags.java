package io.partnerhub.gateway;

import io.micrometer.core.instrument.Tags;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;

/** {@code http.server.requests} labelled by route template ({@code uri="/api/v1/customers/{id}"}), never a raw id. */
@Singleton
public class RouteTemplateTags implements HttpServerMetricsTagsContributor {

    @Override
    public Tags contribute(Context context) {
        HttpServerRequest request = context.request();
        if (request == null || request.path() == null) {
            return Tags.empty();
        }
        return Tags.of("uri", RouteTemplates.of(request.path()));
    }
}
