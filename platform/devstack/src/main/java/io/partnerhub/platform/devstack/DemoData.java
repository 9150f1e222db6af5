package io.partnerhub.platform.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The local run's demo partners and users (the same as deploy/keycloak/partner-hub-realm.json), and the hook that
 * loads the demo data: e2e's {@code io.partnerhub.e2e.data.LocalRun} starts {@link DevstackMain} with a loader built
 * on the deterministic data generator, which goes through the public API with the demo users' and machine clients'
 * real tokens.
 */
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

    private DemoData() {
    }

    /**
     * Loads the demo data into a started system; the local run passes its loader to {@link DevstackMain#run} (the
     * generator lives in e2e, which depends on this module).
     */
    @FunctionalInterface
    public interface Loader {
        void load(SystemLauncher system) throws Exception;
    }

    /** Loads the demo data once per state folder (a marker file remembers it); a failure is reported, not fatal. */
    public static void seed(SystemLauncher launcher, Path state, Loader loader) {
        Path marker = state.resolve("demo-data.loaded");
        if (Files.exists(marker)) {
            return;
        }
        try {
            loader.load(launcher);
            Files.writeString(marker, "loaded\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("Demo data not (fully) loaded: " + e.getMessage());
        }
    }
}
