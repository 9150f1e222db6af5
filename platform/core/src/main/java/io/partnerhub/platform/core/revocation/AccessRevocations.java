package io.partnerhub.platform.core.revocation;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Which tokens were issued before their admin's access changed, learnt from the admin events
 * ({@link AdminAccessEvents}) on the customers topic, by every instance for itself.
 * <p>
 * Each instance has its own consumer without a consumer group: it assigns itself every partition of the topic, starts
 * at the first record of the last {@code window} ({@code offsetsForTimes}), never commits, and polls every ~100 ms on
 * a daemon thread, so a change applies well under a second after it reaches the topic. It is
 * {@linkplain #caughtUp() caught up} once it has read up to the end offsets that existed when it started (readiness
 * waits for that). Partitions are looked up again now and then (the topic may appear, or grow, later); when the
 * broker cannot be reached the consumer is made anew after a pause.
 */
public final class AccessRevocations implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AccessRevocations.class.getName());
    static final Duration POLL = Duration.ofMillis(100);
    private static final Duration BROKER_CALL = Duration.ofSeconds(5);
    private static final Duration PRUNE_EVERY = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final String topic;
    private final Properties consumerConfig;
    private final RevocationLedger ledger;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;

    private AccessRevocations(Map<String, ?> kafkaSettings, String topic, Duration window, String clientId, Clock clock) {
        this.topic = topic;
        this.clock = clock;
        this.ledger = new RevocationLedger(window, clock);
        this.consumerConfig = consumerConfig(kafkaSettings, clientId);
        this.thread = new Thread(this::run, "access-revocations");
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading {@code topic}.
     *
     * @param kafkaSettings the application's Kafka client settings: {@code bootstrap.servers} and whatever connection
     *                      security it uses ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}); see
     *                      {@link KafkaClientSettings}
     * @param window        how far back changes matter (at least the access-token lifespan plus clock skew)
     * @param clientId      the Kafka {@code client.id} (names the application in the broker's logs)
     */
    public static AccessRevocations start(Map<String, ?> kafkaSettings, String topic, Duration window, String clientId,
                                          Clock clock) {
        AccessRevocations revocations = new AccessRevocations(kafkaSettings, topic, window, clientId, clock);
        revocations.thread.start();
        return revocations;
    }

    /** Whether a token of {@code subject} with this {@code iat} (epoch seconds) was issued before its access changed. */
    public boolean revoked(String subject, long issuedAtEpochSecond) {
        return ledger.revoked(subject, issuedAtEpochSecond);
    }

    /**
     * Whether a token of {@code subject} whose {@code iat} claim is {@code issuedAtClaim} (a number, or a JSON number
     * as a JWT library hands it over) was issued before its access changed; a token without a readable {@code iat}
     * counts as issued before any change.
     */
    public boolean revokedByClaim(String subject, Object issuedAtClaim) {
        return revoked(subject, epochSeconds(issuedAtClaim));
    }

    static long epochSeconds(Object claim) {
        if (claim instanceof Number number) {
            return number.longValue();
        }
        if (claim != null) {
            try {
                return new java.math.BigDecimal(claim.toString().trim()).longValue();
            } catch (NumberFormatException unreadable) {
                return Long.MIN_VALUE;
            }
        }
        return Long.MIN_VALUE;
    }

    /** Whether every change of the window that was on the topic when this instance started has been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public RevocationLedger ledger() {
        return ledger;
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        stopped.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> created = new KafkaConsumer<>(consumerConfig)) {
                consumer = created;
                if (!running) {
                    return;
                }
                follow(created);
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                // whatever went wrong, the thread lives on: a dead reader would let revoked tokens pass unnoticed
                if (running) {
                    LOG.log(Level.WARNING, "Access revocations: cannot read " + topic + " (" + rootMessage(e) + "); retrying");
                    pause(RETRY);
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void follow(KafkaConsumer<byte[], byte[]> consumer) {
        Map<TopicPartition, Long> startEnds = new HashMap<>();
        boolean first = true;
        Instant nextLookup = Instant.EPOCH;
        Instant nextPrune = clock.instant().plus(PRUNE_EVERY);
        while (running) {
            Instant now = clock.instant();
            if (!now.isBefore(nextLookup)) {
                Map<TopicPartition, Long> added = assignNew(consumer);
                if (first) {
                    startEnds.putAll(added);
                    first = false;
                }
                // a topic that does not exist yet is looked for often: its first events are admin changes to apply
                nextLookup = now.plus(consumer.assignment().isEmpty() ? Duration.ofMillis(200) : Duration.ofSeconds(30));
            }
            if (!consumer.assignment().isEmpty()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    AdminAccessEvents.read(record.value()).ifPresent(change -> ledger.record(change.subject(), change.accessRevokedAt()));
                }
            } else if (pause(POLL)) {
                return;
            }
            if (!caughtUp && reached(consumer, startEnds)) {
                caughtUp = true;
                LOG.log(Level.INFO, "Access revocations: caught up with " + topic + " (" + ledger.size() + " recent changes)");
            }
            if (!clock.instant().isBefore(nextPrune)) {
                ledger.prune();
                nextPrune = clock.instant().plus(PRUNE_EVERY);
            }
        }
    }

    /**
     * Assigns the topic's partitions not yet assigned, each positioned at its first record of the window; answers their
     * end offsets as they are now.
     */
    private Map<TopicPartition, Long> assignNew(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, BROKER_CALL);
        Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
        List<TopicPartition> added = new ArrayList<>();
        if (infos != null) {
            for (PartitionInfo info : infos) {
                TopicPartition partition = new TopicPartition(info.topic(), info.partition());
                if (assigned.add(partition)) {
                    added.add(partition);
                }
            }
        }
        if (added.isEmpty()) {
            return Map.of();
        }
        consumer.assign(new ArrayList<>(assigned));
        Map<TopicPartition, Long> ends = consumer.endOffsets(added, BROKER_CALL);
        long from = clock.instant().minus(ledger.window()).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        added.forEach(partition -> query.put(partition, from));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, BROKER_CALL);
        for (TopicPartition partition : added) {
            OffsetAndTimestamp start = starts.get(partition);
            // no record of the window in this partition: start at its end
            consumer.seek(partition, start != null ? start.offset() : ends.getOrDefault(partition, 0L));
        }
        return ends;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), BROKER_CALL) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Properties consumerConfig(Map<String, ?> kafkaSettings, String clientId) {
        Properties props = new Properties();
        props.putAll(kafkaSettings);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** Waits, or returns true at once when closing. */
    private boolean pause(Duration duration) {
        try {
            return stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
