package io.partnerhub.gateway;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The same template for the few meters written without the contributor (a request reset by its client). */
public class MetricLabels {

    @Produces
    @Singleton
    MeterFilter uriTemplates() {
        return MeterFilter.replaceTagValues("uri", uri -> uri.startsWith("/") ? RouteTemplates.of(uri) : uri);
    }
}
