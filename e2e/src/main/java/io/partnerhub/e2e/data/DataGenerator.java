package io.partnerhub.e2e.data;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Realistic partners, deterministic by seed: the same seed, partner, size and day always give the same customers,
 * orders, trials, weekly license snapshots and call records, whatever the scale (a demo's handful of customers up
 * to 100,000 customers and 10,000,000 call records).
 * <p>
 * Everything is derived from (seed, partner, what, index): a customer, its subscription and its snapshots come from
 * the customer's own random stream, and call records are made in batches from the batch's own stream, so nothing is
 * held in memory but the customers' calling table (a few ints per customer) and one batch at a time.
 * <p>
 * Each customer has a profile ({@link Kind}); the first eight customers of every partner take the eight profiles in
 * order, so even a demo of six customers fills every analytics and calling read of both products: a steady customer
 * with call queues, one in license overage, one whose term ends soon without renewal, one renewing soon with very few
 * licenses assigned, a trial, a new order CCW placed for a customer Partner Hub did not know yet, a suspended and a
 * cancelled subscription. Later customers draw their profile at random (mostly steady).
 */
public final class DataGenerator {

    public static final List<String> PRODUCTS = List.of("MEETINGS", "CALLING");

    /** What a customer's subscription looks like, relative to the day of the data. */
    public enum Kind {
        /** provisioned, term ends in 105–305 days, mostly auto-renewing, 55–95 % assigned; has call queues. */
        STEADY,
        /** provisioned, auto-renewing, 105–130 % of the licenses assigned. */
        OVERAGE,
        /** provisioned, not auto-renewing, term ends in 10–80 days. */
        EXPIRING,
        /** provisioned, auto-renewing, term ends in 20–85 days, 3–15 % assigned (low allocation). */
        RENEWING_LOW,
        /** a 30-, 60- or 90-day trial of both products started 0–10 days ago. */
        TRIAL,
        /** a CCW order for a customer only CCW knew (the order creates it), started 5–60 days ago, not provisioned. */
        NEW_FROM_CCW,
        /** provisioned, then suspended. */
        SUSPENDED,
        /** provisioned, then cancelled. */
        CANCELLED
    }

    private static final int[] KIND_WEIGHTS = {55, 6, 8, 8, 5, 10, 4, 4};

    /** A partner of the data: its id (the tokens' partner_org_id), a short code for ids, its display name, its size. */
    public record Partner(String id, String code, String name, Size size) {
    }

    /**
     * How much: customers; call records in all; the most users with call records per customer; weekly snapshots per
     * line (the newest on the day of the data).
     */
    public record Size(int customers, long callRecords, int maxUsersPerCustomer, int snapshotWeeks) {
    }

    public record Customer(int index, String externalId, String name, String managedBy, List<String> tags, Kind kind) {
        /** Whether the order creates the customer (CCW knew it before Partner Hub did). */
        public boolean createdByOrder() {
            return kind == Kind.NEW_FROM_CCW;
        }
    }

    public record Line(String product, String sku, int purchased) {
    }

    /**
     * A customer's subscription (or trial): for an order its CCW order id, start, 12-month term and auto-renewal; the
     * state it is brought to (ORDER_READY, ACTIVE, SUSPENDED or CANCELLED; a trial is ACTIVE); its lines.
     */
    public record Subscription(int customer, String subscriptionId, String ccwOrderId, boolean trial, LocalDate start,
                               int termMonths, int trialDays, boolean autoRenew, String state, List<Line> lines) {
        public LocalDate end() {
            return trial ? start.plusDays(trialDays) : start.plusMonths(termMonths);
        }

        public int purchased(String product) {
            return lines.stream().filter(l -> l.product().equals(product)).mapToInt(Line::purchased).sum();
        }
    }

    public record Snapshot(String subscriptionId, String product, LocalDate date, int assigned, int used) {
    }

    /** A call queue leg: the queue, ANSWERED, TRANSFERRED, ABANDONED or VOICEMAIL, and the wait. */
    public record Queue(String queueId, String outcome, int waitSeconds) {
    }

    /** One call detail record; the customer by index (its id is given by whoever created it). */
    public record CallRecord(String callId, int customer, String userId, Instant start, int durationSeconds, boolean outbound,
                             String endpointType, Double mos, Double packetLossPct, Double jitterMs, Double latencyMs,
                             List<String> features, Queue queue) {
        /** The product rule: packet loss over 5 %, jitter over 150 ms, latency over 400 ms or MOS under 3.5. */
        public boolean poor() {
            return (packetLossPct != null && packetLossPct > 5) || (jitterMs != null && jitterMs > 150)
                    || (latencyMs != null && latencyMs > 400) || (mos != null && mos < 3.5);
        }
    }

    private static final String[] PLACES = {"Hokkaido", "Kansai", "Tokyo", "Nagoya", "Fukuoka", "Osaka", "Sendai", "Kobe",
        "Yokohama", "Kyoto", "Hiroshima", "Sapporo", "Nara", "Okinawa", "Niigata", "Kanazawa", "Shizuoka", "Chiba",
        "Kumamoto", "Nagano", "Matsuyama", "Takamatsu", "Akita", "Gifu", "Toyama", "Kagoshima", "Oita", "Aomori",
        "Mito", "Utsunomiya", "Kochi", "Tottori"};
    private static final String[] TRADES = {"Logistics", "Medical Group", "Design Studio", "Precision Parts", "Retail",
        "Foods", "University", "Insurance", "Law Office", "Architects", "Pharmacy", "Motors", "Hotels", "Textiles",
        "Energy", "Software", "Bank", "Dental Clinic", "Steel Works", "Printing", "Shipping", "Construction",
        "Electronics", "Brewery", "Travel", "Consulting", "Chemicals", "Publishing", "Telecom", "Farms", "Robotics",
        "Accounting"};
    /** Tag name, colour, description: the partner's tags. */
    public static final List<String[]> TAGS = List.of(
            new String[] {"VIP", "#D4AF37", "Top accounts"},
            new String[] {"Renewal risk", "#C0392B", "Talk to them before the term ends"},
            new String[] {"Upsell", "#27AE60", "Room for more licenses"},
            new String[] {"Public sector", "#2980B9", "Tenders and framework contracts"});
    private static final String[] ENDPOINTS = {"WEBEX_APP_DESKTOP", "WEBEX_APP_MOBILE", "WEBEX_APP_WEB", "IP_PHONE",
        "ROOM_DEVICE", "THIRD_PARTY_DEVICE", "OTHER"};
    private static final int[] ENDPOINT_WEIGHTS = {35, 25, 10, 18, 6, 4, 2};
    /** Per endpoint type, the chance in % that a measured call is poor. */
    private static final int[] POOR_PCT = {4, 15, 8, 3, 4, 12, 6};
    private static final String[] OUTCOMES = {"ANSWERED", "TRANSFERRED", "ABANDONED", "VOICEMAIL"};
    private static final int[] OUTCOME_WEIGHTS = {72, 8, 14, 6};
    /** Completed weeks of call records before the current one. */
    public static final int CALL_WEEKS = 8;

    private final long seed;
    private final Partner partner;
    private final LocalDate today;
    private final String namespace;
    private final LocalDate firstCallWeek;
    /** Calling table: customer index of each calling customer, and the running sum of their users. */
    private int[] callingCustomers;
    private long[] usersUpTo;
    private boolean[] queues;

    /**
     * @param namespace prefixes every external identifier (external ids, subscription, order and call ids, tag names),
     *                  so that the same data can be loaded again next to itself ("" for none)
     */
    public DataGenerator(long seed, Partner partner, LocalDate today, String namespace) {
        this.seed = seed;
        this.partner = partner;
        this.today = today;
        this.namespace = namespace;
        this.firstCallWeek = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)).minusWeeks(CALL_WEEKS);
    }

    public Partner partner() {
        return partner;
    }

    public LocalDate today() {
        return today;
    }

    public String namespace() {
        return namespace;
    }

    /** The Sunday the first of the {@link #CALL_WEEKS} completed weeks of call records starts on. */
    public LocalDate firstCallWeek() {
        return firstCallWeek;
    }

    /** The tag names of the partner, namespaced. */
    public List<String> tagNames() {
        return TAGS.stream().map(t -> namespace + t[0]).toList();
    }

    private SplittableRandom random(String what, long index) {
        long h = seed * 0x9E3779B97F4A7C15L + partner.id().hashCode() * 1_000_003L + what.hashCode() * 31L;
        return new SplittableRandom(h ^ (index * 0xBF58476D1CE4E5B9L));
    }

    public Customer customer(int i) {
        SplittableRandom r = random("customer", i);
        Kind kind = i < Kind.values().length ? Kind.values()[i] : Kind.values()[weighted(r, KIND_WEIGHTS)];
        int place = r.nextInt(PLACES.length);
        int trade = r.nextInt(TRADES.length);
        String name = PLACES[place] + " " + TRADES[trade] + (i < PLACES.length ? "" : " " + (i + 1));
        String managedBy = r.nextInt(4) == 0 ? "EXTERNAL" : "PARTNER";
        List<String> tags = new ArrayList<>();
        if (kind == Kind.STEADY && i == 0 || r.nextInt(100) < 8) {
            tags.add(namespace + TAGS.get(0)[0]);
        }
        if (kind == Kind.EXPIRING || kind == Kind.RENEWING_LOW && r.nextBoolean()) {
            tags.add(namespace + TAGS.get(1)[0]);
        }
        if (kind == Kind.RENEWING_LOW || r.nextInt(100) < 5) {
            tags.add(namespace + TAGS.get(2)[0]);
        }
        if (r.nextInt(100) < 10) {
            tags.add(namespace + TAGS.get(3)[0]);
        }
        return new Customer(i, namespace + partner.code() + "-" + String.format("%06d", i + 1), name, managedBy, List.copyOf(tags), kind);
    }

    /** The customer's one subscription or trial. */
    public Subscription subscription(Customer customer) {
        SplittableRandom r = random("subscription", customer.index());
        int i = customer.index();
        String id = namespace + "SUB-" + partner.code() + "-" + String.format("%06d", i + 1);
        String order = namespace + "CCW-" + partner.code() + "-" + String.format("%06d", i + 1);
        // the first customers hold both products; later ones 70 % both, 15 % Meetings only, 15 % Calling only
        int products = i < Kind.values().length ? 2 : r.nextInt(100) < 70 ? 2 : r.nextBoolean() ? 0 : 1;
        int meetings = 10 + (int) Math.exp(r.nextDouble() * 4.5);
        int calling = 8 + (int) Math.exp(r.nextDouble() * 4);
        List<Line> lines = new ArrayList<>();
        if (products != 1) {
            lines.add(new Line("MEETINGS", "A-MTG-ENT", meetings));
        }
        if (products != 0) {
            lines.add(new Line("CALLING", "A-CALL-PRO", calling));
        }
        LocalDate yearAgo = today.minusMonths(12);
        switch (customer.kind()) {
            case OVERAGE:
                return new Subscription(i, id, order, false, today.minusDays(45 + r.nextInt(200)), 12, 0, true, "ACTIVE", lines);
            case EXPIRING:
                return new Subscription(i, id, order, false, yearAgo.plusDays(10 + r.nextInt(71)), 12, 0, false, "ACTIVE", lines);
            case RENEWING_LOW:
                return new Subscription(i, id, order, false, yearAgo.plusDays(20 + r.nextInt(66)), 12, 0, true, "ACTIVE", lines);
            case TRIAL: {
                int licenses = 10 + r.nextInt(41);
                List<Line> trialLines = List.of(new Line("MEETINGS", "TRIAL", licenses), new Line("CALLING", "TRIAL", licenses));
                return new Subscription(i, null, null, true, today.minusDays(r.nextInt(11)), 0, 30 * (1 + r.nextInt(3)), false,
                        "ACTIVE", trialLines);
            }
            case NEW_FROM_CCW:
                return new Subscription(i, id, order, false, today.minusDays(5 + r.nextInt(56)), 12, 0, true, "ORDER_READY", lines);
            case SUSPENDED:
            case CANCELLED:
            case STEADY:
            default:
                String state = customer.kind() == Kind.STEADY ? "ACTIVE" : customer.kind().name();
                return new Subscription(i, id, order, false, today.minusDays(60 + r.nextInt(201)), 12, 0,
                        i == 0 || r.nextInt(100) < 80, state, lines);
        }
    }

    /** The share of the product's purchased licenses assigned on the day of the data. */
    private double assignedShare(Customer customer, String product) {
        SplittableRandom r = random("share-" + product, customer.index());
        switch (customer.kind()) {
            case OVERAGE:
                return 1.05 + r.nextDouble() * 0.25;
            case RENEWING_LOW:
                return 0.03 + r.nextDouble() * 0.12;
            case NEW_FROM_CCW:
                return 0.2 + r.nextDouble() * 0.3;
            case TRIAL:
                return 0.2 + r.nextDouble() * 0.4;
            default:
                return 0.55 + r.nextDouble() * 0.4;
        }
    }

    /**
     * The line's weekly snapshots, oldest first: on the day of the data and every 7 days before it, inside the
     * subscription's [start, end); assigned grows about 2 % of purchased a week towards its share of today (so the
     * weekly change is not zero), used is 50–90 % of assigned. Trials have none (their id is the server's).
     */
    public List<Snapshot> snapshots(Customer customer, Subscription subscription) {
        List<Snapshot> snapshots = new ArrayList<>();
        if (subscription.trial() || subscription.state().equals("CANCELLED")) {
            return snapshots;
        }
        SplittableRandom r = random("usage", customer.index());
        for (Line line : subscription.lines()) {
            double share = assignedShare(customer, line.product());
            double usedShare = 0.5 + r.nextDouble() * 0.4;
            for (int k = partner.size().snapshotWeeks() - 1; k >= 0; k--) {
                LocalDate date = today.minusWeeks(k);
                if (date.isBefore(subscription.start()) || !date.isBefore(subscription.end())) {
                    continue;
                }
                int assigned = (int) Math.max(0, Math.round(line.purchased() * (share - 0.02 * k)));
                if (customer.kind() == Kind.OVERAGE) {
                    assigned = Math.max(assigned, line.purchased() + 1);
                }
                int used = (int) Math.min(assigned, Math.round(assigned * usedShare) + r.nextInt(2));
                snapshots.add(new Snapshot(subscription.subscriptionId(), line.product(), date, assigned, used));
            }
        }
        return snapshots;
    }

    /** Users with call records: the licenses assigned today (at most the size's cap), at least 2; 0 without Calling. */
    public int callingUsers(Customer customer, Subscription subscription) {
        int purchased = subscription.purchased("CALLING");
        if (purchased == 0 || subscription.state().equals("CANCELLED")) {
            return 0;
        }
        double share = assignedShare(customer, "CALLING");
        return Math.max(2, Math.min(partner.size().maxUsersPerCustomer(), (int) Math.round(purchased * share)));
    }

    /** Whether the customer's inbound calls go through call queues (the first customer's always do). */
    public boolean hasQueues(Customer customer) {
        return customer.index() == 0 || random("queues", customer.index()).nextInt(100) < 45;
    }

    /** A customer id for sinks that write past the API (topics, files): the API gives its own. */
    public String customerUuid(int customer) {
        return uuid(0x0C, customer, 0);
    }

    /** The id of the customer's user; cheap (no digest), as every call record names one. */
    public String userId(int customer, int user) {
        return uuid(0x05, customer, user);
    }

    /** A version-4-shaped UUID mixed from the seed, the partner and (kind, a, b). */
    private String uuid(int kind, long a, long b) {
        long base = seed * 0x9E3779B97F4A7C15L ^ partner.id().hashCode() * 0xC2B2AE3D27D4EB4FL ^ kind;
        long high = mix(base ^ a * 0xBF58476D1CE4E5B9L);
        long low = mix(high ^ b * 0x94D049BB133111EBL ^ 0x5DEECE66DL);
        return new UUID(high & ~0xF000L | 0x4000L, low & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private synchronized void callingTable() {
        if (callingCustomers != null) {
            return;
        }
        int[] customers = new int[partner.size().customers()];
        boolean[] withQueues = new boolean[partner.size().customers()];
        long[] upTo = new long[partner.size().customers()];
        int n = 0;
        long users = 0;
        for (int i = 0; i < partner.size().customers(); i++) {
            Customer c = customer(i);
            int u = callingUsers(c, subscription(c));
            if (u > 0) {
                withQueues[n] = hasQueues(c);
                users += u;
                customers[n] = i;
                upTo[n] = users;
                n++;
            }
        }
        callingCustomers = Arrays.copyOf(customers, n);
        usersUpTo = Arrays.copyOf(upTo, n);
        queues = Arrays.copyOf(withQueues, n);
    }

    /**
     * Every call record, in batches of {@code batchSize} given to {@code sink} one after the other (only one batch is
     * held at a time). Batch b is the same whatever else is generated: {@link #callBatch(long, int)}.
     */
    public void callRecords(int batchSize, Consumer<List<CallRecord>> sink) {
        long total = partner.size().callRecords();
        for (long b = 0; b * batchSize < total; b++) {
            sink.accept(callBatch(b, batchSize));
        }
    }

    /**
     * Batch {@code b} of the call records: records b×size up to the total. A record picks a user (customers weigh by
     * their users), one of the weeks the user is active in (HEAVY users every week, REGULAR 4–6 of the 8 completed
     * weeks, LIGHT 1–3; everyone may call in the current week up to yesterday), a time in that week, and its shape:
     * 65 % outbound, endpoint, quality (90 % measured, poor by endpoint type 3–15 %), features, and for inbound calls
     * of customers with queues a queue leg 40 % of the time (14 % abandoned).
     */
    public List<CallRecord> callBatch(long b, int batchSize) {
        callingTable();
        long total = partner.size().callRecords();
        long first = b * batchSize;
        int count = (int) Math.max(0, Math.min(batchSize, total - first));
        List<CallRecord> records = new ArrayList<>(count);
        if (usersUpTo.length == 0) {
            return records;
        }
        SplittableRandom r = random("calls", b);
        long allUsers = usersUpTo[usersUpTo.length - 1];
        long firstSecond = firstCallWeek.toEpochDay() * 86_400;
        long todaySecond = today.toEpochDay() * 86_400;
        int weeksWithCurrent = todaySecond - firstSecond > (long) CALL_WEEKS * 7 * 86_400 ? CALL_WEEKS + 1 : CALL_WEEKS;
        for (int k = 0; k < count; k++) {
            long pick = r.nextLong(allUsers);
            int slot = Arrays.binarySearch(usersUpTo, pick + 1);
            slot = slot >= 0 ? slot : -slot - 1;
            int customer = callingCustomers[slot];
            int user = (int) (pick - (slot == 0 ? 0 : usersUpTo[slot - 1]));
            int week = activeWeek(customer, user, r, weeksWithCurrent);
            long weekStart = firstSecond + week * 7L * 86_400;
            long weekEnd = Math.min(weekStart + 7L * 86_400, todaySecond);
            long second = weekStart + r.nextLong(weekEnd - weekStart);
            boolean outbound = r.nextInt(100) < 65;
            int endpoint = weighted(r, ENDPOINT_WEIGHTS);
            int duration = (int) Math.min(3 * 3600, 20 + Math.exp(r.nextDouble() * 7.5));
            Double mos = null;
            Double loss = null;
            Double jitter = null;
            Double latency = null;
            if (r.nextInt(100) < 90) {
                mos = tenth(3.8 + r.nextDouble() * 0.7);
                loss = tenth(r.nextDouble() * 2);
                jitter = tenth(2 + r.nextDouble() * 38);
                latency = tenth(20 + r.nextDouble() * 130);
                if (r.nextInt(100) < POOR_PCT[endpoint]) {
                    switch (r.nextInt(4)) {
                        case 0: mos = tenth(2.1 + r.nextDouble() * 1.3); break;
                        case 1: loss = tenth(6 + r.nextDouble() * 9); break;
                        case 2: jitter = tenth(160 + r.nextDouble() * 140); break;
                        default: latency = tenth(410 + r.nextDouble() * 390); break;
                    }
                }
            }
            List<String> features = new ArrayList<>(2);
            Queue queue = null;
            if (!outbound && queues[slot] && r.nextInt(100) < 40) {
                int outcome = weighted(r, OUTCOME_WEIGHTS);
                int wait = outcome < 2 ? 3 + r.nextInt(88) : 15 + r.nextInt(226);
                queue = new Queue(namespace + "Q-" + partner.code() + "-" + (customer + 1) + "-" + (1 + r.nextInt(3)),
                        OUTCOMES[outcome], wait);
                features.add("CALL_QUEUE");
                if (r.nextInt(100) < 30) {
                    features.add("AUTO_ATTENDANT");
                }
                if (outcome == 1) {
                    features.add("TRANSFER");
                } else if (outcome == 3) {
                    features.add("VOICEMAIL");
                }
            } else {
                int roll = r.nextInt(100);
                if (roll < 10) {
                    features.add("TRANSFER");
                } else if (roll < 15) {
                    features.add(outbound ? "CONFERENCE" : "VOICEMAIL");
                } else if (roll < 18) {
                    features.add("RECORDING");
                } else if (roll < 20) {
                    features.add(outbound ? "CALL_PARK" : "CALL_PICKUP");
                } else if (roll < 23 && !outbound) {
                    features.add("HUNT_GROUP");
                }
            }
            records.add(new CallRecord(namespace + partner.code() + "-" + (first + k), customer, userId(customer, user),
                    Instant.ofEpochSecond(second), duration, outbound, ENDPOINTS[endpoint], mos, loss, jitter, latency,
                    List.copyOf(features), queue));
        }
        return records;
    }

    /** The week (0 = first completed) a call of this user falls in, by the user's activity class. */
    private int activeWeek(int customer, int user, SplittableRandom r, int weeks) {
        SplittableRandom u = random("user", customer * 1_000_003L + user);
        int roll = u.nextInt(100);
        int activeWeeks = roll < 55 ? CALL_WEEKS : roll < 85 ? 4 + u.nextInt(3) : 1 + u.nextInt(3);
        if (activeWeeks == CALL_WEEKS) {
            return r.nextInt(weeks);
        }
        // the user's weeks: activeWeeks consecutive completed weeks from a start of its own, or the current week
        int from = u.nextInt(CALL_WEEKS - activeWeeks + 1);
        int pick = r.nextInt(activeWeeks + (weeks > CALL_WEEKS ? 1 : 0));
        return pick == activeWeeks ? CALL_WEEKS : from + pick;
    }

    private static double tenth(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static int weighted(SplittableRandom r, int[] weights) {
        int sum = 0;
        for (int w : weights) {
            sum += w;
        }
        int roll = r.nextInt(sum);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Start of the day of the data, UTC. */
    public Instant startOfToday() {
        return today.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
