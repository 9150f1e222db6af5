package io.partnerhub.callingmetrics;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;

/**
 * Users by how many of the 8 weeks they were active in, read from per-user week bits kept in blocks of 64 weeks:
 * here the 8 weeks straddle a block boundary (block 46 starts on Sunday 2026-06-07) and a user's weeks arrive in
 * two batches.
 */
@QuarkusTest
class UsersByActiveWeeksIT {

    static String customer;

    @Test
    void bucketsCountTheActiveWeeksOfEachUserAcrossABlockBoundary() {
        Callers acme = Callers.newPartner();
        customer = Customers.of(acme);
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        String d = UUID.randomUUID().toString();
        String e = UUID.randomUUID().toString();
        List<Cdr> first = new ArrayList<>();
        List<Cdr> second = new ArrayList<>();
        // a: 5 of the 8 weeks (3 before the block boundary, 2 after) -> REGULAR
        for (String week : List.of("2026-05-17", "2026-05-24", "2026-05-31")) {
            first.add(call(a, week));
        }
        for (String week : List.of("2026-06-07", "2026-06-14")) {
            second.add(call(a, week));
        }
        // b: only the reference week -> LIGHT
        second.add(call(b, "2026-06-14"));
        // c: the week before the 8 (not counted) and the first of them -> LIGHT
        first.add(call(c, "2026-04-19"));
        first.add(call(c, "2026-04-26"));
        // d: all 8 weeks, in two batches -> HEAVY
        LocalDate week = LocalDate.parse("2026-04-26");
        for (int i = 0; i < 8; i++, week = week.plusWeeks(1)) {
            (i < 4 ? first : second).add(call(d, week.toString()));
        }
        // e: inbound calls only: never active
        second.add(call(e, "2026-06-14").inbound());
        acme.ingest().body(Cdr.array(first)).post("/api/v1/calling/records").then().statusCode(200)
                .body("accepted", equalTo(first.size()));
        acme.ingest().body(Cdr.array(second)).post("/api/v1/calling/records").then().statusCode(200)
                .body("accepted", equalTo(second.size()));

        acme.fullAdmin().queryParam("asOf", "2026-06-21").get("/api/v1/calling/usage/users")
                .then().statusCode(200)
                .body("weeks[0].weekStart", equalTo("2026-04-26"))
                .body("weeks[0].activeUsers", equalTo(2))
                .body("weeks[7].weekStart", equalTo("2026-06-14"))
                .body("weeks[7].activeUsers", equalTo(3))
                .body("buckets.heavy", equalTo(1))
                .body("buckets.regular", equalTo(1))
                .body("buckets.light", equalTo(2));
        // a week earlier the 8 weeks are 04-19 .. 06-07: a 4 (REGULAR), c 2, d 7 (HEAVY), b none
        acme.fullAdmin().queryParam("asOf", "2026-06-14").get("/api/v1/calling/usage/users")
                .then().statusCode(200)
                .body("buckets.heavy", equalTo(1))
                .body("buckets.regular", equalTo(1))
                .body("buckets.light", equalTo(1));
    }

    private static int sequence;

    private static Cdr call(String user, String weekStart) {
        return Cdr.call("u-" + (++sequence), customer, user, weekStart + "T10:00:00Z");
    }
}
