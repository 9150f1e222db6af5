package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Bearer-token calls with JSON bodies, as a frontend or an integrator makes them; the answer's body read as JSON. */
final class JsonHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer; {@code body} is JSON null when the body is empty or not JSON. */
    record Answer(int status, String contentType, JsonNode body, String raw) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + raw;
        }
    }

    private JsonHttp() {
    }

    static Answer get(String url, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), token);
    }

    static Answer post(String url, String token, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), token);
    }

    /**
     * Every row ({@code items}) of a cursor-paged list, {@code limit} per page, each page answered 200 (else the
     * assertion fails, naming the answer). {@code url} may carry query parameters of its own.
     */
    static java.util.List<JsonNode> pages(String url, int limit, String token) throws IOException, InterruptedException {
        java.util.List<JsonNode> rows = new java.util.ArrayList<>();
        String first = url + (url.contains("?") ? "&" : "?") + "limit=" + limit;
        String cursor = null;
        do {
            Answer page = get(first + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
                    java.nio.charset.StandardCharsets.UTF_8)), token);
            org.junit.jupiter.api.Assertions.assertEquals(200, page.status(), page::toString);
            page.body().path("items").forEach(rows::add);
            JsonNode next = page.body().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return rows;
    }

    private static Answer send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        String raw = response.body();
        JsonNode body;
        try {
            body = raw == null || raw.isBlank() ? JSON.nullNode() : JSON.readTree(raw);
        } catch (IOException e) {
            body = JSON.nullNode();
        }
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body, raw);
    }
}
