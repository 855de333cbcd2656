package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.cairn.app.LocalCluster;
import io.cairn.it.browser.Axe;
import io.cairn.it.browser.Chromium;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the browser tests of the web console share: a real cluster and a real headless Chromium per class, a fresh
 * page per test that must log no error, and how a user gets around in it. What is stored is checked through the
 * REST API afterwards.
 */
abstract class ConsoleBrowserTest {
    static final int MIB = 1 << 20;
    static final LocatorAssertions.IsVisibleOptions SOON = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(20_000);
    static final LocatorAssertions.ContainsTextOptions SOON_TEXT = new LocatorAssertions.ContainsTextOptions()
            .setTimeout(20_000);

    @TempDir
    static Path dir;
    @TempDir
    static Path files;
    static LocalCluster cluster;
    static Http http;
    static Chromium chromium;

    final List<String> pageErrors = new ArrayList<>();
    Page page;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.start(dir);
        http = new Http(cluster.url());
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        cluster.close();
    }

    @AfterEach
    void noErrorsInThePage() {
        if (page != null) {
            page.close();
        }
        assertThat(pageErrors).as("errors the page's scripts logged or threw").isEmpty();
    }

    // --- how a user gets around -------------------------------------------------------------------------------------

    void open(int width) {
        page = chromium.newPage(width, width < 600 ? 812 : 900);
        page.onConsoleMessage(message -> {
            // The page asks who is signed in first; before signing in the answer is a 401, which Chromium logs.
            if (message.type().equals("error") && !message.text().contains("status of 401")) {
                pageErrors.add(message.text());
            }
        });
        page.onPageError(pageErrors::add);
        page.navigate(cluster.url() + "/");
        PlaywrightAssertions.assertThat(heading("Sign in to Cairn")).isVisible();
    }

    void signIn(int width) {
        open(width);
        signInOnTheForm();
    }

    void signInOnTheForm() {
        page.getByLabel("Access key").fill(TestClusters.ROOT_KEY);
        page.getByLabel("Secret key").fill(TestClusters.ROOT_SECRET);
        button("Sign in").click();
        PlaywrightAssertions.assertThat(heading("Buckets")).isVisible();
    }

    void createBucketThroughTheDialog(String name) {
        button("Create bucket").click();
        page.getByLabel("Bucket name").fill(name);
        button("OK").click();
        PlaywrightAssertions.assertThat(heading(name)).isVisible();
    }

    /** Drops files from disk on the folder, as a drag from the desktop does: the page's own drop handler runs. */
    void drop(Path... paths) {
        page.evaluate("() => { const input = document.createElement('input'); input.type = 'file';"
                + " input.multiple = true; input.id = 'dragged'; input.hidden = true; document.body.append(input); }");
        page.locator("#dragged").setInputFiles(paths);
        page.evaluate("() => { const input = document.getElementById('dragged'); const data = new DataTransfer();"
                + " for (const file of input.files) data.items.add(file); input.remove();"
                + " const zone = document.querySelector('.dropzone');"
                + " for (const type of ['dragenter', 'dragover', 'drop'])"
                + "   zone.dispatchEvent(new DragEvent(type, {dataTransfer: data, bubbles: true, cancelable: true})); }");
    }

    /** A bucket, made through its dialog, holding two versions of doc.txt, their dialog open; the first's file. */
    Path twoVersionsWithTheirDialogOpen(String bucket, long seed) throws Exception {
        signIn(1440);
        createBucketThroughTheDialog(bucket);
        Path first = randomFile(bucket + "-1/doc.txt", 1_000, seed);
        upload(first, "1 done");
        upload(randomFile(bucket + "-2/doc.txt", 2_000, seed + 1), "2 done");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Versions of doc.txt")))
                .click();
        return first;
    }

    void upload(Path file, String summary) {
        FileChooser chooser = page.waitForFileChooser(() -> button("Upload files").click());
        chooser.setFiles(file);
        PlaywrightAssertions.assertThat(page.locator(".upload-summary")).hasText(summary);
    }

    void tabUntilFocused(Locator target) {
        for (int i = 0; i < 60; i++) {
            if ((Boolean) target.evaluate("el => el === document.activeElement")) {
                return;
            }
            page.keyboard().press("Tab");
        }
        throw new AssertionError("60 presses of Tab never reached " + target);
    }

    void checkPage(String name) {
        assertThat(Axe.violations(page)).as("axe on " + name).isEmpty();
        Chromium.screenshot(page, "console-" + name);
    }

    void shoot(String name) {
        Chromium.screenshot(page, "console-" + name);
    }

    Locator heading(String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    Locator fileLink(String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    // --- what was stored ----------------------------------------------------------------------------------------------

    /** A file of unique content (dedup must not make it cheap), written a MiB at a time. */
    static Path randomFile(String name, long size, long seed) throws Exception {
        Path file = files.resolve(name);
        Files.createDirectories(file.getParent());
        Random random = new Random(seed);
        byte[] buffer = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(left, buffer.length));
            }
        }
        return file;
    }

    static String sha256(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[MIB];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static int statusAs(String key, String secret, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.url() + path))
                .header("Authorization", Http.basic(key, secret)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** What the REST API gives back for a key, streamed and hashed. */
    static String storedSha256(String bucket, String key) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                cluster.url() + "/files?bucket=" + bucket + "&key=" + java.net.URLEncoder.encode(key,
                        StandardCharsets.UTF_8))).header("Authorization", Http.basic(TestClusters.ROOT_KEY,
                TestClusters.ROOT_SECRET)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).as(bucket + "/" + key).isEqualTo(200);
        try (InputStream body = response.body()) {
            return sha256(body);
        }
    }
}
