package io.cairn.app.cli;

import io.cairn.app.config.Security;
import io.cairn.s3.auth.SigV4Signer;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "s3", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = {"Benchmark any S3 endpoint (Cairn, S3Proxy, MinIO, AWS), warp-like.",
                "For each size: PUT of new objects for the duration, GET of them in random order for the duration,"
                        + " then DELETE of them all. Every object has content of its own (a run nonce and its number"
                        + " stamped every 64 KiB), so a deduplicating store must store every byte. Requests are signed"
                        + " with SigV4, payloads UNSIGNED-PAYLOAD. An operation counts when it completes: one started"
                        + " before the window closed is finished and counted, and a phase's rates are its completed"
                        + " operations (and their bytes) over the time from its start to its last completion."})
public final class S3BenchCommand implements Callable<Integer> {
    static final String COUNTING = "operations counted when they complete; one started before the window closed is "
            + "finished and counted; rates = completed operations (bytes) / time from the phase's start to its last "
            + "completion; latencies of successful operations";

    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", paramLabel = "URL", required = true,
            description = "The S3 endpoint, e.g. http://localhost:9000 (path-style requests).")
    URI endpoint;

    @Option(names = "--access-key", paramLabel = "KEY", defaultValue = "${env:AWS_ACCESS_KEY_ID:-"
            + Security.DEFAULT_ROOT_ACCESS_KEY + "}",
            description = "Access key (env AWS_ACCESS_KEY_ID; default: the local development root, cairnadmin).")
    String accessKey;

    @Option(names = "--secret-key", paramLabel = "SECRET", defaultValue = "${env:AWS_SECRET_ACCESS_KEY:-"
            + Security.DEFAULT_ROOT_SECRET_KEY + "}",
            description = "Its secret key (env AWS_SECRET_ACCESS_KEY).")
    String secretKey;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "Region of the signatures (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--bucket", paramLabel = "NAME",
            description = "Bucket to use; created if absent and then removed at the end (default: a new "
                    + "cairn-bench-<nonce>).")
    String bucket;

    @Option(names = "--sizes", paramLabel = "SIZE", split = ",", defaultValue = "4KiB,1MiB,64MiB",
            converter = SizeConverter.class, description = "Object sizes, one round of phases each (default: "
            + "${DEFAULT-VALUE}).")
    List<Long> sizes;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Requests in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long each PUT and GET phase starts new requests: 30s, 500ms, 2m (default: "
                    + "${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "First run every size's phases this long each without counting them, so that a server"
                    + " just started has compiled its hot paths before the figures (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--metrics-url", paramLabel = "URL",
            description = "The server's Prometheus metrics, e.g. http://localhost:8000/metrics, read before and after"
                    + " each phase for its JVM GC pauses (jvm_gc_pause_seconds): their number and time per phase,"
                    + " and the longest as Micrometer keeps it (for about two minutes, so it may predate a phase that"
                    + " had pauses). Fetched with HTTP Basic of the keys.")
    URI metricsUrl;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        return CliErrors.run(spec.commandLine().getErr(), this::bench);
    }

    private int bench() throws Exception {
        S3Bench.Settings settings = settings();
        S3Bench.Result result;
        try (SignedS3Client s3 = new SignedS3Client(endpoint, new SigV4Signer(accessKey, secretKey, region));
             GcPauses gc = metricsUrl == null ? null : new GcPauses(metricsUrl, accessKey, secretKey)) {
            result = new S3Bench(s3, settings, gc, this::say).run();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Formats.prettyJson(toJson(settings, result)) + "\n" : table(result));
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        result.warnings().forEach(warning -> err.println("warning: " + warning));
        if (result.errors() > 0) {
            err.println("error: " + result.errors() + " benchmark requests failed; see the errors column");
            err.flush();
            return CliErrors.SERVER;
        }
        err.flush();
        return CliErrors.OK;
    }

    /** The options checked, as the run takes them. */
    S3Bench.Settings settings() {
        if (concurrency < 1) {
            throw CliErrors.usage("--concurrency must be at least 1");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw CliErrors.usage("--duration must be positive");
        }
        if (warmup.isNegative()) {
            throw CliErrors.usage("--warmup must not be negative");
        }
        if (sizes.stream().anyMatch(size -> size < StampedStream.STAMP_BYTES)) {
            throw CliErrors.usage("every size must be at least " + StampedStream.STAMP_BYTES
                    + " bytes, the stamp that makes each object unique");
        }
        return new S3Bench.Settings(List.copyOf(sizes), concurrency, duration, warmup, bucket);
    }

    private Map<String, Object> toJson(S3Bench.Settings settings, S3Bench.Result result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("endpoint", endpoint.toString());
        json.put("bucket", result.bucket());
        json.put("concurrency", settings.concurrency());
        json.put("duration_s", settings.duration().toMillis() / 1000.0);
        json.put("warmup_s", settings.warmup().toMillis() / 1000.0);
        json.put("sizes", settings.sizes().stream().map(S3Bench::sizeLabel).toList());
        json.put("phases", result.phases().stream().map(PhaseStats::toJson).toList());
        json.put("errors", result.errors());
        GcPauses.Delta gc = result.gc();
        if (gc != null) {
            Map<String, Object> pauses = new LinkedHashMap<>();
            pauses.put("pauses", gc.pauses());
            pauses.put("pause_total_ms", BenchCommand.round(gc.totalMs(), 1));
            pauses.put("pause_max_ms", BenchCommand.round(gc.maxMs(), 1));
            json.put("gc", pauses);
        }
        json.put("counting", COUNTING);
        json.put("units", "MB = 10^6 bytes, MiB = 2^20 bytes; latencies in ms");
        return json;
    }

    private static String table(S3Bench.Result result) {
        Table table = new Table(List.of(Table.Column.left("PHASE"), Table.Column.right("SIZE"),
                Table.Column.right("OPS"), Table.Column.right("OPS/S"), Table.Column.right("MB/S"),
                Table.Column.right("MIB/S"), Table.Column.right("P50 MS"), Table.Column.right("P90 MS"),
                Table.Column.right("P99 MS"), Table.Column.right("MAX MS"), Table.Column.right("ERRORS")));
        StringBuilder errors = new StringBuilder();
        for (PhaseStats phase : result.phases()) {
            table.row(phase.phase(), S3Bench.sizeLabel(phase.objectSize()), phase.ops(), fixed(phase.opsPerSecond(), 1),
                    fixed(phase.mbPerSecond(), 1), fixed(phase.mibPerSecond(), 1), fixed(phase.p50Ms(), 1),
                    fixed(phase.p90Ms(), 1), fixed(phase.p99Ms(), 1), fixed(phase.maxMs(), 1), phase.errors());
            if (phase.firstError() != null) {
                errors.append(phase.phase()).append(' ').append(S3Bench.sizeLabel(phase.objectSize()))
                        .append(" first error: ").append(phase.firstError()).append('\n');
            }
        }
        GcPauses.Delta gc = result.gc();
        String gcLine = gc == null ? "" : String.format(Locale.ROOT, "server GC: %d pauses, %.1f ms in all, the longest"
                + " %.1f ms\n", gc.pauses(), gc.totalMs(), gc.maxMs());
        return table.render() + errors + gcLine + "bucket " + result.bucket() + "; MB = 10^6 bytes, MiB = 2^20 bytes\n"
                + COUNTING + "\n";
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private void say(String message) {
        if (!quiet) {
            spec.commandLine().getErr().println("bench s3: " + message);
            spec.commandLine().getErr().flush();
        }
    }
}
