package io.partnerhub.callingmetrics.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.callingmetrics.CallRecord;
import io.partnerhub.callingmetrics.config.CallingConfig;
import io.partnerhub.callingmetrics.mapping.CallRecordReader;
import io.partnerhub.callingmetrics.repository.Partners;
import io.partnerhub.callingmetrics.repository.WeekPartitions;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Ingests a batch of call records of one partner: per-item validation, idempotent on callId, aggregates current. */
@ApplicationScoped
public class CallRecordIngest {

    private final CallRecordStore store;
    private final WeekPartitions partitions;
    private final Partners partners;
    private final Clock clock;
    private final int maxRecords;
    private final ObjectMapper json;

    public CallRecordIngest(CallRecordStore store, WeekPartitions partitions, Partners partners, Clock clock,
                            CallingConfig config, ObjectMapper json) {
        this.store = store;
        this.partitions = partitions;
        this.partners = partners;
        this.clock = clock;
        this.maxRecords = config.maxRecordsPerRequest();
        this.json = json;
    }

    /**
     * A request body: a JSON array of call records, read as a stream (never held as a tree). Items are validated one
     * by one; the valid ones are stored, the others listed with their index and errors.
     *
     * @throws IOException if the body is not well-formed JSON (nothing is stored)
     */
    public Uni<IngestResult> ingest(String partnerOrgId, byte[] body) throws IOException {
        Instant now = clock.instant();
        List<CallRecord> records = new ArrayList<>();
        List<IngestResult.Rejected> rejected = new ArrayList<>();
        try (JsonParser parser = json.createParser(body == null ? new byte[0] : body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ProblemException.badRequest("", "must be an array of call records");
            }
            for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
                if (i == maxRecords) {
                    throw ProblemException.badRequest("", "must hold at most " + maxRecords + " call records");
                }
                CallRecordReader.Result result = CallRecordReader.read(parser, now);
                if (result.valid()) {
                    records.add(result.record());
                } else {
                    rejected.add(new IngestResult.Rejected(i, result.errors()));
                }
            }
            if (parser.nextToken() != null) {
                // the array is the whole body: what follows it (a second array, garbage) refuses the request, as
                // the services' ObjectMapper does (FAIL_ON_TRAILING_TOKENS)
                throw ProblemException.badRequest("", "must be one array of call records with nothing after it");
            }
        }
        if (records.isEmpty()) {
            return Uni.createFrom().item(new IngestResult(0, 0, rejected));
        }
        return ingestRecords(partnerOrgId, records)
                .map(inserted -> new IngestResult(inserted, records.size() - inserted, rejected));
    }

    /**
     * Valid records of one partner (a request, or a poll of the inbound topic), stored in batches of at most the
     * REST limit.
     *
     * @return how many records were new
     */
    public Uni<Integer> ingestRecords(String partnerOrgId, List<CallRecord> records) {
        return partitions.ensure(records.stream().map(CallRecord::weekStart).toList())
                .chain(() -> partners.ensure(partnerOrgId))
                .chain(partnerId -> Multi.createFrom().range(0, (records.size() + maxRecords - 1) / maxRecords)
                        .onItem().transformToUniAndConcatenate(chunk -> store.store(partnerId, partnerOrgId,
                                records.subList(chunk * maxRecords, Math.min(records.size(), (chunk + 1) * maxRecords))))
                        .collect().with(java.util.stream.Collectors.summingInt(inserted -> inserted)));
    }
}
