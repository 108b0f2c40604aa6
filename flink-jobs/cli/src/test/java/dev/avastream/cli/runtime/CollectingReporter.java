package dev.avastream.cli.runtime;

import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A metric reporter for tests: keeps every metric a cluster registers, with its scope, and keeps it
 * after the task that owned it ended, so a test reads counters and histograms once the job is done.
 * Enabled by {@link #config()}; found by Flink through META-INF/services.
 */
public final class CollectingReporter implements MetricReporter {

    /** A registered metric: its full identifier, its name and its scope variables. */
    public record Entry(String identifier, String name, Map<String, String> variables, Metric metric) {}

    private static final List<Entry> ENTRIES = new CopyOnWriteArrayList<>();

    /** Flink configuration that installs this reporter. */
    public static Map<String, String> config() {
        return Map.of("metrics.reporter.collect.factory.class", Factory.class.getName());
    }

    public static void clear() { ENTRIES.clear(); }

    /** Every metric called {@code name} registered by an operator whose name contains {@code operator}. */
    public static List<Entry> find(String operator, String name) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : ENTRIES) {
            String op = e.variables().getOrDefault("<operator_name>", "");
            if (e.name().equals(name) && op.contains(operator)) out.add(e);
        }
        return out;
    }

    /** Every metric whose identifier contains {@code part}. */
    public static List<Entry> withIdentifierContaining(String part) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : ENTRIES) if (e.identifier().contains(part)) out.add(e);
        return out;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        ENTRIES.add(new Entry(group.getMetricIdentifier(metricName), metricName, new java.util.HashMap<>(group.getAllVariables()),
                metric));
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        // Kept on purpose: the test reads the final values after the job.
    }

    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new CollectingReporter();
        }
    }
}
