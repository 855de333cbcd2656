package io.cairn.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", exitCodeOnInvalidInput = CliErrors.LOCAL, subcommands = S3BenchCommand.class,
        description = {"Benchmark a running cluster and this machine's own limits; prints one JSON object.",
                "Measures one large upload and download (checked with CRC32C), many concurrent 4 KiB puts and gets,"
                        + " the data disk's synced write rate and one core's SHA-256 rate, and the ratios between them."
                        + " Objects are written under bench/ and deleted at the end.",
                "`cairn bench s3 --endpoint URL` benchmarks any S3 endpoint instead."})
public final class BenchCommand implements Callable<Integer> {
    static final int SMALL = 4096;

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "1GiB", converter = SizeConverter.class,
            description = "Size of the large file (default 1GiB).")
    long size;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2000",
            description = "Small puts and gets run first and not measured, so the JIT has compiled the hot paths "
                    + "(default: ${DEFAULT-VALUE}; 0 for none).")
    int warmup;

    @Option(names = "--ops", paramLabel = "N", defaultValue = "5000",
            description = "Number of 4 KiB objects to put and get (default 5000).")
    int ops;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16",
            description = "Concurrent requests for the 4 KiB phase (default 16).")
    int concurrency;

    @Option(names = {"-r", "--replication"}, paramLabel = "R", defaultValue = "2",
            description = "Replication factor of the benchmark's objects (default 2).")
    int replication;

    @Option(names = "--chunk-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Chunk size of the large file (default: the cluster's).")
    Long chunkSize;

    @Option(names = "--skip-large", description = "Skip the large upload and download.")
    boolean skipLarge;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./data",
            description = "Directory on the disk the nodes use, for the disk measurement (default ./data).")
    Path dataDir;

    @Option(names = "--disk-bytes", hidden = true, defaultValue = "256MiB", converter = SizeConverter.class)
    long diskBytes;

    @Option(names = "--hash-bytes", hidden = true, defaultValue = "512MiB", converter = SizeConverter.class)
    long hashBytes;

    @Option(names = {"-q", "--quiet"}, description = "Only the JSON result: no progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        return CliErrors.run(spec.commandLine().getErr(), this::bench);
    }

    private int bench() throws Exception {
        if (size < 1 || ops < 1 || concurrency < 1 || replication < 1) {
            throw CliErrors.usage("--size, --ops, --concurrency and --replication must be at least 1");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        boolean ok = true;
        try (RestClient rest = RestClient.open(client)) {
            JsonNode status = rest.getTree(Routes.STATUS); // Fails fast, with the "start a cluster" hint, if none runs.
            result.put("url", rest.base().toString());
            result.put("cluster_status", status.path("status").asText("unknown"));
            result.put("size_bytes", skipLarge ? 0 : size);
            result.put("ops", ops);
            result.put("warmup_ops", warmup);
            result.put("concurrency", concurrency);
            result.put("replication", replication);
            String prefix = "bench/" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + "/";
            long seed = ThreadLocalRandom.current().nextLong();
            try {
                warmUp(rest, prefix + "warmup/", ~seed);
                if (!skipLarge) {
                    ok &= large(rest, prefix + "large", seed, result);
                }
                ok &= small(rest, prefix + "small/", seed, result);
            } finally {
                cleanUp(rest, prefix);
            }
        }
        say("measuring the disk under " + dataDir.toAbsolutePath() + " ...");
        double fdatasync = MachineLimits.fdatasyncWriteMbS(dataDir, diskBytes);
        double writeThenSync = MachineLimits.writeThenSyncMbS(dataDir, diskBytes);
        say("measuring SHA-256 on one core ...");
        double sha256 = MachineLimits.sha256MbS(hashBytes);
        result.put("disk_fdatasync_write_mb_s", round(fdatasync, 1));
        result.put("disk_write_then_sync_mb_s", round(writeThenSync, 1));
        result.put("sha256_mb_s_one_core", round(sha256, 1));
        if (result.get("upload_mb_s") instanceof Double upload && result.get("download_mb_s") instanceof Double download) {
            result.put("upload_vs_disk_over_r", round(upload / (fdatasync / replication), 3));
            result.put("download_vs_sha256", round(download / sha256, 3));
        }
        result.put("machine", machine());
        result.put("units", "MB = 10^6 bytes; latencies in ms");
        spec.commandLine().getOut().println(Formats.prettyJson(result));
        if (!ok) {
            spec.commandLine().getErr().println("error: some benchmark requests failed; see the *_errors fields");
            return CliErrors.SERVER;
        }
        return CliErrors.OK;
    }

    /**
     * One stream up, one stream down; the download is checksummed on the fly and compared with the uploaded bytes.
     * The server verifies every chunk's SHA-256 as it sends it; the client's own check is the cheaper CRC32C, so the
     * figure is the server's and not that of a client hashing on a core the server needs.
     */
    private boolean large(RestClient rest, String key, long seed, Map<String, Object> result) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        String query = new QueryString().add("bucket", rest.bucket()).add("replication_factor", replication)
                .add("chunk_size", chunkSize).toString();
        ProgressBar up = ProgressBar.start("upload " + Formats.bytes(size), size, quiet, err);
        HttpRequest put = rest.request(Routes.file(key) + query)
                .header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.fromPublisher(Transfers.counting(
                        BodyPublishers.ofInputStream(() -> new RandomStream(seed, size)), up::advance), size))
                .build();
        long t0 = System.nanoTime();
        try {
            rest.json(put, Wire.Upload.class);
        } catch (RuntimeException e) {
            up.abort();
            throw e;
        }
        long uploadNanos = System.nanoTime() - t0;
        up.finish();

        ProgressBar down = ProgressBar.start("download " + Formats.bytes(size), size, quiet, err);
        HttpRequest get = rest.request(Routes.download(key) + new QueryString().add("bucket", rest.bucket()))
                .GET().build();
        long t1 = System.nanoTime();
        ChecksummingSubscriber.Checksum got;
        try {
            got = rest.send(get, info -> new ChecksummingSubscriber(down::advance)).body();
        } catch (RuntimeException e) {
            down.abort();
            throw e;
        }
        long downloadNanos = System.nanoTime() - t1;
        down.finish();

        say("checking the download's CRC32C ...");
        CRC32C expected = new CRC32C();
        try (RandomStream again = new RandomStream(seed, size)) {
            byte[] buffer = new byte[Transfers.BUFFER];
            for (int n; (n = again.read(buffer)) > 0; ) {
                expected.update(buffer, 0, n);
            }
        }
        boolean same = got.bytes() == size && got.crc32c() == expected.getValue();
        result.put("upload_mb_s", round(Formats.mbPerSecond(size, uploadNanos), 1));
        result.put("download_mb_s", round(Formats.mbPerSecond(size, downloadNanos), 1));
        result.put("download_crc32c_ok", same);
        if (!same) {
            spec.commandLine().getErr().printf("error: the download differs from the upload (%d of %d bytes, "
                    + "CRC32C %08x)%n", got.bytes(), size, got.crc32c());
        }
        return same;
    }

    /** {@code ops} distinct 4 KiB objects put, then got back and compared, {@code concurrency} at a time. */
    private boolean small(RestClient rest, String prefix, long seed, Map<String, Object> result) {
        say("putting " + ops + " objects of 4 KiB, " + concurrency + " at a time, then getting them back ...");
        OpStats[] stats = smallRound(rest, prefix, seed, ops);
        put(result, "put_4k", stats[0]);
        put(result, "get_4k", stats[1]);
        return stats[0].errors() == 0 && stats[1].errors() == 0;
    }

    /**
     * Small puts and gets that are not measured: a JVM runs its hot paths interpreted until the JIT compiles them,
     * and the figures are meant to describe a server that has been up for a while, not one seconds old.
     */
    private void warmUp(RestClient rest, String prefix, long seed) {
        if (warmup > 0) {
            say("warming up with " + warmup + " small puts and gets (not measured) ...");
            smallRound(rest, prefix, seed, warmup);
        }
    }

    private OpStats[] smallRound(RestClient rest, String prefix, long seed, int count) {
        String query = new QueryString().add("bucket", rest.bucket()).add("replication_factor", replication)
                .toString();
        OpStats puts = OpStats.measure(count, concurrency, i -> rest.send(
                rest.request(Routes.file(smallKey(prefix, i)) + query)
                        .header("Content-Type", "application/octet-stream")
                        .PUT(BodyPublishers.ofByteArray(RandomStream.bytes(smallSeed(seed, i), SMALL))).build(),
                BodyHandlers.discarding()));
        String getQuery = new QueryString().add("bucket", rest.bucket()).toString();
        OpStats gets = OpStats.measure(count, concurrency, i -> {
            byte[] body = rest.send(rest.request(Routes.download(smallKey(prefix, i)) + getQuery).GET().build(),
                    BodyHandlers.ofByteArray()).body();
            if (!Arrays.equals(body, RandomStream.bytes(smallSeed(seed, i), SMALL))) {
                throw new IllegalStateException(smallKey(prefix, i) + " came back different (" + body.length + " bytes)");
            }
        });
        return new OpStats[] {puts, gets};
    }

    private static void put(Map<String, Object> result, String name, OpStats stats) {
        result.put(name + "_ops_s", round(stats.opsPerSecond(), 1));
        result.put(name + "_p50_ms", round(stats.p50Ms(), 2));
        result.put(name + "_p99_ms", round(stats.p99Ms(), 2));
        result.put(name + "_errors", stats.errors());
        if (stats.firstError() != null) {
            result.put(name + "_first_error", stats.firstError());
        }
    }

    static String smallKey(String prefix, int i) {
        return prefix + String.format(Locale.ROOT, "%06d", i);
    }

    /** Distinct per object, so every object is new content: dedup must not turn a put into a no-op. */
    static long smallSeed(long seed, int i) {
        return seed ^ ((i + 1L) * 0xD1B54A32D192ED03L);
    }

    /** Deletes everything under the run's prefix, found by listing so objects whose put looked failed go too. */
    private void cleanUp(RestClient rest, String prefix) {
        say("deleting " + prefix + "* ...");
        try {
            List<String> keys = new ArrayList<>();
            String after = null;
            while (true) {
                JsonNode page = rest.getTree(Routes.FILES + new QueryString().add("bucket", rest.bucket())
                        .add("prefix", prefix).add("after", after).add("limit", 1000));
                for (JsonNode file : page.path("files")) {
                    keys.add(file.path("filename").asText());
                }
                String next = page.path("next").asText("");
                if (next.isEmpty() || next.equals(after) || page.path("files").isEmpty()) {
                    break;
                }
                after = next;
            }
            String query = new QueryString().add("bucket", rest.bucket()).toString();
            OpStats deletes = OpStats.measure(keys.size(), concurrency, i -> rest.send(
                    rest.request(Routes.delete(keys.get(i)) + query).DELETE().build(), BodyHandlers.discarding()));
            if (deletes.errors() > 0) {
                spec.commandLine().getErr().println("warning: " + deletes.errors() + " benchmark objects under "
                        + prefix + " could not be deleted: " + deletes.firstError());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("warning: could not delete the benchmark objects under " + prefix
                    + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", Runtime.version().toString() + " (" + System.getProperty("java.vm.name") + ")");
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        return machine;
    }

    private void say(String message) {
        if (!quiet) {
            spec.commandLine().getErr().println("bench: " + message);
            spec.commandLine().getErr().flush();
        }
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
