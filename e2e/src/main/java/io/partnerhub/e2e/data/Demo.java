package io.partnerhub.e2e.data;

import io.partnerhub.platform.devstack.DemoData;
import io.partnerhub.platform.devstack.SystemLauncher;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The local run's demo data: the generator at demo size for the two demo partners, loaded through the public API with
 * the demo users' and machine clients' real tokens. Acme gets 8 customers (one of each {@link DataGenerator.Kind})
 * and 3,000 call records, Globex 6 customers (steady to new-from-CCW) and 2,000 call records, over the 8 completed
 * weeks and the current one; 12 weekly license snapshots per line. That fills every analytics read of both products
 * (KPIs, license trend, recently added, expiring, renewing, low allocation, overage) and every calling read (usage,
 * users, quality per customer, endpoint and week, features, queues) for both partners.
 */
public final class Demo {

    public static final long SEED = 17;

    public static final DataGenerator.Partner ACME = new DataGenerator.Partner(DemoData.ACME, "ACME", "Acme Communications",
            new DataGenerator.Size(8, 3_000, 8, 12));
    public static final DataGenerator.Partner GLOBEX = new DataGenerator.Partner(DemoData.GLOBEX, "GLOBEX", "Globex Networks",
            new DataGenerator.Size(6, 2_000, 8, 12));

    public static final ApiLoader.Callers ACME_CALLERS = new ApiLoader.Callers("alice@acme.example", "PARTNERHUB_DEMO_PASSWORD",
            "order-integrator-acme", "PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET", "usage-ingest-acme", "PARTNERHUB_ACME_USAGE_INGEST_SECRET");
    public static final ApiLoader.Callers GLOBEX_CALLERS = new ApiLoader.Callers("gina@globex.example", "PARTNERHUB_DEMO_PASSWORD",
            "order-integrator-globex", "PARTNERHUB_GLOBEX_ORDER_INTEGRATOR_SECRET", "usage-ingest-globex",
            "PARTNERHUB_GLOBEX_USAGE_INGEST_SECRET");

    /** A demo partner's generator and what was loaded for it. */
    public record Loaded(DataGenerator data, ApiLoader.Loaded loaded) {
    }

    private Demo() {
    }

    /** The demo partners' generators for the day, with {@code namespace} in front of every external id. */
    public static List<DataGenerator> generators(LocalDate today, String namespace) {
        return List.of(new DataGenerator(SEED, ACME, today, namespace), new DataGenerator(SEED, GLOBEX, today, namespace));
    }

    /**
     * Loads the demo data for today (UTC) into a running system; {@code namespace} ("" for the local run) lets a test
     * load it again next to what is there. Acme first, then Globex.
     */
    public static List<Loaded> load(SystemLauncher system, String namespace) throws IOException, InterruptedException {
        List<DataGenerator> generators = generators(LocalDate.now(ZoneOffset.UTC), namespace);
        ApiLoader loader = new ApiLoader(system);
        return List.of(new Loaded(generators.get(0), loader.load(generators.get(0), ACME_CALLERS)),
                new Loaded(generators.get(1), loader.load(generators.get(1), GLOBEX_CALLERS)));
    }
}
