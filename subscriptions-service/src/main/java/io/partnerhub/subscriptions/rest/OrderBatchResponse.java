package io.partnerhub.subscriptions.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.partnerhub.platform.core.problem.Problem;
import io.partnerhub.subscriptions.service.OrderResult;
import java.util.List;

/**
 * Answer of {@code POST /orders/batch}: one item per order, in request order. {@code status} is what
 * {@code POST /orders} would have answered (201, 200, 400, 404, 409), {@code replayed: true} when it is a revision
 * received before with the same content (the first result, nothing changed), and for a rejected order every problem of
 * it in {@code errors}, with field paths within the item as {@code POST /orders} names them ({@code lines[0].quantity}).
 */
public record OrderBatchResponse(int accepted, int rejected, List<Item> items) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, int status, OrderResult result, String detail, List<Problem.FieldError> errors, Boolean replayed) {
    }
}
