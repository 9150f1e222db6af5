package io.partnerhub.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.openapi.api.SmallRyeOpenAPI;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.jboss.logging.Logger;

/**
 * The gateway's {@code /openapi} (and Swagger UI's, at {@code /swagger-ui}): at start, the four services' documents (stored by their builds, copied into
 * this jar under {@code openapi-services/}) merged by {@link ApiDocumentMerge}. Configuration:
 * {@code partnerhub.gateway.public-base-url} (the only server; default relative {@code /}) and
 * {@code partnerhub.openapi.auth-server-url} (the realm the security scheme and Swagger UI log in against; default
 * {@code quarkus.oidc.auth-server-url}).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class GatewayOpenApi implements OASFilter {

    private static final Logger LOG = Logger.getLogger(GatewayOpenApi.class);
    static final String SCHEME = "keycloak";
    static final String LOCAL_REALM = "http://127.0.0.1:18080/realms/partner-hub";

    /** The services, in the order of the document: directory under openapi-services/, tag, description. */
    static final List<String[]> SERVICES = List.of(
            new String[] {"customers-service", "customers", "Partner, admins, help and support, customers, tags, audit"},
            new String[] {"subscriptions-service", "subscriptions", "Orders, subscriptions and their lifecycle, invoices, trials, license usage"},
            new String[] {"analytics-service", "analytics", "Subscription analytics of one day (asOf): KPIs, license trend, the five sections"},
            new String[] {"calling-metrics-service", "calling", "Calling engagement of one week: usage, quality, features, queues; call record ingestion"});

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Config config = ConfigProvider.getConfig();
        String server = config.getOptionalValue("partnerhub.gateway.public-base-url", String.class)
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .filter(url -> !url.isBlank()).orElse("/");
        String realm = config.getOptionalValue("partnerhub.openapi.auth-server-url", String.class)
                .or(() -> config.getOptionalValue("quarkus.oidc.auth-server-url", String.class))
                .orElse(LOCAL_REALM);
        ObjectNode merged = ApiDocumentMerge.merge(parts(), server, securityScheme(realm), SCHEME);
        OpenAPI model = parse(merged);
        openAPI.setOpenapi(model.getOpenapi());
        openAPI.setInfo(model.getInfo());
        openAPI.setServers(model.getServers());
        openAPI.setTags(model.getTags());
        openAPI.setPaths(model.getPaths());
        openAPI.setComponents(model.getComponents());
        openAPI.setSecurity(null);
        openAPI.setWebhooks(null);
        openAPI.setExtensions(null);
    }

    static List<ApiDocumentMerge.Part> parts() {
        List<ApiDocumentMerge.Part> parts = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String[] service : SERVICES) {
            String resource = "openapi-services/" + service[0] + "/openapi.json";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    LOG.warnf("No OpenAPI document of %s in this build (%s): its operations are missing from /openapi",
                            service[0], resource);
                    continue;
                }
                parts.add(new ApiDocumentMerge.Part(service[1], service[2], MAPPER.readTree(in)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }
        return parts;
    }

    static ObjectNode securityScheme(String realmUrl) {
        String base = realmUrl.endsWith("/") ? realmUrl.substring(0, realmUrl.length() - 1) : realmUrl;
        ObjectNode scheme = MAPPER.createObjectNode();
        scheme.put("type", "oauth2");
        scheme.put("description", "Keycloak realm partner-hub: authorization code with PKCE (S256); in Swagger UI, "
                + "client partner-hub-swagger-ui. The token's realm roles (realm_access.roles) decide which operations "
                + "it may call: the scopes of each operation's requirement and its x-roles name them.");
        ObjectNode code = scheme.putObject("flows").putObject("authorizationCode");
        code.put("authorizationUrl", base + "/protocol/openid-connect/auth");
        code.put("tokenUrl", base + "/protocol/openid-connect/token");
        code.put("refreshUrl", base + "/protocol/openid-connect/token");
        code.putObject("scopes");
        return scheme;
    }

    private static OpenAPI parse(JsonNode document) {
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SmallRyeOpenAPI.builder()
                .withConfig(ConfigProvider.getConfig())
                .enableModelReader(false)
                .enableStandardStaticFiles(false)
                .enableAnnotationScan(false)
                .enableStandardFilter(false)
                .withCustomStaticFile(() -> new ByteArrayInputStream(json))
                .build()
                .model();
    }
}
