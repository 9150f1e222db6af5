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
}
