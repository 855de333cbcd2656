package io.cairn.app.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one phase of the S3 benchmark: {@code concurrency} virtual threads, each starting operation after operation
 * until the window closes or the operations run out. An operation counts when it completes: one started before the
 * window closed is finished and counted, so a large object is never lost at the window's edge, and the phase's time
 * runs from its start to its last completion.
 */
final class PhaseRunner {
    /** One operation; {@code index} numbers it within the phase. Returns the bytes of content it moved. */
    @FunctionalInterface
    interface Op {
        long run(int index) throws Exception;
    }

    private PhaseRunner() {
    }

    /**
     * @param window how long new operations are started; null for as long as there are operations left
     * @param maxOps the number of operations there are
     */
    static PhaseStats run(String phase, long objectSize, int concurrency, Duration window, int maxOps, Op op) {
        AtomicInteger next = new AtomicInteger();
        List<Worker> workers = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + (window == null ? 0 : window.toNanos());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                Worker worker = new Worker(start);
                workers.add(worker);
                threads.submit(() -> {
                    while (window == null || System.nanoTime() - deadline < 0) {
                        int i = next.getAndIncrement();
                        if (i >= maxOps) {
                            break;
                        }
                        worker.run(op, i);
                    }
                });
            }
        }
        long end = workers.stream().mapToLong(w -> w.lastCompletion).max().orElse(start);
        long[] latencies = workers.stream().flatMapToLong(w -> Arrays.stream(w.latencies, 0, w.ops)).sorted()
                .toArray();
        return PhaseStats.of(phase, objectSize, latencies, workers.stream().mapToLong(w -> w.bytes).sum(),
                workers.stream().mapToLong(w -> w.errors).sum(),
                workers.stream().map(w -> w.firstError).filter(e -> e != null).findFirst().orElse(null),
                end - start);
    }

    /** What one thread did; read once its thread has ended. */
    private static final class Worker {
        private long[] latencies = new long[256];
        private int ops;
        private long bytes;
        private long errors;
        private String firstError;
        private long lastCompletion;

        Worker(long start) {
            lastCompletion = start;
        }

        void run(Op op, int index) {
            long t0 = System.nanoTime();
            try {
                long moved = op.run(index);
                long now = System.nanoTime();
                if (ops == latencies.length) {
                    latencies = Arrays.copyOf(latencies, ops * 2);
                }
                latencies[ops++] = now - t0;
                bytes += moved;
                lastCompletion = now;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (Exception e) {
                errors++;
                lastCompletion = System.nanoTime();
                if (firstError == null) {
                    firstError = e.getMessage() == null ? e.toString() : e.getMessage();
                }
            }
        }
    }
}
