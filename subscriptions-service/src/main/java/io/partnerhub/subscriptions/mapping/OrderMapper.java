package io.partnerhub.subscriptions.mapping;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.runtime.problem.Problem;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.subscriptions.CustomerOrder;
import io.partnerhub.subscriptions.Line;
import io.partnerhub.subscriptions.Product;
import io.partnerhub.subscriptions.rest.OrderHistoryResponse;
import io.partnerhub.subscriptions.rest.OrderRequest;
import io.partnerhub.subscriptions.service.NewOrder;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Order bodies → validated {@link NewOrder}s, with every problem named by field. */
public final class OrderMapper {

    /** Either an order or what is wrong with it. */
    public record Parsed(NewOrder order, List<Problem.FieldError> errors) {
        public boolean valid() {
            return order != null;
        }
    }

    private OrderMapper() {
    }

    /** For a body already checked by Bean Validation: the cross-field rules, as a 400. */
    public static NewOrder toNewOrder(OrderRequest request) {
        List<Problem.FieldError> errors = crossFieldErrors(request);
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "The request is not valid", errors);
        }
        return map(request);
    }

    /** One order of a batch or of the topic, from raw JSON: never throws for a bad order. */
    public static Parsed parse(JsonNode node, ObjectMapper json, Validator validator) {
        OrderRequest request;
        try {
            if (node == null || !node.isObject()) {
                return new Parsed(null, List.of(new Problem.FieldError("", "must be an order object")));
            }
            request = json.treeToValue(node, OrderRequest.class);
        } catch (JsonMappingException e) {
            String field = path(e);
            return new Parsed(null, List.of(new Problem.FieldError(field, "has an invalid value")));
        } catch (Exception e) {
            return new Parsed(null, List.of(new Problem.FieldError("", "is not an order")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<OrderRequest> v : validator.validate(request)) {
            errors.add(new Problem.FieldError(field(v.getPropertyPath()), v.getMessage()));
        }
        if (errors.isEmpty()) {
            errors.addAll(crossFieldErrors(request));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.FieldError::field));
            return new Parsed(null, errors);
        }
        return new Parsed(map(request), List.of());
    }

    public static OrderHistoryResponse toHistory(CustomerOrder o, ObjectMapper json) {
        List<OrderHistoryResponse.Line> lines;
        try {
            lines = List.of(json.readValue(o.lines, OrderHistoryResponse.Line[].class));
        } catch (Exception e) {
            throw new IllegalStateException("stored order lines unreadable", e);
        }
        OrderHistoryResponse.Customer customer = o.customerExternalId == null ? null
                : new OrderHistoryResponse.Customer(o.customerExternalId, o.customerName, o.customerManagedBy);
        return new OrderHistoryResponse(o.id.toString(), o.ccwOrderId, o.revision, o.subscriptionId, o.customerId.toString(),
                customer, o.startDate, o.termMonths, o.autoRenew, lines, o.receivedAt, o.outcome);
    }

    private static List<Problem.FieldError> crossFieldErrors(OrderRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if ((r.customerId() == null) == (r.customer() == null)) {
            errors.add(new Problem.FieldError("customerId", "exactly one of customerId and customer is required"));
        } else if (r.customerId() != null) {
            try {
                UUID.fromString(r.customerId());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("customerId", "must be a UUID"));
            }
        }
        Set<Product> seen = new HashSet<>();
        for (int i = 0; i < r.lines().size(); i++) {
            if (!seen.add(r.lines().get(i).product())) {
                errors.add(new Problem.FieldError("lines[" + i + "].product", "appears in more than one line"));
            }
        }
        return errors;
    }

    private static NewOrder map(OrderRequest r) {
        NewOrder.NewCustomer customer = r.customer() == null ? null
                : new NewOrder.NewCustomer(r.customer().externalId(), r.customer().name().strip(), r.customer().managedBy());
        return new NewOrder(r.ccwOrderId(), r.revision() == null ? 1 : r.revision(),
                r.customerId() == null ? null : UUID.fromString(r.customerId()), customer, r.subscriptionId(), r.startDate(),
                r.termMonths(), Boolean.TRUE.equals(r.autoRenew()),
                r.lines().stream().map(l -> new Line(l.product(), l.sku(), l.quantity())).toList());
    }

    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String field(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() != ElementKind.PROPERTY && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            String name = node.getName() == null ? "" : node.getName();
            if (name.startsWith("<")) {
                name = "";
            }
            if (!name.isEmpty()) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(name);
            }
            if (node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
