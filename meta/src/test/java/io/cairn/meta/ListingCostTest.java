package io.cairn.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.Listing;
import io.cairn.core.model.ObjectVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * A listing page costs O(page) whatever the bucket's size: the entries a page reads from the store, counted, are the
 * same at 10,000 and at 100,000 keys (no clock involved, so the check cannot flake; the S3 scale test prints times).
 */
class ListingCostTest extends StoreTest {
    private static final int PAGE = 1000;

    /** Counts what a scan reads from the store. */
    private static final class CountingView implements KeyValueView {
        final KeyValueView delegate;
        int scans;
        int visited;

        CountingView(KeyValueView delegate) {
            this.delegate = delegate;
        }

        @Override
        public byte[] get(byte[] key) {
            return delegate.get(key);
        }

        @Override
        public List<byte[]> multiGet(List<byte[]> keys) {
            return delegate.multiGet(keys);
        }

        @Override
        public void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
            scans++;
            delegate.scan(from, to, (k, v) -> {
                visited++;
                return visitor.test(k, v);
            });
        }

        @Override
        public Entry last(byte[] from, byte[] to) {
            return delegate.last(from, to);
        }
    }

    /** Keys {@code 0000000}…; every tenth is a "directory" ({@code 0000010/part}), a common prefix with "/". */
    private void fill(int from, int to) {
        for (int start = from; start < to; start += 5000) {
            List<MetaCommand> batch = new ArrayList<>();
            for (int i = start; i < Math.min(to, start + 5000); i++) {
                batch.add(TestData.empty("big", String.format("%07d", i) + (i % 10 == 0 ? "/part" : "")));
            }
            log.apply(batch).forEach(r -> r.orThrow(ObjectVersion.class));
        }
    }

    private int[] costOfMiddlePage(int keys) {
        CountingView view = new CountingView(db.store().live());
        String after = String.format("%07d", keys / 2);
        Listing page = new ListingScan("big", "", "/", PAGE).run(view, after);
        assertThat(page.objects().size() + page.prefixes().size()).isEqualTo(PAGE);
        assertThat(page.prefixes()).hasSize(PAGE / 10);
        return new int[] {view.scans, view.visited};
    }

    @Test
    void aPageReadsAboutAPageOfEntriesAtAnySize() {
        log.apply(new MetaCommand.CreateBucket("big", TestData.AT, null)).orThrow(BucketRecord.class);
        fill(0, 10_000);
        int[] small = costOfMiddlePage(10_000);
        fill(10_000, 100_000);
        int[] large = costOfMiddlePage(100_000);
        // A scan (one seek) to start and one past each common prefix; each entry of the page read once, plus the one
        // that says there is more.
        assertThat(small[0]).isLessThanOrEqualTo(PAGE / 10 + 2);
        assertThat(small[1]).isLessThanOrEqualTo(PAGE + 1);
        assertThat(large).isEqualTo(small);
    }
}
