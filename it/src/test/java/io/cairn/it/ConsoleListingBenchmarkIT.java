package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.cairn.app.LocalCluster;
import io.cairn.it.browser.Chromium;
import io.cairn.it.browser.RequiresChromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures for the README, run on purpose with {@code -Dcairn.bench.console-keys=100000} (skipped otherwise): a folder
 * of that many files, written through the REST API, then listed a page at a time through the REST API and in the web
 * console in Chromium. Prints the times; asserts only that the pages are right.
 */
@RequiresChromium
class ConsoleListingBenchmarkIT {
    @TempDir
    Path dir;

    @Test
    void aFolderOfManyFilesListsAPageAtATime() throws Exception {
        String wanted = System.getProperty("cairn.bench.console-keys");
        Assumptions.assumeTrue(wanted != null, "a benchmark: run with -Dcairn.bench.console-keys=N");
        int keys = Integer.parseInt(wanted);
        try (LocalCluster cluster = TestClusters.start(dir); Chromium chromium = Chromium.launch()) {
            Http http = new Http(cluster.url());
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
                List<Future<Integer>> puts = new ArrayList<>();
                for (int i = 0; i < keys; i++) {
                    String key = String.format("many/file-%07d.txt", i);
                    puts.add(pool.submit(() -> http.put(Http.file(key), key.getBytes(StandardCharsets.UTF_8))
                            .status()));
                }
                for (Future<Integer> put : puts) {
                    assertThat(put.get()).isEqualTo(201);
                }
            }
            System.out.printf("console listing bench: %d keys written in %.1f s%n", keys, seconds(start));

            for (String after : new String[] {"", String.format("many/file-%07d.txt", keys / 2)}) {
                long t = System.nanoTime();
                var page = http.get("/files?prefix=many/&delimiter=/&limit=500&after=" + after.replace("/", "%2F"))
                        .json();
                System.out.printf("console listing bench: REST page of 500 after '%s': %.0f ms%n", after,
                        seconds(t) * 1000);
                assertThat(page.get("files")).hasSize(500);
            }

            try (Page page = chromium.newPage(1440, 900)) {
                page.navigate(cluster.url() + "/");
                page.getByLabel("Access key").fill(TestClusters.ROOT_KEY);
                page.getByLabel("Secret key").fill(TestClusters.ROOT_SECRET);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
                page.evaluate("sessionStorage.setItem('cairn-page-size', '500')");
                LocatorAssertions.HasCountOptions wait = new LocatorAssertions.HasCountOptions().setTimeout(60_000);
                long t = System.nanoTime();
                page.navigate(cluster.url() + "/console/#/files/default/many/");
                PlaywrightAssertions.assertThat(page.locator("#listing tbody tr")).hasCount(500, wait);
                System.out.printf("console listing bench: folder opened, 500 rows shown: %.0f ms%n",
                        seconds(t) * 1000);
                for (int i = 2; i <= 4; i++) {
                    // Timed in the page, from the click to the new rows' first paint: not the driver's own steps.
                    Object ms = page.evaluate("() => new Promise(done => {"
                            + " const start = performance.now();"
                            + " const pager = document.querySelector('nav.pager');"
                            + " new MutationObserver((m, o) => { if (pager.textContent.includes('Page " + i + " ')) {"
                            + "   o.disconnect(); requestAnimationFrame(() => done(performance.now() - start)); } })"
                            + "   .observe(pager, {childList: true, subtree: true});"
                            + " [...pager.querySelectorAll('button')].find(b => b.textContent === 'Next page').click();"
                            + "})");
                    PlaywrightAssertions.assertThat(page.locator("#listing tbody tr")).hasCount(500, wait);
                    System.out.printf("console listing bench: next page (%d): %.0f ms%n", i,
                            ((Number) ms).doubleValue());
                }
                t = System.nanoTime();
                page.getByLabel("Filter").fill(String.format("file-%05d", keys / 200));
                PlaywrightAssertions.assertThat(page.locator("#listing tbody tr")).hasCount(100, wait);
                System.out.printf("console listing bench: filtered to 100 rows: %.0f ms (with a 250 ms typing "
                        + "pause)%n", seconds(t) * 1000);
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
