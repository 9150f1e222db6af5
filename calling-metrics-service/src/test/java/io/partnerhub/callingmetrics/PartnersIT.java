package io.partnerhub.callingmetrics;

import io.partnerhub.callingmetrics.repository.Partners;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A partner's surrogate key against real PostgreSQL, made by whichever of its first requests comes first. */
@QuarkusTest
class PartnersIT {

    @Inject
    Partners partners;

    @Test
    void aNewPartnersFirstRequestsArrivingAtOnceAllGetItsOneId() {
        for (int round = 0; round < 20; round++) {
            String partnerOrgId = UUID.randomUUID().toString();
            // made before any runs: none finds the id in the cache, so every one goes to the database at once
            List<Uni<Integer>> firsts = IntStream.range(0, 8).mapToObj(i -> partners.ensure(partnerOrgId)).toList();
            List<Integer> ids = Uni.join().all(firsts).andFailFast().await().atMost(Duration.ofSeconds(30));
            assertNotNull(ids.get(0), "round " + round + ": " + ids);
            assertEquals(1, new HashSet<>(ids).size(), "round " + round + ": " + ids);
            assertEquals(ids.get(0), partners.find(partnerOrgId).await().atMost(Duration.ofSeconds(30)));
        }
    }
}
