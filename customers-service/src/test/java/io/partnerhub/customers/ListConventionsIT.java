package io.partnerhub.customers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Every list of the service: keyset pages of {@code limit} with {@code nextCursor} and {@code Link}, and CSV. */
@QuarkusTest
class ListConventionsIT {

    @Test
    void tagsArePagedByNameWithANextLinkAndExportedAsCsv() {
        Callers acme = Callers.newPartner();
        String alpha = CustomerListIT.tag(acme, "Alpha");
        String bravo = CustomerListIT.tag(acme, "bravo");
        String charlie = CustomerListIT.tag(acme, "Charlie");
        Response first = acme.readOnly().get("/api/v1/tags?limit=2");
        first.then().statusCode(200).body("items.name", contains("Alpha", "bravo"));
        String next = first.jsonPath().getString("nextCursor");
        assertNotNull(next);
        assertEquals("<" + RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/tags?limit=2&cursor=" + next + ">; rel=\"next\"",
                first.header("Link"));
        Response last = acme.readOnly().queryParam("limit", 2).queryParam("cursor", next).get("/api/v1/tags");
        last.then().statusCode(200).body("items.name", contains("Charlie")).body("nextCursor", nullValue());
        assertNull(last.header("Link"));
        acme.readOnly().accept("text/csv").get("/api/v1/tags").then().statusCode(200)
                .contentType("text/csv")
                .body(equalTo("id,name,color,description,customerCount,version\r\n"
                        + alpha + ",Alpha,\"#112233\",,0,1\r\n" + bravo + ",bravo,\"#112233\",,0,1\r\n"
                        + charlie + ",Charlie,\"#112233\",,0,1\r\n"));
    }

    @Test
    void adminsAndACustomersAdminsArePagedAndExported() {
        Callers acme = Callers.newPartner();
        addAdmin(acme, "ayumi", "Ayumi");
        addAdmin(acme, "ben", "Ben");
        // the callers are in the directory from their tokens: "Test full-…" and "Test readonly-…" sort after Ayumi and Ben
        acme.readOnly().get("/api/v1/partner").then().statusCode(200);
        assertEquals(List.of("ayumi", "ben", "full-" + acme.partner(), "readonly-" + acme.partner()),
                pagedIds(() -> acme.readOnly(), "/api/v1/admins", 2, "id"));
        String csv = acme.readOnly().accept("text/csv").get("/api/v1/admins").then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("id,email,displayName,role,lastSeenAt,version", lines[0]);
        assertEquals(5, lines.length);
        assertEquals(true, lines[1].startsWith("ayumi,ayumi@acme.example,Ayumi,partner-admin,"));

        String customer = CustomerApiIT.create(acme, "Assigned KK", null);
        acme.fullAdmin().put("/api/v1/customers/" + customer + "/admins/ben").then().statusCode(204);
        acme.fullAdmin().put("/api/v1/customers/" + customer + "/admins/ayumi").then().statusCode(204);
        acme.readOnly().get("/api/v1/customers/" + customer + "/admins?limit=1").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo("ayumi"))
                .body("items[0].email", equalTo("ayumi@acme.example"))
                .body("items[0].displayName", equalTo("Ayumi"))
                .body("items[0].role", equalTo("partner-admin"));
        assertEquals(List.of("ayumi", "ben"), pagedIds(() -> acme.readOnly(), "/api/v1/customers/" + customer + "/admins", 1, "id"));
        String assigned = acme.readOnly().accept("text/csv").get("/api/v1/customers/" + customer + "/admins").then().statusCode(200)
                .extract().asString();
        assertEquals("id,email,displayName,role,assignedAt", assigned.split("\r\n")[0]);
        assertEquals(true, assigned.split("\r\n")[2].startsWith("ben,ben@acme.example,Ben,partner-admin,"));
        Callers.newPartner().fullAdmin().get("/api/v1/customers/" + customer + "/admins").then().statusCode(404);
    }

    @Test
    void supportRequestsArePagedNewestFirst() {
        Callers acme = Callers.newPartner();
        List<String> opened = new ArrayList<>();
        for (String subject : List.of("First", "Second", "Third")) {
            opened.add(acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("subject", subject, "description", "d"))
                    .post("/api/v1/support/requests").then().statusCode(201).extract().path("id"));
        }
        assertEquals(List.of(opened.get(2), opened.get(1), opened.get(0)),
                pagedIds(() -> acme.readOnly(), "/api/v1/support/requests", 2, "id"));
        String csv = acme.readOnly().accept("text/csv").get("/api/v1/support/requests").then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("id,subject,description,product,customerId,status,createdBy,createdAt,updatedAt,version", lines[0]);
        assertEquals(true, lines[1].startsWith(opened.get(2) + ",Third,d,,,OPEN,full-" + acme.partner() + ","));
        assertEquals(4, lines.length);
    }

    @Test
    void helpResourcesAndContactsArePagedInTheirOrder() {
        Callers acme = Callers.newPartner();
        for (String q : new String[] {null, "calling quality"}) {
            Supplier<RequestSpecification> caller = () -> q == null ? acme.readOnly() : acme.readOnly().queryParam("q", q);
            List<String> whole = caller.get().get("/api/v1/resources?limit=500").then().statusCode(200)
                    .body("nextCursor", nullValue()).extract().jsonPath().getList("items.id");
            assertEquals(whole, pagedIds(caller, "/api/v1/resources", 3, "id"));
        }
        assertEquals(List.of("CALLING", "CONTACT_CENTER"), pagedIds(() -> acme.readOnly(), "/api/v1/support/contacts", 1, "product"));
        String contacts = acme.readOnly().accept("text/csv").get("/api/v1/support/contacts").then().statusCode(200)
                .extract().asString();
        String[] rows = contacts.split("\r\n");
        assertEquals(3, rows.length);
        assertEquals("id,product,name,email,phone,hours", rows[0]);
        assertEquals(true, rows[1].startsWith("5c0a0000-0000-4000-8000-000000000001,CALLING,Webex Calling partner support,calling-support@partnerhub.io,"));
        assertEquals(true, rows[2].startsWith("5c0a0000-0000-4000-8000-000000000002,CONTACT_CENTER,Webex Contact Center partner support,cc-support@partnerhub.io,"));
        String csv = acme.readOnly().accept("text/csv").queryParam("q", "packet loss").get("/api/v1/resources")
                .then().statusCode(200).extract().asString();
        assertEquals("id,title,url,type,products,topics,featured,quickLink,summary", csv.split("\r\n")[0]);
        assertEquals(true, csv.split("\r\n")[1].startsWith("4e1b0000-0000-4000-8000-000000000007,Call quality troubleshooting,"
                + "https://help.partnerhub.io/calling/call-quality,TROUBLESHOOTING,CALLING,quality;analytics,true,false,"));
    }

    @Test
    void theAuditLogIsExportedAsCsv() {
        Callers acme = Callers.newPartner();
        String id = CustomerApiIT.create(acme, "Csv Audit KK", null);
        String csv = acme.readOnly().accept("text/csv").queryParam("customerId", id).get("/api/v1/audit")
                .then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("id,at,actor,action,resourceType,resourceId,customerId,before,after", lines[0]);
        assertEquals(2, lines.length);
        assertEquals(true, lines[1].contains(",full-" + acme.partner() + ",customer.created,customer," + id + "," + id + ",,"));
    }

    @Test
    void aBadLimitOrCursorIsA400NamingTheParameter() {
        Callers acme = Callers.newPartner();
        String customer = CustomerApiIT.create(acme, "Cursor KK", null);
        for (String path : List.of("/api/v1/tags", "/api/v1/admins", "/api/v1/customers/" + customer + "/admins",
                "/api/v1/support/requests", "/api/v1/support/contacts", "/api/v1/resources", "/api/v1/audit", "/api/v1/customers")) {
            for (String limit : List.of("0", "501", "abc")) {
                acme.readOnly().queryParam("limit", limit).get(path).then().statusCode(400)
                        .contentType("application/problem+json").body("errors.field", contains("limit"));
            }
            acme.readOnly().queryParam("cursor", "AAAA").get(path).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", contains("cursor"));
        }
    }

    /** Follows nextCursor from the first page to the last, collecting one field of every item. */
    static List<String> pagedIds(Supplier<RequestSpecification> caller, String path, int limit, String field) {
        List<String> values = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = caller.get().queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(path);
            page.then().statusCode(200);
            List<String> items = page.jsonPath().getList("items." + field);
            values.addAll(items);
            cursor = page.jsonPath().getString("nextCursor");
            if (cursor != null) {
                assertEquals(limit, items.size());
                assertNotNull(page.header("Link"));
            }
            pages++;
        } while (cursor != null && pages < 100);
        return values;
    }

    static void addAdmin(Callers partner, String id, String displayName) {
        KeycloakStub.user(id, partner.partner(), "default-roles-partner-hub");
        partner.fullAdmin().contentType(ContentType.JSON)
                .body(Map.of("id", id, "email", id + "@acme.example", "displayName", displayName, "role", "partner-admin"))
                .post("/api/v1/admins").then().statusCode(201);
    }
}
