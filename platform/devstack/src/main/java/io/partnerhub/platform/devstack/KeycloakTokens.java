package io.partnerhub.platform.devstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Real access tokens from the devstack Keycloak: the password grant for demo users, client credentials for machines.
 * The realm's access tokens live 5 minutes: whatever holds one longer (a benchmark, a long test) takes a
 * {@link #refreshing} supplier, which fetches a new token shortly before the current one expires.
 */
public final class KeycloakTokens {

    public static final String API_CLIENT = "partner-hub-api";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A token is fetched again when less than this is left of its life. */
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakTokens() {
    }

    public static String password(String realmUrl, String username, String password) throws IOException {
        return passwordGrant(realmUrl, username, password).value();
    }

    public static String clientCredentials(String realmUrl, String clientId, String secret) throws IOException {
        return clientCredentialsGrant(realmUrl, clientId, secret).value();
    }

    /** A demo user's token that is always valid when asked for (a new one shortly before the current expires). */
    public static Supplier<String> refreshingPassword(String realmUrl, String username, String password) {
        return refreshing(() -> passwordGrant(realmUrl, username, password));
    }

    /** A machine client's token that is always valid when asked for. */
    public static Supplier<String> refreshingClientCredentials(String realmUrl, String clientId, String secret) {
        return refreshing(() -> clientCredentialsGrant(realmUrl, clientId, secret));
    }

    /** An access token and when it expires. */
    public record Token(String value, long expiresAtMillis) {
    }

    /** How a token is fetched. */
    public interface Grant {
        Token fetch() throws IOException;
    }

    /** The grant's token, fetched on first use and again whenever less than a minute of its life is left. */
    public static Supplier<String> refreshing(Grant grant) {
        return new Supplier<>() {
            private Token current;

            @Override
            public synchronized String get() {
                if (current == null || System.currentTimeMillis() > current.expiresAtMillis() - REFRESH_BEFORE_EXPIRY.toMillis()) {
                    try {
                        current = grant.fetch();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return current.value();
            }
        };
    }

    public static Token passwordGrant(String realmUrl, String username, String password) throws IOException {
        return request(realmUrl, Map.of("grant_type", "password", "client_id", API_CLIENT,
                "username", username, "password", password));
    }

    public static Token clientCredentialsGrant(String realmUrl, String clientId, String secret) throws IOException {
        return request(realmUrl, Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private static Token request(String realmUrl, Map<String, String> form) throws IOException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            long sent = System.currentTimeMillis();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode token = response.statusCode() == 200 ? readTree(response.body()) : null;
            if (token == null || !token.path("access_token").isTextual()) {
                throw new IOException("token request failed with " + response.statusCode() + ": " + response.body());
            }
            long lifetimeSeconds = token.path("expires_in").asLong(0);
            return new Token(token.path("access_token").asText(), sent + lifetimeSeconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The response body as JSON, or null when it is not JSON. */
    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
