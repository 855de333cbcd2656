package io.cairn.app.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One run of the S3 benchmark, warp-like: for each object size, PUT of new objects for the duration, GET of the
 * objects written in random order for the duration, then DELETE of them all; every object has content no other has
 * ({@link StampedStream}), so a deduplicating store has to store every byte. The bucket is created if absent (and then
 * removed at the end).
 */
final class S3Bench {
    /**
     * @param warmup how long each phase of an uncounted first round of every size runs (zero for none)
     * @param bucket the bucket to use, or null for a new one named after the run
     */
    record Settings(List<Long> sizes, int concurrency, Duration duration, Duration warmup, String bucket) {
    }

    /** The phases in the order they ran, and what went wrong around them (the bucket, the metrics). */
    record Result(String bucket, List<PhaseStats> phases, List<String> warnings) {
        long errors() {
            return phases.stream().mapToLong(PhaseStats::errors).sum();
        }

        /** The server's GC pauses over the whole run, null when they were not measured. */
        GcPauses.Delta gc() {
            List<GcPauses.Delta> measured = phases.stream().map(PhaseStats::gc).filter(gc -> gc != null).toList();
            return measured.isEmpty() ? null : new GcPauses.Delta(
                    measured.stream().mapToLong(GcPauses.Delta::pauses).sum(),
                    measured.stream().mapToDouble(GcPauses.Delta::totalMs).sum(),
                    measured.stream().mapToDouble(GcPauses.Delta::maxMs).max().orElseThrow());
        }
    }

    private final SignedS3Client s3;
    private final Settings settings;
    private final GcPauses gc;
    private final Consumer<String> progress;
    private final List<String> warnings = new ArrayList<>();
    /** Stamped into every object with its number: no two objects, in this run or another, share a block. */
    private final long nonce = ThreadLocalRandom.current().nextLong();
    private final AtomicLong objects = new AtomicLong();

    /** @param gc where to read the server's GC pauses around each phase; null for nowhere */
    S3Bench(SignedS3Client s3, Settings settings, GcPauses gc, Consumer<String> progress) {
        this.s3 = s3;
        this.settings = settings;
        this.gc = gc;
        this.progress = progress;
    }

    Result run() throws Exception {
        String bucket = settings.bucket() != null ? settings.bucket()
                : "cairn-bench-" + HexFormat.of().toHexDigits(nonce);
        boolean created = !s3.bucketExists(bucket);
        if (created) {
            progress.accept("creating bucket " + bucket);
            s3.createBucket(bucket);
        }
        List<PhaseStats> phases = new ArrayList<>();
        try {
            if (!settings.warmup().isZero()) {
                warmUp(bucket);
            }
            for (long size : settings.sizes()) {
                phases.addAll(size(bucket, size, settings.duration(), ""));
            }
        } finally {
            if (created) {
                try {
                    s3.deleteBucket(bucket);
                } catch (Exception e) {
                    warnings.add("could not remove the bucket " + bucket + ": " + e.getMessage());
                }
            }
        }
        return new Result(bucket, phases, List.copyOf(warnings));
    }

    /**
     * A round of every size whose figures are not kept: a server fresh from its start spends much of its first
     * seconds compiling its hot paths (a third of its CPU in a 20 s phase of 4 KiB PUTs), so a short run measures
     * the JIT as much as the server. Its objects are under {@code warmup/} and deleted like the others.
     */
    private void warmUp(String bucket) {
        for (long size : settings.sizes()) {
            long failed = size(bucket, size, settings.warmup(), "warmup/").stream().mapToLong(PhaseStats::errors)
                    .sum();
            if (failed > 0) {
                warnings.add(failed + " requests of the warm-up with " + sizeLabel(size) + " objects failed");
            }
        }
    }

    /** The PUT, GET and DELETE phases of one size; {@code prefix} is put before every key. */
    private List<PhaseStats> size(String bucket, long size, Duration window, String prefix) {
        String label = sizeLabel(size);
        int concurrency = settings.concurrency();
        ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
        String round = prefix.isEmpty() ? "" : "(" + prefix.substring(0, prefix.length() - 1) + ") ";

        progress.accept(round + "PUT " + label + " objects for " + window.toMillis() / 1000.0 + " s, " + concurrency
                + " at a time");
        PhaseStats put = withGc(() -> PhaseRunner.run("PUT", size, concurrency, window, Integer.MAX_VALUE, i -> {
            String key = prefix + key(label, i);
            long object = objects.getAndIncrement();
            s3.put(bucket, key, size, () -> new StampedStream(nonce, object, size));
            written.add(key);
            return size;
        }));
        List<String> keys = List.copyOf(written);
        List<PhaseStats> phases = new ArrayList<>(List.of(put));
        if (!keys.isEmpty()) {
            progress.accept(round + "GET " + label + " objects in random order for " + window.toMillis() / 1000.0
                    + " s");
            phases.add(withGc(() -> PhaseRunner.run("GET", size, concurrency, window, Integer.MAX_VALUE, i -> {
                String key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
                long read = s3.get(bucket, key);
                if (read != size) {
                    throw new IllegalStateException("GET " + key + " gave " + read + " bytes of " + size);
                }
                return read;
            })));
        }
        progress.accept(round + "DELETE the " + keys.size() + " " + label + " objects");
        phases.add(withGc(() -> PhaseRunner.run("DELETE", size, concurrency, null, keys.size(), i -> {
            s3.delete(bucket, keys.get(i));
            return 0;
        })));
        return phases;
    }

    /** The phase, with the server's GC pauses during it when they can be read. */
    private PhaseStats withGc(Supplier<PhaseStats> phase) {
        GcPauses.Sample before = gcSample();
        PhaseStats stats = phase.get();
        GcPauses.Sample after = before == null ? null : gcSample();
        return after == null ? stats : stats.withGc(GcPauses.between(before, after));
    }

    private GcPauses.Sample gcSample() {
        if (gc == null) {
            return null;
        }
        try {
            return gc.sample();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String warning = "could not read the GC pauses: " + e.getMessage();
            if (!warnings.contains(warning)) {
                warnings.add(warning);
            }
            return null;
        }
    }

    private static String key(String label, int i) {
        return label + "/" + String.format(Locale.ROOT, "%08d", i);
    }

    /** "4KiB", "1MiB", "64MiB", "1500B": exact, for keys and tables. */
    static String sizeLabel(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (unit < units.length - 1 && bytes >= 1024 && bytes % 1024 == 0) {
            bytes /= 1024;
            unit++;
        }
        return bytes + units[unit];
    }
}
