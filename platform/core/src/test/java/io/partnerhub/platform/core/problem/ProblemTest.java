package io.partnerhub.platform.core.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void serialisesInDocumentOrderLeavingOutWhatIsAbsent() throws Exception {
        assertEquals("{\"type\":\"https://partnerhub.io/problems/uri-too-long\",\"title\":\"URI Too Long\",\"status\":414,"
                        + "\"detail\":\"The request target is too long\",\"instance\":\"/api/v1/customers\",\"requestId\":\"r-1\"}",
                json.writeValueAsString(Problem.of(414, "The request target is too long").at("/api/v1/customers", "r-1")));
        assertEquals("{\"type\":\"https://partnerhub.io/problems/bad-request\",\"title\":\"Bad Request\",\"status\":400,"
                        + "\"detail\":\"The request is not valid\",\"errors\":[{\"field\":\"limit\",\"message\":\"must be a whole number from 1 to 500\"}]}",
                json.writeValueAsString(Problem.validation("The request is not valid",
                        List.of(new Problem.FieldError("limit", "must be a whole number from 1 to 500")))));
    }

    @Test
    void typesAndTitlesAreOnePerStatus() {
        assertEquals("https://partnerhub.io/problems/client-error", Problem.clientError(400, "x").type());
        assertEquals("Client Error", Problem.clientError(400, "x").title());
        assertEquals("https://partnerhub.io/problems/gateway-timeout", Problem.of(504, "x").type());
        assertEquals("Gateway Timeout", Problem.of(504, "x").title());
        assertEquals("https://partnerhub.io/problems/request-header-fields-too-large", Problem.typeFor(431));
        assertEquals("https://partnerhub.io/problems/internal-error", Problem.typeFor(500));
        assertEquals("Content Too Large", Problem.titleFor(413));
    }
}
