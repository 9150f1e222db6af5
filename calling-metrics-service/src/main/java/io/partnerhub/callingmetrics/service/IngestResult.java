package io.partnerhub.callingmetrics.service;

import io.partnerhub.platform.core.problem.Problem.FieldError;
import java.util.List;

/** Per-batch outcome: new records, replays of known call ids, and the items that were not valid. */
public record IngestResult(int accepted, int duplicates, List<Rejected> rejected) {

    public record Rejected(int index, List<FieldError> errors) {
    }
}
