package io.partnerhub.gateway;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UpstreamUrlsTest {

    final UpstreamUrls urls = new UpstreamUrls(List.of("http://127.0.0.1:8081", "http://subscriptions"));

    @Test
    void theServicesOriginBecomesThePublicOnePathAndQueryKept() {
        assertEquals("https://api.example.com/api/v1/customers/c1",
                urls.rewrite("http://127.0.0.1:8081/api/v1/customers/c1", "https://api.example.com"));
        assertEquals("https://api.example.com/api/v1/subscriptions?cursor=a%2Fb&limit=1",
                urls.rewrite("http://subscriptions:80/api/v1/subscriptions?cursor=a%2Fb&limit=1", "https://api.example.com"));
        assertEquals("https://api.example.com/x", urls.rewrite("HTTP://SUBSCRIPTIONS/x", "https://api.example.com"));
    }

    @Test
    void otherOriginsAndRelativeUrlsAreLeftAlone() {
        assertEquals("http://127.0.0.1:80812/x", urls.rewrite("http://127.0.0.1:80812/x", "https://api.example.com"));
        assertEquals("https://docs.example.com/a", urls.rewrite("https://docs.example.com/a", "https://api.example.com"));
        assertEquals("/api/v1/admins/a1", urls.rewrite("/api/v1/admins/a1", "https://api.example.com"));
    }

    @Test
    void everyTargetOfALinkHeader() {
        assertEquals("<https://api.example.com/api/v1/customers?limit=1&cursor=x>; rel=\"next\", <https://docs.example.com/>; rel=\"help\"",
                urls.rewriteLinks("<http://127.0.0.1:8081/api/v1/customers?limit=1&cursor=x>; rel=\"next\", <https://docs.example.com/>; rel=\"help\"",
                        "https://api.example.com"));
    }
}
