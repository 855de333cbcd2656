package io.cairn.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one phase of the S3 benchmark. Throughput is the bytes (or number) of completed operations divided
 * by the phase's time, from its start to its last completion; latencies are those of the successful operations.
 *
 * @param firstError the message of one failed operation, null when none failed
 * @param gc         the server's GC pauses during the phase, null when not measured
 */
record PhaseStats(String phase, long objectSize, long ops, long bytes, long errors, String firstError, long nanos,
        double p50Ms, double p90Ms, double p99Ms, double maxMs, GcPauses.Delta gc) {

    /** @param sortedLatencyNanos the latency of every successful operation, in ascending order */
    static PhaseStats of(String phase, long objectSize, long[] sortedLatencyNanos, long bytes, long errors,
                         String firstError, long nanos) {
        return new PhaseStats(phase, objectSize, sortedLatencyNanos.length, bytes, errors, firstError, nanos,
                OpStats.percentile(sortedLatencyNanos, 0.50), OpStats.percentile(sortedLatencyNanos, 0.90),
                OpStats.percentile(sortedLatencyNanos, 0.99), OpStats.percentile(sortedLatencyNanos, 1.0), null);
    }

    PhaseStats withGc(GcPauses.Delta pauses) {
        return new PhaseStats(phase, objectSize, ops, bytes, errors, firstError, nanos, p50Ms, p90Ms, p99Ms, maxMs,
                pauses);
    }

    double seconds() {
        return nanos / 1e9;
    }

    double opsPerSecond() {
        return nanos <= 0 ? 0 : ops / seconds();
    }

    double mbPerSecond() {
        return Formats.mbPerSecond(bytes, nanos);
    }

    double mibPerSecond() {
        return mbPerSecond() * 1e6 / (1 << 20);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("phase", phase);
        json.put("size", S3Bench.sizeLabel(objectSize));
        json.put("size_bytes", objectSize);
        json.put("ops", ops);
        json.put("seconds", BenchCommand.round(seconds(), 3));
        json.put("ops_per_s", BenchCommand.round(opsPerSecond(), 1));
        json.put("mb_per_s", BenchCommand.round(mbPerSecond(), 1));
        json.put("mib_per_s", BenchCommand.round(mibPerSecond(), 1));
        json.put("p50_ms", BenchCommand.round(p50Ms, 2));
        json.put("p90_ms", BenchCommand.round(p90Ms, 2));
        json.put("p99_ms", BenchCommand.round(p99Ms, 2));
        json.put("max_ms", BenchCommand.round(maxMs, 2));
        json.put("errors", errors);
        if (firstError != null) {
            json.put("first_error", firstError);
        }
        if (gc != null) {
            json.put("gc_pauses", gc.pauses());
            json.put("gc_pause_total_ms", BenchCommand.round(gc.totalMs(), 1));
            json.put("gc_pause_max_ms", BenchCommand.round(gc.maxMs(), 1));
        }
        return json;
    }
}
