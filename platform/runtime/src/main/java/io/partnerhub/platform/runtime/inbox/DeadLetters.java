package io.partnerhub.platform.runtime.inbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.util.List;

/**
 * Unreadable records of a batch consumer's poll, written to its dead-letter channel as the connector's dead-letter queue
 * writes them: same key and value, the reason and the origin in headers, so a bad record never blocks the partition.
 */
public final class DeadLetters {

    private final MutinyEmitter<String> emitter;

    public DeadLetters(MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> send(KafkaRecord<String, String> record, String reason) {
        return emitter.sendMessage(KafkaRecord.of(record.getKey(), record.getPayload())
                .withHeader("dead-letter-reason", reason)
                .withHeader("dead-letter-topic", record.getTopic())
                .withHeader("dead-letter-partition", String.valueOf(record.getPartition()))
                .withHeader("dead-letter-offset", record.getMetadata(IncomingKafkaRecordMetadata.class)
                        .map(metadata -> String.valueOf(metadata.getOffset())).orElse("")));
    }

    /** Waits for every send of the poll. */
    public Uni<Void> all(List<Uni<Void>> sends) {
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }
}
