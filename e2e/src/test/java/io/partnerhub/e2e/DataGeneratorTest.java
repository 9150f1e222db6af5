package io.partnerhub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partnerhub.e2e.data.DataGenerator;
import io.partnerhub.e2e.data.DataGenerator.CallRecord;
import io.partnerhub.e2e.data.DataGenerator.Kind;
import io.partnerhub.e2e.data.Demo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The data generator on its own: deterministic by seed, complete in its first profiles, streaming in batches. */
class DataGeneratorTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 1); // a Tuesday
    static final DataGenerator.Partner PARTNER = new DataGenerator.Partner("00000000-0000-4000-8000-000000000001", "T", "Test",
            new DataGenerator.Size(40, 12_345, 20, 12));
    static final Pattern CALL_ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

    static List<String> everything(DataGenerator data) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < data.partner().size().customers(); i++) {
            DataGenerator.Customer c = data.customer(i);
            DataGenerator.Subscription s = data.subscription(c);
            out.add(c.toString());
            out.add(s.toString());
            data.snapshots(c, s).forEach(x -> out.add(x.toString()));
        }
        data.callRecords(1_000, batch -> batch.forEach(r -> out.add(r.toString())));
        return out;
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOtherData() {
        List<String> first = everything(new DataGenerator(7, PARTNER, DAY, ""));
        assertEquals(first, everything(new DataGenerator(7, PARTNER, DAY, "")));
        assertNotEquals(first, everything(new DataGenerator(8, PARTNER, DAY, "")));
    }

    @Test
    void theFirstCustomersTakeEveryProfileInOrderWithBothProducts() {
        DataGenerator data = new DataGenerator(7, PARTNER, DAY, "");
        for (Kind kind : Kind.values()) {
            DataGenerator.Customer c = data.customer(kind.ordinal());
            assertEquals(kind, c.kind());
            DataGenerator.Subscription s = data.subscription(c);
            assertTrue(s.purchased("MEETINGS") > 0 && s.purchased("CALLING") > 0, s::toString);
        }
        DataGenerator.Subscription expiring = data.subscription(data.customer(Kind.EXPIRING.ordinal()));
        assertTrue(!expiring.autoRenew() && expiring.end().isAfter(DAY) && !expiring.end().isAfter(DAY.plusDays(90)), expiring::toString);
        DataGenerator.Subscription renewing = data.subscription(data.customer(Kind.RENEWING_LOW.ordinal()));
        assertTrue(renewing.autoRenew() && renewing.end().isAfter(DAY) && !renewing.end().isAfter(DAY.plusDays(90)), renewing::toString);
        DataGenerator.Customer over = data.customer(Kind.OVERAGE.ordinal());
        data.snapshots(over, data.subscription(over)).stream().filter(s -> s.date().equals(DAY))
                .forEach(s -> assertTrue(s.assigned() > data.subscription(over).purchased(s.product()), s::toString));
    }

    @Test
    void callRecordsStreamInIndependentBatchesAndFollowTheApiRules() {
        DataGenerator data = new DataGenerator(7, PARTNER, DAY, "N-");
        List<CallRecord> all = new ArrayList<>();
        data.callRecords(1_000, all::addAll);
        assertEquals(12_345, all.size());
        assertEquals(all.subList(5_000, 6_000), data.callBatch(5, 1_000));
        assertEquals(345, data.callBatch(12, 1_000).size());
        Set<String> ids = new HashSet<>();
        Instant from = data.firstCallWeek().atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        Instant to = data.startOfToday();
        long poor = 0;
        long queued = 0;
        Set<String> endpoints = new HashSet<>();
        for (CallRecord r : all) {
            assertTrue(ids.add(r.callId()) && CALL_ID.matcher(r.callId()).matches() && r.callId().startsWith("N-"), r.callId());
            assertTrue(!r.start().isBefore(from) && r.start().isBefore(to), r::toString);
            assertTrue(r.mos() == null || r.mos() >= 1 && r.mos() <= 5, r::toString);
            assertTrue(r.durationSeconds() >= 0 && r.durationSeconds() <= 604_800, r::toString);
            poor += r.poor() ? 1 : 0;
            queued += r.queue() != null ? 1 : 0;
            endpoints.add(r.endpointType());
            assertTrue(r.queue() == null || r.features().contains("CALL_QUEUE"), r::toString);
        }
        assertTrue(poor > 0 && poor < all.size() / 5, "poor calls: " + poor);
        assertTrue(queued > 0, "queued calls: " + queued);
        assertEquals(7, endpoints.size(), endpoints::toString);
    }

    @Test
    void theDemoPartnersHaveEveryProfileTheyNeed() {
        for (DataGenerator data : Demo.generators(DAY, "")) {
            assertTrue(data.partner().size().customers() >= Kind.NEW_FROM_CCW.ordinal() + 1, data.partner()::toString);
            assertEquals(data.partner().size().callRecords(), data.callBatch(0, 10_000).size());
        }
    }
}
