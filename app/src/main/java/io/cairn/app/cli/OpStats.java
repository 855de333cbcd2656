package io.cairn.app.cli;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Throughput and latency of {@code ops} small requests issued by {@code concurrency} workers. */
record OpStats(int ops, int errors, double opsPerSecond, double p50Ms, double p99Ms, String firstError) {

    /** One request; {@code index} picks the object. */
    @FunctionalInterface
    interface Op {
        void run(int index) throws Exception;
    }

    /** Runs ops 0..ops-1 on {@code concurrency} virtual threads that each take the next index until none is left. */
    static OpStats measure(int ops, int concurrency, Op op) {
        long[] latencies = new long[ops];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < ops; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        try {
                            op.run(i);
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.getMessage() == null ? e.toString() : e.getMessage());
                        }
                        latencies[i] = System.nanoTime() - t0;
                    }
                });
            }
        }
        long elapsed = System.nanoTime() - start;
        Arrays.sort(latencies);
        return new OpStats(ops, errors.get(), ops / (elapsed / 1e9), percentile(latencies, 0.50),
                percentile(latencies, 0.99), firstError.get());
    }

    static double percentile(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(q * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }
}
