package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.api.CommitRequest;
import io.cairn.api.MetadataService;
import io.cairn.core.model.Versioning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * Listing a bucket of 100,000 keys with a delimiter through S3, a page of 1,000 at a time: the time per page at
 * 10,000 and at 100,000 keys is printed (the store-level proof that a page reads a page's worth of entries is
 * {@code ListingCostTest}; times are figures, not assertions).
 */
class S3ListingScaleIT extends SharedClusterTest {
    private static final int PAGE = 1000;

    /** Empty objects committed straight through the metadata service, many at once so the controller batches them. */
    private static void fill(MetadataService meta, int from, int to) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            int slice = (to - from) / 64 + 1;
            for (int start = from; start < to; start += slice) {
                int first = start;
                int last = Math.min(to, start + slice);
                done.add(threads.submit(() -> {
                    for (int i = first; i < last; i++) {
                        meta.commit(new CommitRequest("scale", key(i), 0, 1 << 20, 1, null, null, List.of(), false,
                                null, null));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    /** Every tenth key is a "directory" (0000010/part), so a page mixes keys and common prefixes. */
    private static String key(int i) {
        return String.format("%07d", i) + (i % 10 == 0 ? "/part" : "");
    }

    /** Median milliseconds per page over pages starting across the whole bucket. */
    private static double msPerPage(S3Client s3, int keys) {
        double[] times = new double[9];
        for (int p = 0; p < times.length; p++) {
            String startAfter = String.format("%07d", (long) keys * p / times.length);
            long start = System.nanoTime();
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket("scale").delimiter("/").maxKeys(PAGE)
                    .startAfter(startAfter));
            times[p] = (System.nanoTime() - start) / 1e6;
            assertThat(page.contents().size() + page.commonPrefixes().size()).isEqualTo(page.keyCount())
                    .isLessThanOrEqualTo(PAGE);
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

    @Test
    void aPageTakesAsLongAt100kKeysAsAt10k() throws Exception {
        MetadataService meta = cluster.controller().controller().service();
        meta.createBucket("scale", Versioning.UNVERSIONED, null);
        try (S3Client s3 = S3Clients.sync(cluster.s3Url(), true, false)) {
            fill(meta, 0, 10_000);
            msPerPage(s3, 10_000); // warm-up: the JIT and the caches
            double small = msPerPage(s3, 10_000);
            fill(meta, 10_000, 100_000);
            double large = msPerPage(s3, 100_000);
            System.out.printf("S3 listing, delimiter '/', pages of %d: %.1f ms per page at 10,000 keys, %.1f ms at "
                    + "100,000 keys%n", PAGE, small, large);
            int listed = 0;
            String token = null;
            do {
                String t = token;
                ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket("scale").delimiter("/").maxKeys(PAGE)
                        .continuationToken(t));
                listed += page.keyCount();
                token = page.isTruncated() ? page.nextContinuationToken() : null;
            } while (token != null);
            assertThat(listed).isEqualTo(100_000);
        }
    }
}
