package io.cairn.app.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The JVM garbage-collection pauses a server reports on its Prometheus {@code /metrics}: Micrometer's
 * {@code jvm_gc_pause_seconds} timer (count, sum and max over all its collectors and causes), read before and after
 * each benchmark phase. Sent with HTTP Basic of the benchmark's keys, which Cairn takes for its root user.
 */
final class GcPauses implements AutoCloseable {
    private static final String METRIC = "jvm_gc_pause_seconds";

    /** The timer at one moment. {@code maxSeconds} is Micrometer's rolling maximum: of the last two minutes or so. */
    record Sample(long count, double sumSeconds, double maxSeconds) {
    }

    /**
     * The pauses between two samples.
     *
     * @param maxMs the largest pause the server reported at the end of the phase, 0 when none happened during it:
     *              Micrometer keeps a maximum for about two minutes, so it may come from before the phase
     */
    record Delta(long pauses, double totalMs, double maxMs) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI url;
    private final String authorization;

    GcPauses(URI url, String accessKey, String secretKey) {
        this.url = url;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((accessKey + ":" + secretKey)
                .getBytes(StandardCharsets.UTF_8));
    }

    Sample sample() throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).GET().build(), BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + ": HTTP " + response.statusCode());
        }
        return parse(response.body());
    }

    static Delta between(Sample before, Sample after) {
        long pauses = after.count() - before.count();
        return new Delta(pauses, (after.sumSeconds() - before.sumSeconds()) * 1000,
                pauses == 0 ? 0 : after.maxSeconds() * 1000);
    }

    /**
     * The timer's series summed (counts and sums) and maxed (maxima) from the text exposition format, where a line is
     * {@code name{labels} value}.
     *
     * @throws IOException when the server exports no GC metrics
     */
    static Sample parse(String exposition) throws IOException {
        long count = 0;
        double sum = 0;
        double max = 0;
        boolean exported = false;
        for (String line : exposition.split("\n")) {
            // The binder's gauges are there from the start; the pause timer's series only after a first pause.
            exported |= line.startsWith("jvm_gc_");
            if (!line.startsWith(METRIC + "_")) {
                continue;
            }
            int labelsEnd = line.lastIndexOf('}');
            String name = line.substring(0, line.indexOf(labelsEnd < 0 ? ' ' : '{'));
            double value = Double.parseDouble(line.substring(labelsEnd + 1).strip().split("\\s+")[0]);
            switch (name.substring(METRIC.length() + 1)) {
                case "count" -> count += (long) value;
                case "sum" -> sum += value;
                case "max" -> max = Math.max(max, value);
                default -> {
                }
            }
        }
        if (!exported) {
            throw new IOException("the metrics have no " + METRIC + " (is it a JVM server with Micrometer's "
                    + "JvmGcMetrics bound?)");
        }
        return new Sample(count, sum, max);
    }

    @Override
    public void close() {
        http.close();
    }
}
