package io.partnerhub.platform.runtime.csv;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code Accept: text/csv} answers of table endpoints: a header line and the same rows as the JSON answer,
 * RFC 4180 (CRLF, quoted when needed). A null cell is empty; text that would run as a formula is neutralised.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";
    private static final String FORMULA_START = "=+-@\t\r";

    private Csv() {
    }

    /** True when the client prefers CSV over JSON. */
    public static boolean wanted(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.valueOf(MEDIA_TYPE)) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    public static String render(List<String> header, List<? extends List<?>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (List<?> row : rows) {
                printer.printRecord(row.stream().map(Csv::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A cell as a spreadsheet will read it: empty for null; text that a spreadsheet would run as a formula (starting
     * with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe, so it stays text. Numbers, dates
     * and other typed values are written as they are (a negative number stays a number).
     */
    static Object cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof CharSequence text && !text.isEmpty() && FORMULA_START.indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return value;
    }

    /** A 200 answer with the table as {@code text/csv; charset=UTF-8}, offered as a download named {@code filename}. */
    public static Response response(String filename, List<String> header, List<? extends List<?>> rows) {
        return Response.ok(render(header, rows), MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }
}
