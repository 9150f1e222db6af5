package io.partnerhub.platform.runtime.outbox;

import io.opentelemetry.api.OpenTelemetry;
import io.partnerhub.platform.core.revocation.KafkaClientSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Publishes committed outbox rows to Kafka, in order, and marks them sent only after the broker's ack
 * ({@code acks=all}, idempotent producer). Wakes on PostgreSQL {@code NOTIFY outbox_event} (sent by a trigger
 * when a transaction with new rows commits) and polls as a fallback. One relay per database is active at a
 * time (a session advisory lock), so replicas never publish the same row concurrently or out of order.
 * <p>
 * Runs on its own thread with its own JDBC connection: it blocks on the broker, never on an event loop.
 * <p>
 * Tracing: an event written under a span carries that span's context in its envelope ({@link Outbox}); the relay
 * continues it with a producer span per record ({@code <topic> publish}, ended at the broker's ack) and sends that
 * span's context as the record headers {@code traceparent}/{@code tracestate}, which the consumers' Kafka connector
 * extracts. Events without trace context are sent without these headers.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_ID = 0x0b0e7e1a7L;
    private static final int BATCH = 500;
    private static final long STOP_CHECK_MILLIS = 200;
    private static final TextMapSetter<Headers> HEADERS = (headers, key, value) ->
            headers.remove(key).add(key, value.getBytes(StandardCharsets.UTF_8));

    private final OutboxConfig config;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Map<String, String> kafkaSettings;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, String> producer;

    public OutboxRelay(OutboxConfig config,
                       @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                       @ConfigProperty(name = "quarkus.datasource.username") String user,
                       @ConfigProperty(name = "quarkus.datasource.password") java.util.Optional<String> password,
                       Config applicationConfig, OpenTelemetry openTelemetry) {
        this.config = config;
        this.tracer = openTelemetry.getTracer("io.partnerhub.platform.runtime.outbox");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password.orElse("");
        // the connection as every other Kafka client of the service has it: bootstrap servers and any security
        // (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*, KAFKA_SSL_*)
        this.kafkaSettings = kafkaSettings(applicationConfig);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.relay().enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    private void run() {
        producer = new KafkaProducer<>(producerConfig(kafkaSettings));
        while (running) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN outbox_event");
                }
                while (running && !tryLock(connection)) {
                    awaitNotification(connection, config.relay().standbyPollMillis());
                }
                while (running) {
                    int sent = relayBatch(connection);
                    if (sent < BATCH) {
                        awaitNotification(connection, config.relay().pollMillis());
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("Outbox relay lost its database connection (%s); retrying", e.getMessage());
                    pause(1000);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.error("Outbox relay failed; retrying", e);
                    pause(1000);
                }
            }
        }
    }

    /** Publishes up to one batch of pending rows; returns how many were acknowledged and marked sent. */
    int relayBatch(Connection connection) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, topic, message_key, payload::text, payload->>'traceparent', payload->>'tracestate'"
                        + " from outbox_event where sent_at is null order by seq limit " + BATCH);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                UUID id = (UUID) rows.getObject(1);
                ProducerRecord<String, String> record = new ProducerRecord<>(rows.getString(2), null, rows.getString(3), rows.getString(4));
                record.headers().add(new RecordHeader("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
                spans.add(publishSpan(record, id, new TraceContext(rows.getString(5), rows.getString(6))));
                ids.add(id);
                acks.add(producer.send(record));
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        List<UUID> acknowledged = new ArrayList<>();
        try {
            for (int i = 0; i < acks.size(); i++) {
                try {
                    acks.get(i).get(config.relay().ackTimeoutMillis(), TimeUnit.MILLISECONDS);
                    acknowledged.add(ids.get(i));
                    end(spans.get(i), null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Exception e) {
                    // Stop at the first failure: what follows is retried in order on the next round.
                    LOG.warnf("Kafka did not acknowledge outbox events (%s); will retry", rootMessage(e));
                    break;
                }
            }
        } finally {
            for (int i = acknowledged.size(); i < spans.size(); i++) {
                end(spans.get(i), "not acknowledged; retried later");
            }
        }
        if (!acknowledged.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement("update outbox_event set sent_at = now() where id = any(?)")) {
                Array array = connection.createArrayOf("uuid", acknowledged.toArray());
                update.setArray(1, array);
                update.executeUpdate();
            }
        }
        if (acknowledged.size() < ids.size()) {
            pause(config.relay().retryMillis());
        }
        return acknowledged.size();
    }

    /**
     * Continues the trace an event was written in: a producer span whose context goes with the record as the
     * {@code traceparent}/{@code tracestate} headers. Null (and no headers) for an event without trace context.
     */
    Span publishSpan(ProducerRecord<String, String> record, UUID eventId, TraceContext written) {
        if (!written.present()) {
            return null;
        }
        Span span = tracer.spanBuilder(record.topic() + " publish")
                .setParent(written.asParent())
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.operation.name", "publish")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.message.id", eventId.toString())
                .startSpan();
        propagator.inject(Context.root().with(span), record.headers(), HEADERS);
        return span;
    }

    private static void end(Span span, String failure) {
        if (span == null) {
            return;
        }
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, failure);
        }
        span.end();
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "outbox-relay");
        Connection connection = DriverManager.getConnection(jdbcUrl, props);
        connection.setAutoCommit(true);
        return connection;
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select pg_try_advisory_lock(" + LOCK_ID + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private void awaitNotification(Connection connection, int millis) throws SQLException {
        // Returns at once when a NOTIFY arrived, else after the poll interval; waits in short slices so that a stop
        // (shutdown) is noticed within one, not after a standby's whole poll interval.
        PGConnection notifications = connection.unwrap(PGConnection.class);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (running) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            org.postgresql.PGNotification[] arrived = notifications.getNotifications((int) Math.min(left, STOP_CHECK_MILLIS));
            if (arrived != null && arrived.length > 0) {
                return;
            }
        }
    }

    /** The application's Kafka connection settings ({@code kafka.*}, environment variables {@code KAFKA_*} included). */
    static Map<String, String> kafkaSettings(Config config) {
        return KafkaClientSettings.of(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
    }

    /** The relay's producer: the application's connection settings, then its own delivery settings. */
    static Properties producerConfig(Map<String, String> kafkaSettings) {
        Properties props = new Properties();
        props.putAll(kafkaSettings);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
