package io.partnerhub.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one benchmark for the report ({@code e2e/target/bench/REPORT.md}, assembled by
 * {@code ReportBenchmark}): each figure with the baseline measured in the same run and, where the issue sets one, its
 * goal. A benchmark collects them and {@link #write()}s {@code e2e/target/bench/<benchmark>.figures.tsv} (and its own
 * section, {@code <benchmark>.md}, with {@link #section}) once it has measured everything.
 */
public final class Figures {

    /** A goal on a figure: on its ratio to the baseline, or on its value. */
    public record Goal(String text, Kind kind, double limit) {

        public enum Kind { RATIO_AT_LEAST, RATIO_AT_MOST, VALUE_AT_LEAST, VALUE_AT_MOST }

        public static Goal ratioAtLeast(double limit) {
            return ratioAtLeast(limit, "the baseline");
        }

        /** @param of what the baseline is, for the goal's text ("direct": "≥ 80 % of direct") */
        public static Goal ratioAtLeast(double limit, String of) {
            return new Goal(String.format(Locale.ROOT, "≥ %s of %s", percent(limit), of), Kind.RATIO_AT_LEAST, limit);
        }

        public static Goal ratioAtMost(double limit) {
            return ratioAtMost(limit, "the baseline");
        }

        /** @param of what the baseline is, for the goal's text ("the first third": "≤ 1.15× the first third") */
        public static Goal ratioAtMost(double limit, String of) {
            return new Goal(String.format(Locale.ROOT, "≤ %s× %s", trim(limit), of), Kind.RATIO_AT_MOST, limit);
        }

        public static Goal atLeast(double limit, String unit) {
            return new Goal("≥ " + trim(limit) + " " + unit, Kind.VALUE_AT_LEAST, limit);
        }

        public static Goal atMost(double limit, String unit) {
            return new Goal("≤ " + trim(limit) + " " + unit, Kind.VALUE_AT_MOST, limit);
        }

        boolean met(double value, double ratio) {
            return switch (kind) {
                case RATIO_AT_LEAST -> ratio >= limit;
                case RATIO_AT_MOST -> ratio <= limit;
                case VALUE_AT_LEAST -> value >= limit;
                case VALUE_AT_MOST -> value <= limit;
            };
        }
    }

    /** One row: what was measured, against what, its goal and whether it was met ("met", "missed", "" without goal). */
    public record Figure(String benchmark, String name, double value, String unit, String baseline, double baselineValue,
                         String goal, String verdict) {

        public double ratio() {
            return Double.isNaN(baselineValue) || baselineValue == 0 ? Double.NaN : value / baselineValue;
        }

        String tsv() {
            return String.join("\t", benchmark, name, Double.toString(value), unit, baseline == null ? "" : baseline,
                    Double.toString(baselineValue), goal, verdict);
        }
    }

    private final String benchmark;
    private final List<Figure> figures = new ArrayList<>();

    public Figures(String benchmark) {
        this.benchmark = benchmark;
    }

    /** A figure measured next to a baseline (its ratio to it is reported). */
    public Figures add(String name, double value, String unit, String baseline, double baselineValue, Goal goal) {
        double ratio = Double.isNaN(baselineValue) || baselineValue == 0 ? Double.NaN : value / baselineValue;
        figures.add(new Figure(benchmark, name, value, unit, baseline, baselineValue, goal == null ? "" : goal.text(),
                goal == null ? "" : (goal.met(value, ratio) ? "met" : "missed")));
        return this;
    }

    /** A figure without a baseline. */
    public Figures add(String name, double value, String unit, Goal goal) {
        return add(name, value, unit, null, Double.NaN, goal);
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** Writes {@code <benchmark>.figures.tsv}; returns the figures whose goal was missed. */
    public List<Figure> write() {
        StringBuilder out = new StringBuilder();
        figures.forEach(f -> out.append(f.tsv()).append('\n'));
        write(benchmark + ".figures.tsv", out.toString());
        return figures.stream().filter(f -> f.verdict().equals("missed")).toList();
    }

    /** Writes the benchmark's own section, {@code <benchmark>.md}. */
    public void section(String markdown) {
        write(benchmark + ".md", markdown);
    }

    /** The figures of a {@code .figures.tsv} file. */
    public static List<Figure> read(Path file) throws IOException {
        List<Figure> read = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                String[] f = line.split("\t", -1);
                read.add(new Figure(f[0], f[1], Double.parseDouble(f[2]), f[3], f[4].isEmpty() ? null : f[4],
                        Double.parseDouble(f[5]), f[6], f[7]));
            }
        }
        return read;
    }

    /** {@code e2e/target/bench} of the project. */
    public static Path dir() {
        Path root = Path.of(System.getProperty("partnerhub.root", "..")).toAbsolutePath().normalize();
        return root.resolve("e2e/target/bench");
    }

    /** {@code -Dbench.quick=true}: small sizes, for checking the benchmarks themselves (~10 minutes for all). */
    public static boolean quick() {
        return Boolean.getBoolean("bench.quick");
    }

    private static void write(String name, String content) {
        try {
            Files.createDirectories(dir());
            Files.writeString(dir().resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String percent(double share) {
        return trim(share * 100) + " %";
    }

    static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
