package io.partnerhub.e2e.data;

import io.partnerhub.platform.devstack.DevstackMain;

/**
 * {@code ./partnerhub up}: the devstack's local run with the generator's demo data ({@link Demo}), loaded through the
 * public API on the first start. It lives here because the generator does (e2e depends on the devstack, not the
 * other way round).
 */
public final class LocalRun {

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        DevstackMain.run(args, system -> {
            for (Demo.Loaded partner : Demo.load(system, "")) {
                System.out.printf("  demo data %s: %d customers, %d orders, %d license snapshots, %d call records%n",
                        partner.data().partner().name(), partner.loaded().customerIds().size(), partner.loaded().orders(),
                        partner.loaded().snapshots(), partner.loaded().callRecords());
            }
        });
    }
}
