package io.partnerhub.platform.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker (KRaft, one combined broker + controller node) in this JVM, on loopback.
 * It can be stopped and started again on the same ports and data: fault tests use that.
 */
public final class Kafka implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;
    /** The broker's own JVM, when started by {@link #startProcess}: it can be killed with SIGKILL. */
    private Process process;
    private Path processLog;

    private Kafka(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Starts a broker with its logs in {@code dir} (kept between starts); port 0 = any free port. */
    public static Kafka start(Path dir, int port, int controllerPort) throws IOException {
        Kafka kafka = new Kafka(dir, port > 0 ? port : Ports.free(), controllerPort > 0 ? controllerPort : Ports.free());
        kafka.startServer();
        return kafka;
    }

    /**
     * Starts a broker in a JVM of its own (this one's class path), logging to {@code log}, so that a fault test can kill
     * it with SIGKILL ({@link #kill()}) and start it again on the same ports and data ({@link #startServer()}).
     */
    public static Kafka startProcess(Path dir, int port, int controllerPort, Path log) throws IOException {
        Kafka kafka = new Kafka(dir, port > 0 ? port : Ports.free(), controllerPort > 0 ? controllerPort : Ports.free());
        kafka.processLog = log;
        kafka.startServer();
        return kafka;
    }

    /** The broker's JVM (see {@link #startProcess}): {@code Kafka <dir> <port> <controllerPort>}. */
    public static void main(String[] args) throws Exception {
        Kafka kafka = start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stopServer, "kafka-stop"));
        System.out.println("kafka ready on " + kafka.bootstrapServers());
        Thread.currentThread().join();
    }

    /**
     * SIGKILL to the broker's JVM (started by {@link #startProcess}): no controlled shutdown, nothing flushed, as a
     * crashed machine. {@link #startServer()} starts it again on the same ports and data.
     */
    public synchronized void kill() {
        if (process == null) {
            throw new IllegalStateException("only a broker in its own JVM can be killed (Kafka.startProcess)");
        }
        process.destroyForcibly();
        try {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the Kafka broker did not exit after SIGKILL", e);
        }
        process = null;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized void startServer() throws IOException {
        if (server != null || process != null) {
            return;
        }
        if (processLog != null) {
            startBrokerProcess();
            return;
        }
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        Properties props = new Properties();
        props.put("node.id", "1");
        props.put("process.roles", "broker,controller");
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("log.dirs", logs.toString());
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", "1000000");
        props.put("socket.listen.backlog.size", "200");
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "written by partner-hub devstack");
        }
        if (!Files.exists(logs.resolve("meta.properties"))) {
            // Format only once: formatting again would give the data a new cluster id and break it.
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int code = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (code != 0) {
                throw new IOException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
            }
        }
        KafkaRaftServer raft = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        raft.startup();
        server = raft;
        Ports.awaitListening(port, java.time.Duration.ofSeconds(60));
    }

    private void startBrokerProcess() throws IOException {
        Files.createDirectories(processLog.getParent());
        long logFrom = Files.exists(processLog) ? Files.size(processLog) : 0;
        String command = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(command, "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Kafka.class.getName(), dir.toString(), String.valueOf(port), String.valueOf(controllerPort))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(processLog.toFile()))
                .start();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
        while (!logSince(logFrom).contains("kafka ready on " + bootstrapServers())) {
            if (!process.isAlive()) {
                process = null;
                throw new IOException("the Kafka broker exited; see " + processLog);
            }
            if (System.nanoTime() > deadline) {
                Processes.stop(process, java.time.Duration.ofSeconds(10));
                process = null;
                throw new IOException("the Kafka broker did not start in 90 s; see " + processLog);
            }
            Processes.pause(java.time.Duration.ofMillis(100));
        }
    }

    private String logSince(long from) throws IOException {
        byte[] all = Files.readAllBytes(processLog);
        int start = (int) Math.min(from, all.length);
        return new String(all, start, all.length - start, StandardCharsets.UTF_8);
    }

    public synchronized void stopServer() {
        if (process != null) {
            Processes.stop(process, java.time.Duration.ofSeconds(30));
            process = null;
            return;
        }
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    @Override
    public void close() {
        stopServer();
    }
}
