package io.partnerhub.platform.runtime.paging;

import io.partnerhub.platform.runtime.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset cursor: the sort key values of the last row of a page (the row id last, as tie-breaker).
 * The next page starts strictly after it, so rows inserted meanwhile never shift or repeat a page.
 */
public record Cursor(List<String> values) {

    private static final char SEPARATOR = '\u001f';

    public static Cursor of(String... values) {
        return new Cursor(List.of(values));
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(String.valueOf(SEPARATOR), values).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ProblemException 400 when the cursor was not made by us */
    public static Cursor decode(String cursor, int expectedValues) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> values = Arrays.asList(raw.split(String.valueOf(SEPARATOR), -1));
            if (values.size() != expectedValues) {
                throw invalid();
            }
            return new Cursor(values);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public String value(int index) {
        return values.get(index);
    }

    /** A value read with {@code parser} (e.g. {@code Instant::parse}); one that does not parse is a 400 like a foreign cursor. */
    public <T> T value(int index, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(values.get(index));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    /** The 400 for a cursor this list did not make. */
    public static ProblemException invalid() {
        return ProblemException.badRequest("cursor", "is not a cursor of this list");
    }
}
