package io.partnerhub.gateway;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PublicBaseUrlTest {

    static final Map<String, String> FORWARDED = Map.of(
            "X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com", "X-Forwarded-Port", "443");

    static String resolve(Optional<String> configured, boolean trust, Map<String, String> headers, String host) {
        return PublicBaseUrl.resolve(configured, trust, headers::get, "http", host, "10.0.0.5:8080");
    }

    @Test
    void theConfiguredUrlWins() {
        assertEquals("https://partners.example.com", resolve(Optional.of("https://partners.example.com/"), true, FORWARDED, "gw:8080"));
    }

    @Test
    void forwardedHeadersOnlyWhenTrusted() {
        assertEquals("https://api.example.com", resolve(Optional.empty(), true, FORWARDED, "gw:8080"));
        assertEquals("http://gw:8080", resolve(Optional.empty(), false, FORWARDED, "gw:8080"));
        assertEquals("https://api.example.com:8443",
                resolve(Optional.empty(), true, Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com", "X-Forwarded-Port", "8443"), "gw"));
        assertEquals("https://door.example.com", resolve(Optional.empty(), true,
                Map.of("Forwarded", "for=192.0.2.1;proto=https;host=\"door.example.com\", for=10.0.0.1;host=inner"), "gw"));
    }

    @Test
    void elseTheRequestsOwnSchemeAndHostAndNeverAnInjectedOne() {
        assertEquals("http://localhost:8080", resolve(Optional.empty(), false, Map.of(), "localhost:8080"));
        assertEquals("http://10.0.0.5:8080", resolve(Optional.empty(), false, Map.of(), "evil.example/path?"));
        assertEquals("http://10.0.0.5:8080", resolve(Optional.empty(), true, Map.of("X-Forwarded-Host", "a b"), null));
    }
}
