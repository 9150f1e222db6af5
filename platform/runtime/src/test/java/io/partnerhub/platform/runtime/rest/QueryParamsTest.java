package io.partnerhub.platform.runtime.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.partnerhub.platform.core.problem.Problem;
import io.partnerhub.platform.runtime.problem.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    enum Colour { RED, GREEN }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T23:30:00Z"), ZoneOffset.UTC);

    @Test
    void datesAreIsoDatesOrAbsent() {
        assertEquals(LocalDate.of(2026, 2, 1), QueryParams.date("from", "2026-02-01"));
        assertNull(QueryParams.date("from", null));
        assertNull(QueryParams.date("from", ""));
        assertEquals(LocalDate.of(2026, 3, 4), QueryParams.asOf(null, CLOCK));
        assertEquals(LocalDate.of(2025, 12, 31), QueryParams.asOf("2025-12-31", CLOCK));
        assertBadRequest("from", "must be a date YYYY-MM-DD", () -> QueryParams.date("from", "01/02/2026"));
        assertBadRequest("asOf", "must be a date YYYY-MM-DD", () -> QueryParams.asOf("2026-02-30", CLOCK));
    }

    @Test
    void limitsAndWholeNumbersAreBounded() {
        assertEquals(50, QueryParams.limit(null));
        assertEquals(1, QueryParams.limit("1"));
        assertEquals(500, QueryParams.limit("500"));
        assertBadRequest("limit", "must be a whole number from 1 to 500", () -> QueryParams.limit("501"));
        assertBadRequest("limit", "must be a whole number from 1 to 500", () -> QueryParams.limit("0"));
        assertBadRequest("limit", "must be a whole number from 1 to 500", () -> QueryParams.limit("ten"));
        assertEquals(8, QueryParams.wholeNumber("weeks", "", 8, 1, 52));
        assertEquals(12, QueryParams.wholeNumber("weeks", "12", 8, 1, 52));
        assertBadRequest("weeks", "must be a whole number from 1 to 52", () -> QueryParams.wholeNumber("weeks", "53", 8, 1, 52));
    }

    @Test
    void enumsAreRepeatableOrCommaSeparatedAndNamed() {
        assertEquals(List.of(Colour.RED, Colour.GREEN), QueryParams.enums("colour", List.of("RED,GREEN", "RED"), Colour.class));
        assertEquals(List.of("GREEN"), QueryParams.enumNames("colour", List.of("GREEN"), Colour.class));
        assertBadRequest("colour", "must be one of RED, GREEN", () -> QueryParams.enums("colour", List.of("BLUE"), Colour.class));
    }

    @Test
    void booleansAreTrueOrFalse() {
        assertEquals(Boolean.TRUE, QueryParams.bool("featured", "true"));
        assertNull(QueryParams.bool("featured", null));
        assertBadRequest("featured", "must be true or false", () -> QueryParams.bool("featured", "yes"));
    }

    private static void assertBadRequest(String field, String message, Supplier<?> parse) {
        ProblemException e = assertThrows(ProblemException.class, parse::get);
        Problem problem = e.toProblem();
        assertEquals(400, problem.status());
        assertEquals(List.of(new Problem.FieldError(field, message)), problem.errors());
    }
}
