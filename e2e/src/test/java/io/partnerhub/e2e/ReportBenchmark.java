package io.partnerhub.e2e;

import io.partnerhub.e2e.bench.Figures;
import io.partnerhub.e2e.bench.Figures.Figure;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The last step of the one benchmark command ({@code ./mvnw -pl e2e verify -Pbench}): assembles
 * {@code e2e/target/bench/REPORT.md} from what the benchmarks of this run wrote under {@code e2e/target/bench/} — a
 * header (date, machine: cores, memory, JDK, OS), every figure next to its baseline and the ratio with its goal met or
 * missed ({@code <benchmark>.figures.tsv}), then each benchmark's own section ({@code <benchmark>.md}) in the order the
 * command runs them, and the fault suite's {@code faults.md} (written by the test command) where present. Files older
 * than the run's start ({@code bench.started}, set by the profile) are left out; a benchmark of the run without a
 * section, or whose surefire result of this run counts a failure, fails this step, after the report (naming it) is
 * written.
 */
class ReportBenchmark {

    /** The sections in the order of the command, by the name their benchmark writes under {@code e2e/target/bench/}. */
    static final List<String> SECTIONS = List.of("footprint", "read-path", "customer-list", "analytics-read",
            "subscriptions-ingest", "calling-ingest", "soak");

    @Test
    void assembleTheReport() throws IOException {
        Path dir = Figures.dir();
        Files.createDirectories(dir);
        Instant since = since();
        StringBuilder md = new StringBuilder("# Partner Hub benchmark report\n\n");
        md.append(header(since)).append("\n\n");

        List<String> missing = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        for (String name : SECTIONS) {
            Path tsv = dir.resolve(name + ".figures.tsv");
            if (fresh(tsv, since)) {
                figures.addAll(Figures.read(tsv));
            }
            if (!fresh(dir.resolve(name + ".md"), since)) {
                missing.add(name);
            }
            // a benchmark can write its section and then fail its own assertions (a soak that is not flat)
            Path result = dir.resolveSibling("surefire-reports").resolve("TEST-io.partnerhub.e2e." + benchmark(name) + ".xml");
            if (fresh(result, since) && failures(Files.readString(result, StandardCharsets.UTF_8)) > 0) {
                failed.add(name + " (" + benchmark(name) + (missing.contains(name) ? "" : "; its section is below") + ")");
            }
        }
        md.append("## Figures\n\nEach figure next to its baseline measured in the same run on this machine.\n\n");
        md.append("| benchmark | figure | value | baseline | ratio | goal | |\n|---|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s %s | %s | %s | %s | %s |%n", f.benchmark(), f.name(),
                    number(f.value()), f.unit(), f.baseline() == null ? "" : f.baseline() + ": " + number(f.baselineValue()) + " " + f.unit(),
                    Double.isNaN(f.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", f.ratio()), f.goal(),
                    f.verdict().equals("missed") ? "**missed**" : f.verdict()));
        }
        long goals = figures.stream().filter(f -> !f.goal().isEmpty()).count();
        List<Figure> missed = figures.stream().filter(f -> f.verdict().equals("missed")).toList();
        md.append(String.format(Locale.ROOT, "%nGoals: %d of %d met%s.%n", goals - missed.size(), goals,
                missed.isEmpty() ? "" : "; missed: " + String.join("; ", missed.stream().map(f -> f.benchmark() + " " + f.name()).toList())));
        if (!missing.isEmpty()) {
            md.append("\nNo section from this run: ").append(String.join(", ", missing))
                    .append(" (the benchmark failed or was not run; its output is in the build log).\n");
        }
        if (!failed.isEmpty()) {
            md.append("\nFailed in this run: ").append(String.join(", ", failed))
                    .append(". The failed assertion is in the build log.\n");
        }
        md.append('\n');
        for (String name : SECTIONS) {
            Path section = dir.resolve(name + ".md");
            if (fresh(section, since)) {
                md.append(Files.readString(section, StandardCharsets.UTF_8).strip()).append("\n\n");
            }
        }
        Path faults = dir.resolve("faults.md");
        if (Files.exists(faults)) {
            md.append("<!-- from the test command (./mvnw verify), ").append(Files.getLastModifiedTime(faults)).append(" -->\n")
                    .append(Files.readString(faults, StandardCharsets.UTF_8).strip()).append("\n");
        }
        Files.writeString(dir.resolve("REPORT.md"), md.toString(), StandardCharsets.UTF_8);
        System.out.println(md);
        assertEquals(List.of(), missing, "benchmarks of this run without a section");
        assertEquals(List.of(), failed, "benchmarks of this run that failed");
    }

    /** The class that writes a section: {@code read-path} → {@code ReadPathBenchmark}. */
    static String benchmark(String section) {
        StringBuilder name = new StringBuilder();
        for (String word : section.split("-")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.append("Benchmark").toString();
    }

    /** Failures plus errors of a surefire result ({@code TEST-*.xml}), from its {@code testsuite} element. */
    static int failures(String xml) {
        int start = xml.indexOf("<testsuite");
        if (start < 0) {
            return 1;
        }
        String suite = xml.substring(start, xml.indexOf('>', start));
        return count(suite, "failures") + count(suite, "errors");
    }

    private static int count(String element, String attribute) {
        Matcher value = Pattern.compile("\\b" + attribute + "=\"(\\d+)\"").matcher(element);
        return value.find() ? Integer.parseInt(value.group(1)) : 1;
    }

    /** The run's start ({@code bench.started}, ISO instant), else the beginning of time. */
    static Instant since() {
        String started = System.getProperty("bench.started", "");
        return started.isBlank() ? Instant.EPOCH : Instant.parse(started).minus(1, ChronoUnit.SECONDS);
    }

    static boolean fresh(Path file, Instant since) throws IOException {
        return Files.exists(file) && !Files.getLastModifiedTime(file).toInstant().isBefore(since);
    }

    static String header(Instant since) throws IOException {
        String cpu = "?";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                cpu = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        long memKib = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                memKib = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return String.format(Locale.ROOT, "Run %s (started %s), %s sizes. Machine: %d cores (%s), %.1f GiB RAM, JDK %s %s (%s), %s %s %s.",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), since.equals(Instant.EPOCH) ? "?" : since.plusSeconds(1),
                Figures.quick() ? "quick (-Dbench.quick=true)" : "full", Runtime.getRuntime().availableProcessors(), cpu, memKib / 1024.0 / 1024.0,
                System.getProperty("java.vendor"), System.getProperty("java.version"), ManagementFactory.getRuntimeMXBean().getVmName(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
