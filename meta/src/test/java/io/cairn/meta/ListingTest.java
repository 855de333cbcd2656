package io.cairn.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.Listing;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Listing a bucket page by page over 2,000 keys committed in random order. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingTest {
    private static final Comparator<String> UTF8_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    MetaDatabase db;
    MetaReader reader;
    List<String> keys;

    @BeforeAll
    void commitKeys(@TempDir Path dir) {
        db = MetaDatabase.open(dir);
        reader = db.reader();
        TestLog log = new TestLog(db);
        log.apply(new MetaCommand.InitCluster("c", TestData.AT)).orThrow(String.class);
        log.apply(new MetaCommand.CreateBucket("logs", TestData.AT, null)).orThrow(BucketRecord.class);
        log.apply(new MetaCommand.CreateBucket("logs2", TestData.AT, null)).orThrow(BucketRecord.class);
        keys = new ArrayList<>();
        for (int i = 0; i < 1_990; i++) {
            keys.add(switch (i % 4) {
                case 0 -> "a/" + i;
                case 1 -> "a/b/" + i;
                case 2 -> "b/" + i;
                default -> "ab" + i;
            });
        }
        // UTF-16 and UTF-8 orders differ here: U+FF61 sorts after U+1F600 in UTF-16, before it in UTF-8.
        keys.addAll(List.of("\uFF61", "\uD83D\uDE00", "é", "e", "a", "a/", "z", "Z", "日本/語", "a b"));
        List<String> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, new Random(42));
        List<MetaCommand> commits = new ArrayList<>();
        for (String key : shuffled) {
            commits.add(TestData.empty("logs", key));
        }
        // Neighbouring buckets must not leak into the listing.
        commits.add(TestData.empty("logs2", "a/0"));
        commits.add(TestData.empty("default", "a/0"));
        log.apply(commits).forEach(result -> result.orThrow(ObjectVersion.class));
        keys.sort(UTF8_ORDER);
    }

    @AfterAll
    void close() {
        db.close();
    }

    @Test
    void pagingVisitsEveryKeyOnceInByteOrder() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            List<ObjectHead> page = reader.listHeads("logs", "", after, 97);
            if (page.isEmpty()) {
                break;
            }
            assertThat(page.size()).isLessThanOrEqualTo(97);
            page.forEach(h -> seen.add(h.key()));
            after = page.getLast().key();
            pages++;
        }
        assertThat(seen).containsExactlyElementsOf(keys);
        assertThat(pages).isEqualTo((keys.size() + 96) / 97);
        assertThat(reader.stats().objects()).isEqualTo(keys.size() + 2);
    }

    @Test
    void prefixAndAfterTogether() {
        List<String> expected = keys.stream().filter(k -> k.startsWith("a/b/")).toList();
        assertThat(expected).hasSize(498);
        Set<String> seen = new HashSet<>();
        List<String> ordered = new ArrayList<>();
        String after = "";
        List<ObjectHead> page;
        while (!(page = reader.listHeads("logs", "a/b/", after, 50)).isEmpty()) {
            for (ObjectHead head : page) {
                assertThat(seen.add(head.key())).isTrue();
                ordered.add(head.key());
            }
            after = page.getLast().key();
        }
        assertThat(ordered).containsExactlyElementsOf(expected);
    }

    @Test
    void afterNeedNotBeAKeyAndMayLieOutsideThePrefix() {
        assertThat(keys(reader.listHeads("logs", "a/b/", "a/b/5", 3))).containsExactlyElementsOf(page("a/b/", "a/b/5", 3));
        assertThat(keys(reader.listHeads("logs", "a/b/", "a/b/5~", 3))).containsExactlyElementsOf(page("a/b/", "a/b/5~", 3))
                .doesNotContain("a/b/5");
        // Before the prefix: the page starts at the prefix.
        assertThat(keys(reader.listHeads("logs", "b/", "a", 2)))
                .containsExactlyElementsOf(keys.stream().filter(k -> k.startsWith("b/")).limit(2).toList());
        // After the prefix: nothing.
        assertThat(reader.listHeads("logs", "a/", "a0", 10)).isEmpty();
        assertThat(reader.listHeads("logs", "", "\uFF61", 10)).extracting(ObjectHead::key)
                .containsExactly("\uD83D\uDE00");
    }

    @Test
    void exactKeysAndNonAsciiPrefixes() {
        assertThat(keys(reader.listHeads("logs", "a", null, 3))).containsExactly("a", "a b", "a/");
        assertThat(keys(reader.listHeads("logs", "日本", null, 10))).containsExactly("日本/語");
        assertThat(keys(reader.listHeads("logs", "e", null, 10))).containsExactly("e");
        assertThat(reader.listHeads("logs", "", null, 0)).isEmpty();
        assertThat(reader.listHeads("nope", "", null, 10)).isEmpty();
        assertThat(keys(reader.listHeads("logs2", "", null, 10))).containsExactly("a/0");
    }

    @Test
    void delimiterPagesGroupKeysIntoCommonPrefixesOnceEach() {
        for (String prefix : List.of("", "a", "a/", "a/b/", "日本", "zz")) {
            for (String delimiter : List.of("/", "b", "/b/")) {
                for (int limit : List.of(1, 2, 7, 1000)) {
                    assertThat(pagedWithDelimiter(prefix, delimiter, limit)).as("%s %s %d", prefix, delimiter, limit)
                            .containsExactlyElementsOf(groupedSlowly(prefix, delimiter));
                }
            }
        }
    }

    @Test
    void aCommonPrefixGivenAsStartAfterSkipsItsWholeGroup() {
        List<String> all = groupedSlowly("", "/");
        List<String> expected = all.subList(all.indexOf("a/<prefix>") + 1, all.indexOf("a/<prefix>") + 3);
        assertThat(expected).allMatch(e -> e.startsWith("ab"));
        Listing page = reader.list("logs", "", "/", "a/", 2);
        assertThat(page.prefixes()).isEmpty();
        assertThat(keys(page.objects())).containsExactlyElementsOf(expected);
    }

    /** Every entry (keys as they are, common prefixes with a trailing marker) of a listing fetched page by page. */
    private List<String> pagedWithDelimiter(String prefix, String delimiter, int limit) {
        List<String> entries = new ArrayList<>();
        String after = null;
        do {
            Listing page = reader.list("logs", prefix, delimiter, after, limit);
            assertThat(page.objects().size() + page.prefixes().size()).isLessThanOrEqualTo(limit);
            List<String> pageEntries = new ArrayList<>(keys(page.objects()));
            page.prefixes().forEach(p -> pageEntries.add(p + "<prefix>"));
            pageEntries.sort(Comparator.comparing(e -> e.replace("<prefix>", ""), UTF8_ORDER));
            entries.addAll(pageEntries);
            after = page.next();
        } while (after != null);
        return entries;
    }

    private List<String> groupedSlowly(String prefix, String delimiter) {
        List<String> entries = new ArrayList<>();
        for (String key : keys) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            int at = key.indexOf(delimiter, prefix.length());
            String entry = at < 0 ? key : key.substring(0, at + delimiter.length()) + "<prefix>";
            if (entries.isEmpty() || !entries.getLast().equals(entry)) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** The expected page, computed the slow way. */
    private List<String> page(String prefix, String after, int limit) {
        return keys.stream().filter(k -> k.startsWith(prefix) && UTF8_ORDER.compare(k, after) > 0).limit(limit).toList();
    }

    private static List<String> keys(List<ObjectHead> heads) {
        return heads.stream().map(ObjectHead::key).toList();
    }
}
