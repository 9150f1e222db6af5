package io.partnerhub.platform.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local run: {@code up} starts the whole system with demo data and stays in the foreground until
 * Ctrl-C or {@code ./partnerhub down}; everything it started stops with it. {@code ./partnerhub up} starts it through
 * e2e's {@code io.partnerhub.e2e.data.LocalRun}, which passes the demo data loader (the data generator lives in e2e);
 * started on its own it loads no demo data.
 */
public final class DevstackMain {

    private DevstackMain() {
    }

    public static void main(String[] args) throws Exception {
        run(args, null);
    }

    /** Runs the local system; {@code demo} (or null for none) loads the demo data once, after the first start. */
    public static void run(String[] args, DemoData.Loader demo) throws Exception {
        Path root = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        String command = args.length > 0 ? args[0] : "up";
        if (!command.equals("up")) {
            System.err.println("usage: DevstackMain up [project-root]");
            System.exit(2);
        }
        Path state = root.resolve(".partnerhub");
        Files.createDirectories(state);
        Path pidFile = state.resolve("partnerhub.pid");
        Files.writeString(pidFile, String.valueOf(ProcessHandle.current().pid()));

        SystemLauncher launcher = new SystemLauncher(new SystemLauncher.Layout(root, state, true));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Partner Hub...");
            launcher.close();
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // nothing left to do
            }
            System.out.println("Stopped.");
            stopped.countDown();
        }, "partnerhub-stop"));

        long started = System.nanoTime();
        System.out.println("Starting PostgreSQL, Kafka, Keycloak and the five applications (logs in " + state.resolve("logs") + ")...");
        try {
            launcher.start();
        } catch (Exception e) {
            System.err.println("Start failed: " + e.getMessage());
            System.exit(1);
        }
        if (demo != null) {
            System.out.println("Loading the demo data through the API (first start only)...");
            DemoData.seed(launcher, state, demo);
        }
        printBanner(launcher, (System.nanoTime() - started) / 1_000_000_000);
        stopped.await();
    }

    private static void printBanner(SystemLauncher launcher, long seconds) {
        String gateway = launcher.gatewayUrl();
        String token = launcher.keycloak().realmUrl() + "/protocol/openid-connect/token";
        String demoPassword = launcher.secret("PARTNERHUB_DEMO_PASSWORD");
        System.out.println();
        System.out.println("Partner Hub is up (" + seconds + " s).");
        System.out.println("  Gateway          " + gateway + "/api/v1  (every port listens on 127.0.0.1 only)");
        System.out.println("  Swagger UI       " + launcher.gatewayUrl() + "/swagger-ui  (the whole API; OpenAPI document at /openapi)");
        System.out.println("  Health, metrics  " + launcher.managementUrl("gateway") + "/q/health, /q/metrics  (management interface; "
                + "services: ports 9081-9084)");
        System.out.println("  Keycloak admin   " + launcher.keycloak().url() + "/admin  user admin, password "
                + launcher.secret("PARTNERHUB_KEYCLOAK_ADMIN_PASSWORD"));
        System.out.println("  Secrets          .partnerhub/secrets.env (made on first start, never committed)");
        System.out.println();
        System.out.println("Demo users (password " + demoPassword + "):");
        for (String[] user : DemoData.USERS) {
            System.out.printf("  %-24s %-26s partner %s%n", user[0], user[1], user[2]);
        }
        System.out.println();
        System.out.println("Get a token and call the API:");
        System.out.println("  TOKEN=$(curl -s " + token + " -d grant_type=password -d client_id=partner-hub-api \\");
        System.out.println("          -d username=alice@acme.example -d password=" + demoPassword + " | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        System.out.println("  curl -H \"Authorization: Bearer $TOKEN\" " + gateway + "/api/v1/customers/{id}");
        System.out.println("Machine clients (client-credentials grant): order-integrator-acme, usage-ingest-acme, ... secrets in .partnerhub/secrets.env");
        System.out.println();
        System.out.println("Ctrl-C (or ./partnerhub down) stops everything.");
    }
}
