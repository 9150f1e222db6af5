package io.partnerhub.callingmetrics.repository;

import io.partnerhub.callingmetrics.EndpointType;
import io.partnerhub.callingmetrics.Feature;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The per-endpoint-type and per-feature counter columns of {@code customer_week}, named from the enums. */
final class WeekColumns {

    private WeekColumns() {
    }

    static String endpointCalls(EndpointType type) {
        return "ep_" + type.name().toLowerCase(Locale.ROOT) + "_calls";
    }

    static String endpointPoor(EndpointType type) {
        return "ep_" + type.name().toLowerCase(Locale.ROOT) + "_poor";
    }

    static String feature(Feature feature) {
        return "f_" + feature.name().toLowerCase(Locale.ROOT);
    }

    /** Every counter column, in a fixed order: endpoint calls and poor calls by type, then features. */
    static String[] counters() {
        return java.util.stream.Stream.concat(
                Arrays.stream(EndpointType.values()).flatMap(t -> java.util.stream.Stream.of(endpointCalls(t), endpointPoor(t))),
                Arrays.stream(Feature.values()).map(WeekColumns::feature)).toArray(String[]::new);
    }

    static String join(String[] columns, Function<String, String> each) {
        return Arrays.stream(columns).map(each).collect(Collectors.joining(", "));
    }
}
