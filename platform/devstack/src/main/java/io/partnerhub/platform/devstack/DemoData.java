package io.partnerhub.platform.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Demo data for the local run, loaded once through the public API (so it takes every path real data takes). */
public final class DemoData {

    public static final String ACME = "7f3c1a52-0b1e-4c7a-9a39-6d5f2f1c0a01";
    public static final String GLOBEX = "2b8e6d34-5c1f-4e0b-8d2a-3f9a7c4e5b02";

    /** username, role, partner: the same users as deploy/keycloak/partner-hub-realm.json. */
    public static final List<String[]> USERS = List.of(
            new String[] {"alice@acme.example", "partner-full-admin", "Acme (" + ACME + ")"},
            new String[] {"adam@acme.example", "partner-admin", "Acme"},
            new String[] {"rita@acme.example", "partner-read-only-admin", "Acme"},
            new String[] {"gina@globex.example", "partner-full-admin", "Globex (" + GLOBEX + ")"},
            new String[] {"gary@globex.example", "partner-admin", "Globex"},
            new String[] {"gwen@globex.example", "partner-read-only-admin", "Globex"});

    private static final List<String[]> CUSTOMERS = List.of(
            new String[] {"alice@acme.example", "Hokkaido Logistics", "ACME-0001", "PARTNER"},
            new String[] {"alice@acme.example", "Kansai Medical Group", "ACME-0002", "EXTERNAL"},
            new String[] {"alice@acme.example", "Tokyo Design Studio", "ACME-0003", "PARTNER"},
            new String[] {"adam@acme.example", "Nagoya Precision Parts", "ACME-0004", "PARTNER"},
            new String[] {"gina@globex.example", "Osaka Foods", "GLOBEX-0001", "PARTNER"},
            new String[] {"gina@globex.example", "Sendai University", "GLOBEX-0002", "EXTERNAL"});

    private DemoData() {
    }

    public static void seed(SystemLauncher launcher, Path state) {
        Path marker = state.resolve("demo-data.loaded");
        if (Files.exists(marker)) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            for (String[] customer : CUSTOMERS) {
                String token = KeycloakTokens.password(launcher.keycloak().realmUrl(), customer[0],
                        launcher.secret("PARTNERHUB_DEMO_PASSWORD"));
                String body = "{\"name\":\"" + customer[1] + "\",\"externalId\":\"" + customer[2]
                        + "\",\"managedBy\":\"" + customer[3] + "\"}";
                HttpRequest request = HttpRequest.newBuilder(URI.create(launcher.gatewayUrl() + "/api/v1/customers"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 201 && status != 409) {
                    System.err.println("Demo customer " + customer[1] + " answered " + status);
                }
            }
            Files.writeString(marker, "loaded\n");
        } catch (IOException e) {
            System.err.println("Demo data not loaded: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
