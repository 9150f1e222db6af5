package io.partnerhub.subscriptions.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.partnerhub.platform.runtime.problem.Problem;
import io.partnerhub.subscriptions.service.OrderResult;
import java.util.List;

/**
 * Answer of {@code POST /orders/batch}: one item per order, in request order. {@code status} is what
 * {@code POST /orders} would have answered (201, 200, 400, 409).
 */
public record OrderBatchResponse(int accepted, int rejected, List<Item> items) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, int status, OrderResult result, String detail, List<Problem.FieldError> errors) {
    }
}
