package io.partnerhub.callingmetrics.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.callingmetrics.CallRecord;
import io.partnerhub.callingmetrics.config.CallingConfig;
import io.partnerhub.callingmetrics.mapping.CallRecordReader;
import io.partnerhub.callingmetrics.repository.Partners;
import io.partnerhub.callingmetrics.repository.WeekPartitions;
import io.partnerhub.platform.core.problem.Problem;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Ingests a batch of call records of one partner: per-item validation, idempotent on callId, aggregates current. */
@ApplicationScoped
public class CallRecordIngest {

    private final CallRecordStore store;
    private final WeekPartitions partitions;
    private final Partners partners;
    private final CustomerOwners owners;
    private final Clock clock;
    private final int maxRecords;
    private final ObjectMapper json;

    public CallRecordIngest(CallRecordStore store, WeekPartitions partitions, Partners partners, CustomerOwners owners, Clock clock,
                            CallingConfig config, ObjectMapper json) {
        this.store = store;
        this.partitions = partitions;
        this.partners = partners;
        this.owners = owners;
        this.clock = clock;
        this.maxRecords = config.maxRecordsPerRequest();
        this.json = json;
    }

    /**
     * A request body: a JSON array of call records, read as a stream (never held as a tree). Items are validated one
     * by one; a valid one whose customerId is not a live customer of the partner (looked up once for the batch's
     * distinct ids, see {@link CustomerOwners}) is refused too; the rest are stored, the others listed with their
     * index and errors.
     *
     * @throws IOException if the body is not well-formed JSON (nothing is stored)
     */
    public Uni<IngestResult> ingest(String partnerOrgId, byte[] body) throws IOException {
        Instant now = clock.instant();
        List<CallRecord> records = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
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
                    indexes.add(i);
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
        Set<UUID> customers = new HashSet<>();
        records.forEach(r -> customers.add(r.customerId()));
        return owners.refused(partnerOrgId, customers).chain(refused -> {
            if (refused.isEmpty()) {
                return ingestRecords(partnerOrgId, records)
                        .map(inserted -> new IngestResult(inserted, records.size() - inserted, rejected));
            }
            List<CallRecord> owned = new ArrayList<>(records.size());
            List<IngestResult.Rejected> all = new ArrayList<>(rejected);
            for (int r = 0; r < records.size(); r++) {
                String reason = refused.get(records.get(r).customerId());
                if (reason == null) {
                    owned.add(records.get(r));
                } else {
                    all.add(new IngestResult.Rejected(indexes.get(r), List.of(new Problem.FieldError("customerId", reason))));
                }
            }
            all.sort(Comparator.comparingInt(IngestResult.Rejected::index));
            if (owned.isEmpty()) {
                return Uni.createFrom().item(new IngestResult(0, 0, all));
            }
            return ingestRecords(partnerOrgId, owned).map(inserted -> new IngestResult(inserted, owned.size() - inserted, all));
        });
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
