package io.partnerhub.e2e;

import io.partnerhub.platform.devstack.CustomerEventJson;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The events of {@link AnalyticsReadBenchmark}: one partner's customers ({@code partnerhub.customers.v1}) and their
 * subscriptions, trials and license usage ({@code partnerhub.subscriptions.v1}) as customers-service and
 * subscriptions-service publish them (structured CloudEvents, record key = customer id). The same seed, partner and
 * day always give the same events.
 * <p>
 * The mix: 1.5 subscriptions per customer, each with a MEETINGS and a CALLING line (2 lines per subscription); 3 %
 * trials (30, 60 or 90 days, started in the last 120 days); subscriptions of 12-month terms started over the past 2
 * years, 80 % auto-renewing (the term end moves on by 12 months at each renewal), the others EXPIRED once their term
 * ended; 1 % ORDER_READY (start from 10 days ago to 20 days ahead), 2 % CANCELLED, 3 % of the live ones SUSPENDED.
 * Each line's assigned is mostly 40–100 % of purchased, 5 % of lines are in overage (103–133 %), 10 % very low
 * (0–15 %), growing ~1 % a week with ±2 % noise; used ≤ assigned (30–100 % of it). Snapshots: the 12 Saturdays
 * ending with the latest one (today if Saturday), those inside the line's [start, end), all 24 of a subscription in
 * one {@code partnerhub.license.usage-recorded} event. 0.5 % of customers are deleted, 30 % assigned to a partner-admin.
 */
final class AnalyticsBenchData {

    static final String CUSTOMERS_TOPIC = "partnerhub.customers.v1";
    static final String SUBSCRIPTIONS_TOPIC = "partnerhub.subscriptions.v1";
    static final int WEEKS = 12;

    /** A partner of the run: its id (the token's {@code partner_org_id}), a short code for ids, its customer count. */
    record Partner(String id, String code, int customers) {
        int subscriptions() {
            return customers * 3 / 2;
        }
    }

    /** Where the events go. */
    interface Sink {
        void send(String topic, String key, String value);
    }

    /** What was written for a partner. */
    static final class Counts {
        long customerEvents;
        long subscriptionEvents;
        long trialEvents;
        long usageEvents;
        long lines;
        long snapshots;
        long bytes;

        long events() {
            return customerEvents + subscriptionEvents + trialEvents + usageEvents;
        }

        void add(Counts other) {
            customerEvents += other.customerEvents;
            subscriptionEvents += other.subscriptionEvents;
            trialEvents += other.trialEvents;
            usageEvents += other.usageEvents;
            lines += other.lines;
            snapshots += other.snapshots;
            bytes += other.bytes;
        }
    }

    private final long seed;
    private final LocalDate today;
    private final LocalDate latestSaturday;
    private final String time;

    AnalyticsBenchData(long seed, LocalDate today, Instant time) {
        this.seed = seed;
        this.today = today;
        this.latestSaturday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SATURDAY));
        this.time = time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    LocalDate latestSaturday() {
        return latestSaturday;
    }

    UUID customerId(Partner partner, int i) {
        return id(partner, "customer", i);
    }

    private UUID id(Partner partner, String kind, long i) {
        return UUID.nameUUIDFromBytes((seed + "/" + partner.id() + "/" + kind + "/" + i).getBytes(StandardCharsets.UTF_8));
    }

    /** Every event of the partner: its customers first, then each subscription followed by its usage. */
    Counts write(Partner partner, Sink sink) {
        Counts counts = new Counts();
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + partner.id().hashCode());
        String[] customerIds = new String[partner.customers()];
        for (int i = 0; i < partner.customers(); i++) {
            customerIds[i] = customerId(partner, i).toString();
            boolean deleted = random.nextInt(1000) < 5;
            List<String> admins = random.nextInt(10) < 3 ? List.of("adam") : List.of();
            String event = CustomerEventJson.of(id(partner, "customer-event", i).toString(), partner.id(), customerIds[i],
                    "Customer " + partner.code() + " " + i, "alice", admins, deleted, deleted ? 2 : 1);
            sink.send(CUSTOMERS_TOPIC, customerIds[i], event);
            counts.customerEvents++;
            counts.bytes += event.length();
        }
        StringBuilder json = new StringBuilder(4096);
        for (int i = 0; i < partner.subscriptions(); i++) {
            String customer = customerIds[i < partner.customers() ? i : random.nextInt(partner.customers())];
            String subscriptionId = partner.code() + "-S" + String.format("%07d", i);
            Sub sub = subscription(random);
            int meetings = sub.trial ? 5 + random.nextInt(21) : 5 + (int) Math.exp(random.nextDouble() * 6);
            int calling = sub.trial ? 5 + random.nextInt(21) : 2 + (int) Math.exp(random.nextDouble() * 5);

            json.setLength(0);
            envelope(json, partner, sub.trial ? "partnerhub.trial.started" : "partnerhub.subscription.created",
                    id(partner, "subscription-event", i), customer);
            json.append("{\"subscription\":{\"subscriptionId\":\"").append(subscriptionId).append("\",\"customerId\":\"")
                    .append(customer).append("\",\"type\":\"").append(sub.trial ? "TRIAL" : "SUBSCRIPTION")
                    .append("\",\"status\":\"").append(sub.status).append("\",\"startDate\":\"").append(sub.start)
                    .append("\",\"endDate\":\"").append(sub.end).append("\",\"autoRenew\":").append(sub.autoRenew)
                    .append(",\"termMonths\":").append(sub.trial ? "null" : "12")
                    .append(",\"lines\":[{\"product\":\"MEETINGS\",\"sku\":\"A-MTG\",\"purchased\":").append(meetings)
                    .append("},{\"product\":\"CALLING\",\"sku\":\"A-CALL\",\"purchased\":").append(calling)
                    .append("}],\"convertedTo\":null},\"version\":1").append(sub.trial ? ",\"startedBy\":\"alice\"" : "")
                    .append("}}");
            sink.send(SUBSCRIPTIONS_TOPIC, customer, json.toString());
            counts.bytes += json.length();
            if (sub.trial) {
                counts.trialEvents++;
            } else {
                counts.subscriptionEvents++;
            }
            counts.lines += 2;

            json.setLength(0);
            envelope(json, partner, "partnerhub.license.usage-recorded", id(partner, "usage-event", i), customer);
            json.append("{\"subscriptionId\":\"").append(subscriptionId).append("\",\"customerId\":\"").append(customer)
                    .append("\",\"snapshots\":[");
            int written = snapshots(json, random, "MEETINGS", meetings, sub, 0);
            written += snapshots(json, random, "CALLING", calling, sub, written);
            json.append("]}}");
            if (written > 0) {
                sink.send(SUBSCRIPTIONS_TOPIC, customer, json.toString());
                counts.usageEvents++;
                counts.snapshots += written;
                counts.bytes += json.length();
            }
        }
        return counts;
    }

    private record Sub(boolean trial, String status, LocalDate start, LocalDate end, boolean autoRenew) {
    }

    private Sub subscription(SplittableRandom random) {
        if (random.nextInt(100) < 3) {
            LocalDate start = today.minusDays(random.nextInt(120));
            int days = new int[] {30, 60, 90}[random.nextInt(3)];
            LocalDate end = start.plusDays(days);
            String status = end.isAfter(today) ? "ACTIVE" : random.nextBoolean() ? "EXPIRED" : "CONVERTED";
            return new Sub(true, status, start, end, false);
        }
        int roll = random.nextInt(1000);
        boolean autoRenew = random.nextInt(100) >= 20;
        if (roll < 10) {
            LocalDate start = today.plusDays(random.nextInt(-10, 21));
            return new Sub(false, "ORDER_READY", start, start.plusMonths(12), autoRenew);
        }
        LocalDate start = today.minusDays(random.nextInt(730));
        LocalDate end = autoRenew ? start.plusMonths(12 * (ChronoUnit.MONTHS.between(start, today) / 12 + 1)) : start.plusMonths(12);
        String status = end.isAfter(today) ? "ACTIVE" : "EXPIRED";
        if (roll < 30) {
            status = "CANCELLED";
        } else if (roll < 60 && status.equals("ACTIVE")) {
            status = "SUSPENDED";
        }
        return new Sub(false, status, start, end, autoRenew);
    }

    /** The line's weekly snapshots inside [start, end), appended after {@code before} others; returns how many. */
    private int snapshots(StringBuilder json, SplittableRandom random, String product, int purchased, Sub sub, int before) {
        int profile = random.nextInt(100);
        boolean over = profile < 5;
        boolean low = !over && profile < 15;
        double share = over ? 1.03 + random.nextDouble() * 0.3 : low ? random.nextDouble() * 0.15 : 0.4 + random.nextDouble() * 0.6;
        double usedShare = 0.3 + random.nextDouble() * 0.7;
        int written = 0;
        for (int k = WEEKS - 1; k >= 0; k--) {
            LocalDate day = latestSaturday.minusWeeks(k);
            double noise = (random.nextDouble() - 0.5) * 0.04;
            if (day.isBefore(sub.start) || !day.isBefore(sub.end)) {
                continue;
            }
            double ramp = 1 - 0.01 * k;
            int assigned = over ? purchased + Math.max(1, (int) Math.round(purchased * (share - 1) * ramp))
                    : (int) Math.max(0, Math.min(purchased, Math.round(purchased * (share * ramp + noise))));
            int used = (int) Math.max(0, Math.min(assigned, Math.round(assigned * (usedShare + noise))));
            json.append(before + written == 0 ? "" : ",").append("{\"product\":\"").append(product).append("\",\"date\":\"")
                    .append(day).append("\",\"assigned\":").append(assigned).append(",\"used\":").append(used).append('}');
            written++;
        }
        return written;
    }

    private void envelope(StringBuilder json, Partner partner, String type, UUID eventId, String customer) {
        json.append("{\"specversion\":\"1.0\",\"id\":\"").append(eventId).append("\",\"source\":\"/subscriptions-service\",\"type\":\"")
                .append(type).append("\",\"subject\":\"").append(customer).append("\",\"time\":\"").append(time)
                .append("\",\"datacontenttype\":\"application/json\",\"partnerorgid\":\"").append(partner.id()).append("\",\"data\":");
    }
}
