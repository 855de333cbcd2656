package io.cairn.it;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 benchmark: PUT and GET throughput of 1 MiB and 64 MiB objects and 4 KiB operations per second, each at
 * concurrency 16, every object with content of its own ({@link Data#stamped}: dedup cannot make a PUT free), through
 * the AWS SDK for Java v2 (its default checksums on: every PUT is aws-chunked with a CRC32 trailer the server
 * verifies). Prints one JSON object. Run by {@code ./cairn bench-s3} against a running server.
 */
final class S3Bench {
    private static final int CONCURRENCY = 16;
    private static final int MIB = 1 << 20;

    private final S3Client s3;
    private final String bucket;
    /** Stamped into every object with its number: no two objects, in this run or another, share a chunk. */
    private final long run = java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 39);

    S3Bench(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Figures by name: MB/s for throughput, operations per second and latency percentiles for small objects. */
    Map<String, Object> run() throws Exception {
        s3.createBucket(b -> b.bucket(bucket));
        Map<String, Object> figures = new LinkedHashMap<>();
        phase("small-warmup", 4096, 1000, true);
        figures.put("put_4KiB", phase("small", 4096, 5000, true));
        figures.put("get_4KiB", phase("small", 4096, 5000, false));
        figures.put("put_1MiB", phase("one", MIB, 1024, true));
        figures.put("get_1MiB", phase("one", MIB, 1024, false));
        figures.put("put_64MiB", phase("big", 64 * MIB, 32, true));
        figures.put("get_64MiB", phase("big", 64 * MIB, 32, false));
        return figures;
    }

    /** {@code count} objects of {@code size} bytes written (or read back), 16 at a time. */
    private Map<String, Object> phase(String name, int size, int count, boolean put) throws Exception {
        byte[] content = Data.random(size, size);
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[count];
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < CONCURRENCY; w++) {
                workers.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String key = name + "/" + i;
                        long t = System.nanoTime();
                        if (put) {
                            long stamp = run << 24 | i;
                            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromContentProvider(
                                    () -> Data.stamped(content, stamp), size, "application/octet-stream"));
                        } else {
                            long read = s3.getObject(b -> b.bucket(bucket).key(key),
                                    ResponseTransformer.toInputStream()).transferTo(java.io.OutputStream.nullOutputStream());
                            if (read != size) {
                                throw new IllegalStateException(key + " read " + read + " bytes of " + size);
                            }
                        }
                        latencies[i] = System.nanoTime() - t;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("ops_per_s", round(count / seconds));
        figure.put("mb_per_s", round((double) size * count / seconds / 1e6));
        figure.put("p50_ms", round(latencies[count / 2] / 1e6));
        figure.put("p99_ms", round(latencies[(int) (count * 0.99)] / 1e6));
        return figure;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
