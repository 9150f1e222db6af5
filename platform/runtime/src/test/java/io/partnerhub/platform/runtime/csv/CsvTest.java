package io.partnerhub.platform.runtime.csv;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTest {

    @Test
    void rendersRfc4180WithHeaderQuotingAndEmptyNulls() {
        String csv = Csv.render(List.of("name", "calls", "note"),
                List.of(List.of("Osaka Foods", 12, "plain"), Arrays.asList("Kansai, \"Medical\"", 3.5, null)));
        assertEquals("name,calls,note\r\nOsaka Foods,12,plain\r\n\"Kansai, \"\"Medical\"\"\",3.5,\r\n", csv);
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaStaysText() {
        String csv = Csv.render(List.of("name", "change"), List.of(
                List.of("=HYPERLINK(\"http://evil.example\",\"x\")", -3),
                List.of("+81-3-1234-5678", new java.math.BigDecimal("-12.5")),
                List.of("-vip", 0),
                List.of("@SUM(A1:A2)", 1),
                List.of("\tTabbed", 2),
                List.of("\rReturn", 3),
                List.of("Plain = text", 4),
                List.of("", 5)));
        assertEquals("name,change\r\n"
                + "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",-3\r\n"
                + "'+81-3-1234-5678,-12.5\r\n"
                + "'-vip,0\r\n"
                + "'@SUM(A1:A2),1\r\n"
                + "'\tTabbed,2\r\n"
                + "\"'\rReturn\",3\r\n"
                + "Plain = text,4\r\n"
                + "\"\",5\r\n", csv); // an empty first cell is quoted, so the line is not an empty record
    }
}
