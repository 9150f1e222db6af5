package io.partnerhub.e2e;

import io.partnerhub.platform.devstack.KeycloakTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link KeycloakTokens#refreshing}: a token is reused while it has more than a minute left, else fetched again. */
class RefreshingTokenTest {

    @Test
    void aTokenWithTimeLeftIsReusedAndOneAboutToExpireIsFetchedAgain() {
        List<Long> lifetimes = new ArrayList<>(List.of(300_000L, 30_000L, 300_000L));
        List<String> fetched = new ArrayList<>();
        Supplier<String> token = KeycloakTokens.refreshing(() -> {
            String value = "t" + (fetched.size() + 1);
            fetched.add(value);
            return new KeycloakTokens.Token(value, System.currentTimeMillis() + lifetimes.remove(0));
        });
        assertEquals("t1", token.get());
        assertEquals("t1", token.get()); // five minutes left: kept
        assertEquals(List.of("t1"), fetched);

        Supplier<String> shortLived = KeycloakTokens.refreshing(() -> {
            String value = "s" + (fetched.size() + 1);
            fetched.add(value);
            return new KeycloakTokens.Token(value, System.currentTimeMillis() + lifetimes.remove(0));
        });
        assertEquals("s2", shortLived.get()); // 30 s left, less than the minute kept in reserve
        assertEquals("s3", shortLived.get()); // so the next use fetches a new one
        assertEquals(List.of("t1", "s2", "s3"), fetched);
    }
}
