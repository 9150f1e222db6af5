package io.partnerhub.analytics.event;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.util.List;

/** Unreadable records of a poll, written as the connector's dead-letter queue writes them: same key and value, reason in headers. */
final class DeadLetters {

    private final MutinyEmitter<String> emitter;

    DeadLetters(MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    Uni<Void> send(KafkaRecord<String, String> record, String reason) {
        return emitter.sendMessage(KafkaRecord.of(record.getKey(), record.getPayload())
                .withHeader("dead-letter-reason", reason)
                .withHeader("dead-letter-topic", record.getTopic())
                .withHeader("dead-letter-partition", String.valueOf(record.getPartition()))
                .withHeader("dead-letter-offset", record.getMetadata(IncomingKafkaRecordMetadata.class)
                        .map(metadata -> String.valueOf(metadata.getOffset())).orElse("")));
    }

    Uni<Void> all(List<Uni<Void>> sends) {
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }
}
