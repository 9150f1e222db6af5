package io.partnerhub.e2e.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes one generated partner at any scale as newline-delimited JSON, in the API's request shapes, streaming (one
 * batch of call records in memory at a time): {@code customers.ndjson} (with a generated {@code id} and the profile),
 * {@code orders.ndjson} (orders, and trials with their customer id), {@code license-usage.ndjson},
 * {@code call-records.ndjson}. The same options always write the same files.
 * <pre>
 * java -cp "e2e/target/classes:platform/devstack/target/classes:$(cat e2e/target/launcher.classpath)" \
 *   io.partnerhub.e2e.data.Generate --seed 42 --customers 100000 --calls 10000000 --out /tmp/partner-data
 * </pre>
 * Options: {@code --seed} (42), {@code --customers} (1000), {@code --calls} (100000), {@code --users} most users with
 * call records per customer (50), {@code --weeks} weekly snapshots per line (12), {@code --day} the day of the data
 * (today, UTC), {@code --partner} id (a UUID from the seed), {@code --code} (P), {@code --out} (target/generated-data).
 */
public final class Generate {

    private Generate() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        DataGenerator.Size size = new DataGenerator.Size(Integer.parseInt(options.getOrDefault("customers", "1000")),
                Long.parseLong(options.getOrDefault("calls", "100000")), Integer.parseInt(options.getOrDefault("users", "50")),
                Integer.parseInt(options.getOrDefault("weeks", "12")));
        String partnerId = options.getOrDefault("partner", UUID.nameUUIDFromBytes(("partner/" + seed).getBytes()).toString());
        String code = options.getOrDefault("code", "P");
        LocalDate day = options.containsKey("day") ? LocalDate.parse(options.get("day")) : LocalDate.now(ZoneOffset.UTC);
        Path out = Path.of(options.getOrDefault("out", "target/generated-data"));
        Files.createDirectories(out);
        long started = System.nanoTime();
        long[] counts = write(new DataGenerator(seed, new DataGenerator.Partner(partnerId, code, "Partner " + code, size), day, ""), out);
        System.out.printf("%s: %d customers, %d orders, %d trials, %d license snapshots, %d call records in %.1f s%n", out,
                counts[0], counts[1], counts[2], counts[3], counts[4], (System.nanoTime() - started) / 1e9);
    }

    /** Writes the four files; returns customers, orders, trials, snapshots, call records. */
    public static long[] write(DataGenerator data, Path out) throws IOException {
        long[] counts = new long[5];
        try (BufferedWriter customers = Files.newBufferedWriter(out.resolve("customers.ndjson"));
             BufferedWriter orders = Files.newBufferedWriter(out.resolve("orders.ndjson"));
             BufferedWriter usage = Files.newBufferedWriter(out.resolve("license-usage.ndjson"))) {
            for (int i = 0; i < data.partner().size().customers(); i++) {
                DataGenerator.Customer c = data.customer(i);
                DataGenerator.Subscription s = data.subscription(c);
                ObjectNode customer = ApiLoader.customerJson(c).put("id", data.customerUuid(i)).put("kind", c.kind().name());
                ArrayNode tags = customer.putArray("tags");
                c.tags().forEach(tags::add);
                line(customers, customer);
                counts[0]++;
                if (s.trial()) {
                    line(orders, ApiLoader.trialJson(s).put("trialFor", data.customerUuid(i)));
                    counts[2]++;
                } else {
                    line(orders, ApiLoader.orderJson(c, s, data.customerUuid(i)).put("state", s.state()));
                    counts[1]++;
                }
                for (DataGenerator.Snapshot snapshot : data.snapshots(c, s)) {
                    line(usage, ApiLoader.snapshotJson(snapshot));
                    counts[3]++;
                }
            }
        }
        try (BufferedWriter calls = Files.newBufferedWriter(out.resolve("call-records.ndjson"))) {
            data.callRecords(10_000, batch -> {
                for (DataGenerator.CallRecord r : batch) {
                    line(calls, ApiLoader.recordJson(r, data.customerUuid(r.customer())));
                    counts[4]++;
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return counts;
    }

    private static void line(BufferedWriter out, ObjectNode json) {
        try {
            out.write(Json.write(json));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
