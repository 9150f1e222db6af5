package io.partnerhub.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiDocumentMergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void mergesApiPathsTagsEachWithItsServiceAndRenamesSchemasThatDifferUnderOneName() throws Exception {
        JsonNode customers = json("""
                {'openapi':'3.1.0','paths':{
                  '/api/v1/customers':{'get':{'responses':{'200':{'content':{'application/json':{'schema':{'$ref':'#/components/schemas/Result'}}}}},
                                              'security':[{'SecurityScheme':['partner-admin']}]}},
                  '/q/something':{'get':{}}},
                 'components':{'schemas':{'Result':{'type':'object','properties':{'a':{'type':'integer'}}},
                                          'Problem':{'type':'object'}}}}""");
        JsonNode calling = json("""
                {'openapi':'3.1.0','paths':{
                  '/api/v1/calling/records':{'post':{'responses':{'200':{'content':{'application/json':{'schema':{'$ref':'#/components/schemas/Result'}}}}},
                                                     'security':[{'keycloak':['usage-ingest']}]}}},
                 'components':{'schemas':{'Result':{'type':'object','properties':{'b':{'type':'string'}}},
                                          'Problem':{'type':'object'}}}}""");
        ObjectNode scheme = JSON.createObjectNode().put("type", "oauth2");

        ObjectNode merged = ApiDocumentMerge.merge(List.of(
                new ApiDocumentMerge.Part("customers", "Customers", customers),
                new ApiDocumentMerge.Part("calling", "Calling", calling)), "https://api.example", scheme, "keycloak");

        assertEquals("https://api.example", merged.path("servers").path(0).path("url").asText());
        assertEquals(json("[{'name':'customers','description':'Customers'},{'name':'calling','description':'Calling'}]"), merged.path("tags"));
        assertFalse(merged.path("paths").has("/q/something"));
        assertEquals(json("['customers']"), merged.path("paths").path("/api/v1/customers").path("get").path("tags"));
        assertEquals(json("['calling']"), merged.path("paths").path("/api/v1/calling/records").path("post").path("tags"));
        assertEquals(json("[{'keycloak':['partner-admin']}]"), merged.path("paths").path("/api/v1/customers").path("get").path("security"));

        JsonNode schemas = merged.path("components").path("schemas");
        assertEquals(json("{'type':'object','properties':{'a':{'type':'integer'}}}"), schemas.path("Result"));
        assertEquals(json("{'type':'object','properties':{'b':{'type':'string'}}}"), schemas.path("CallingResult"));
        assertTrue(schemas.has("Problem"));
        assertFalse(schemas.has("CallingProblem"), "an identical schema is shared, not renamed");
        assertEquals("#/components/schemas/CallingResult", merged.path("paths").path("/api/v1/calling/records").path("post")
                .path("responses").path("200").path("content").path("application/json").path("schema").path("$ref").asText());
        assertEquals("#/components/schemas/Result", merged.path("paths").path("/api/v1/customers").path("get")
                .path("responses").path("200").path("content").path("application/json").path("schema").path("$ref").asText());
        assertEquals(scheme, merged.path("components").path("securitySchemes").path("keycloak"));
    }
}
