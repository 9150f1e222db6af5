package io.partnerhub.subscriptions.mapping;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.core.problem.Problem;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.subscriptions.CustomerOrder;
import io.partnerhub.subscriptions.Line;
import io.partnerhub.subscriptions.Product;
import io.partnerhub.subscriptions.rest.OrderHistoryResponse;
import io.partnerhub.subscriptions.rest.OrderRequest;
import io.partnerhub.subscriptions.service.NewOrder;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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

    /**
     * One order of a batch or of the topic, from raw JSON: never throws for a bad order, and names every problem of it
     * (each field of the wrong type, each rule broken), with field paths as {@code POST /orders} names them
     * ({@code lines[0].quantity}).
     */
    public static Parsed parse(JsonNode node, ObjectMapper json, Validator validator) {
        if (node == null || !node.isObject()) {
            return new Parsed(null, List.of(new Problem.FieldError("", "must be an order object")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        OrderRequest request = bind(node, OrderRequest.class, "", json, errors);
        Set<String> mistyped = new HashSet<>();
        errors.forEach(e -> mistyped.add(e.field()));
        for (ConstraintViolation<OrderRequest> v : validator.validate(request)) {
            String field = io.partnerhub.platform.runtime.problem.ProblemMappers.fieldOf(v);
            if (!mistyped.contains(field)) { // a value of the wrong type is reported once, not also as missing
                errors.add(new Problem.FieldError(field, v.getMessage()));
            }
        }
        for (Problem.FieldError e : crossFieldErrors(request)) {
            if (!mistyped.contains(e.field())) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
            return new Parsed(null, List.copyOf(errors));
        }
        return new Parsed(map(request), List.of());
    }

    /** A record from a JSON object member by member, so that one value of the wrong type does not hide the others. */
    private static <R extends Record> R bind(JsonNode node, Class<R> type, String prefix, ObjectMapper json,
                                             List<Problem.FieldError> errors) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String path = prefix.isEmpty() ? c.getName() : prefix + "." + c.getName();
            JsonNode value = node.get(c.getName());
            if (value == null || value.isNull()) {
                continue;
            }
            if (c.getType().isRecord()) {
                values[i] = value.isObject() ? bind(value, c.getType().asSubclass(Record.class), path, json, errors)
                        : wrongType(path, errors);
            } else if (List.class.equals(c.getType()) && c.getGenericType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
                if (!value.isArray()) {
                    values[i] = wrongType(path, errors);
                    continue;
                }
                List<Object> items = new ArrayList<>();
                for (int j = 0; j < value.size(); j++) {
                    JsonNode item = value.get(j);
                    String itemPath = path + "[" + j + "]";
                    items.add(item.isNull() ? null : item.isObject() ? bind(item, element.asSubclass(Record.class), itemPath, json, errors)
                            : wrongType(itemPath, errors));
                }
                values[i] = items;
            } else {
                try {
                    values[i] = json.readerFor(json.constructType(c.getGenericType())).readValue(value);
                } catch (InvalidFormatException e) {
                    errors.add(new Problem.FieldError(path, e.getTargetType() != null && e.getTargetType().isEnum()
                            ? "must be one of " + Arrays.stream(e.getTargetType().getEnumConstants()).map(Object::toString)
                                    .collect(Collectors.joining(", "))
                            : "has an invalid value"));
                } catch (InputCoercionException e) {
                    errors.add(new Problem.FieldError(path, "is out of range"));
                } catch (MismatchedInputException e) {
                    errors.add(new Problem.FieldError(path, "has the wrong type"));
                } catch (Exception e) {
                    errors.add(new Problem.FieldError(path, "is not valid"));
                }
            }
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object wrongType(String path, List<Problem.FieldError> errors) {
        errors.add(new Problem.FieldError(path, "has the wrong type"));
        return null;
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
        if (r.lines() == null) {
            r = new OrderRequest(r.ccwOrderId(), r.revision(), r.customerId(), r.customer(), r.subscriptionId(), r.startDate(),
                    r.termMonths(), r.autoRenew(), List.of());
        }
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
            if (r.lines().get(i) != null && r.lines().get(i).product() != null && !seen.add(r.lines().get(i).product())) {
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
}
