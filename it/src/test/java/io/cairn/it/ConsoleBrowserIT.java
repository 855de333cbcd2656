package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import com.sun.net.httpserver.HttpServer;
import io.cairn.app.LocalCluster;
import io.cairn.it.browser.Axe;
import io.cairn.it.browser.Chromium;
import io.cairn.it.browser.RequiresChromium;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in a real headless Chromium against a real cluster: what a user does with the mouse and the
 * keyboard, checked through the REST API afterwards, with axe-core over every page in both themes and screenshots
 * at phone and desktop widths (it/target/screenshots).
 */
@RequiresChromium
class ConsoleBrowserIT {
    private static final int MIB = 1 << 20;
    private static final LocatorAssertions.IsVisibleOptions SOON = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(20_000);
    private static final LocatorAssertions.ContainsTextOptions SOON_TEXT = new LocatorAssertions.ContainsTextOptions()
            .setTimeout(20_000);

    @TempDir
    static Path dir;
    @TempDir
    static Path files;
    static LocalCluster cluster;
    static Http http;
    static Chromium chromium;

    private final List<String> pageErrors = new ArrayList<>();
    private Page page;

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

    @Test
    void aWrongSecretIsRefusedAndTheRightOneSignsInWithAStrictHttpOnlyCookie() {
        open(1440);
        page.getByLabel("Access key").fill(TestClusters.ROOT_KEY);
        page.getByLabel("Secret key").fill("not-the-secret");
        button("Sign in").click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.ALERT)).containsText("wrong secret");
        assertThat(page.context().cookies()).isEmpty();

        page.getByLabel("Secret key").fill(TestClusters.ROOT_SECRET);
        button("Sign in").click();
        PlaywrightAssertions.assertThat(heading("Buckets")).isVisible();
        Cookie cookie = page.context().cookies().getFirst();
        assertThat(cookie.name).isEqualTo("cairn_session");
        assertThat(cookie.httpOnly).isTrue();
        assertThat(cookie.sameSite).isEqualTo(SameSiteAttribute.STRICT);
        assertThat(page.evaluate("document.cookie")).as("no script can read it").isEqualTo("");
    }

    @Test
    void filesDroppedOnAFolderAreStoredByteForByteIncludingOneOf200MiB() throws Exception {
        signIn(1440);
        createBucketThroughTheDialog("dropped");
        Path big = randomFile("big.bin", 200L * MIB, 1);
        Path small = randomFile("notes.txt", 3_000, 2);
        Path empty = randomFile("empty.dat", 0, 3);
        drop(big, small, empty);
        PlaywrightAssertions.assertThat(page.locator(".upload-summary")).hasText("3 done",
                new LocatorAssertions.HasTextOptions().setTimeout(180_000));
        for (Path file : List.of(big, small, empty)) {
            assertThat(storedSha256("dropped", file.getFileName().toString())).as(file.getFileName().toString())
                    .isEqualTo(sha256(file));
            PlaywrightAssertions.assertThat(fileLink(file.getFileName().toString())).isVisible(SOON);
        }
        for (Path file : List.of(small, empty)) {
            String sha256 = java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256(file)));
            assertThat(http.get("/files?bucket=dropped&key=" + file.getFileName()).header("Repr-Digest"))
                    .as("sent with its SHA-256, which the gateway checked and kept")
                    .isEqualTo("sha-256=:" + sha256 + ":");
        }
        shoot("folder");
    }

    @Test
    void aWholeFolderPickedIsUploadedWithItsStructure() throws Exception {
        Path album = files.resolve("picked/album");
        Path first = randomFile("picked/album/one.jpg", 20_000, 12);
        Path second = randomFile("picked/album/nested/two.jpg", 30_000, 13);
        signIn(1440);
        createBucketThroughTheDialog("folders");
        FileChooser chooser = page.waitForFileChooser(() -> button("Upload folder").click());
        chooser.setFiles(album);
        PlaywrightAssertions.assertThat(page.locator(".upload-summary")).hasText("2 done");
        assertThat(storedSha256("folders", "album/one.jpg")).isEqualTo(sha256(first));
        assertThat(storedSha256("folders", "album/nested/two.jpg")).isEqualTo(sha256(second));
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("album/")))
                .isVisible();
    }

    @Test
    void aNewFolderIsNavigatedWithBreadcrumbsAndAFileDownloadsAsStored() throws Exception {
        signIn(1440);
        createBucketThroughTheDialog("nested");
        button("New folder").click();
        page.getByLabel("Folder name").fill("reports");
        button("OK").click();
        PlaywrightAssertions.assertThat(heading("reports")).isVisible();
        Path report = randomFile("q3.csv", 50_000, 4);
        FileChooser chooser = page.waitForFileChooser(() -> button("Upload files").click());
        chooser.setFiles(report);
        PlaywrightAssertions.assertThat(page.locator(".upload-summary")).hasText("1 done");
        assertThat(storedSha256("nested", "reports/q3.csv")).isEqualTo(sha256(report));

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Breadcrumb"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("nested")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("reports/")).click();
        Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Download q3.csv").setExact(true)).click());
        assertThat(download.suggestedFilename()).isEqualTo("q3.csv");
        assertThat(sha256(download.path())).isEqualTo(sha256(report));
    }

    @Test
    void selectedFilesAndAFolderDownloadAsOneZip() throws Exception {
        http.put("/buckets/zipped", new byte[0]);
        http.put("/files/a.txt?bucket=zipped", "A".getBytes(StandardCharsets.UTF_8));
        http.put("/files/b.txt?bucket=zipped", "B".getBytes(StandardCharsets.UTF_8));
        http.put("/files/c.txt?bucket=zipped", "not selected".getBytes(StandardCharsets.UTF_8));
        http.put("/files/album/1.jpg?bucket=zipped", "one".getBytes(StandardCharsets.UTF_8));
        http.put("/files/album/more/2.jpg?bucket=zipped", "two".getBytes(StandardCharsets.UTF_8));
        signIn(1440);
        page.navigate(cluster.url() + "/console/#/files/zipped");
        page.getByLabel("Select a.txt").check();
        page.getByLabel("Select b.txt").check();
        page.getByLabel("Select album/").check();
        PlaywrightAssertions.assertThat(page.getByText("3 selected")).isVisible();
        assertThat(Axe.violations(page)).as("a folder with a selection").isEmpty();
        Download zip = page.waitForDownload(() -> button("Download as zip").click());
        java.util.Map<String, String> entries = new java.util.TreeMap<>();
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip.path()))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsExactly(java.util.Map.entry("a.txt", "A"),
                java.util.Map.entry("album/1.jpg", "one"), java.util.Map.entry("album/more/2.jpg", "two"),
                java.util.Map.entry("b.txt", "B"));
        assertThat(zip.suggestedFilename()).isEqualTo("zipped.zip");

        button("Delete selected").click();
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete"))
                .click();
        PlaywrightAssertions.assertThat(fileLink("c.txt")).isVisible();
        PlaywrightAssertions.assertThat(page.locator("#listing tbody tr")).hasCount(1);
        assertThat(http.get("/files?bucket=zipped").json().get("files")).hasSize(1);
    }

    @Test
    void aFolderIsSortedWholeBySizeAcrossItsPagesAndOneTooLargeSaysItIsSortedWithinThePage() throws Exception {
        http.put("/buckets/sorted", new byte[0]);
        // By name f00 comes first and f59 last; by size the other way round, so by size the first page holds what
        // the server lists on the second.
        for (int i = 0; i < 60; i++) {
            http.put("/files/f%02d?bucket=sorted".formatted(i), new byte[1000 - 10 * i]);
        }
        http.put("/files/sub/inner.txt?bucket=sorted", "in a folder".getBytes(StandardCharsets.UTF_8));
        signIn(1440);
        page.navigate(cluster.url() + "/console/#/files/sorted");
        page.getByLabel("Rows per page").selectOption("50");
        Locator names = page.locator("#listing tbody tr th");
        // In the server's order "sub/" comes after f59, on the second page.
        PlaywrightAssertions.assertThat(names.first()).hasText("f00");
        PlaywrightAssertions.assertThat(names).hasCount(50);

        button("Size").click();
        PlaywrightAssertions.assertThat(page.locator(".page-status")).hasText("Page 1 of 2 · entries 1–50 of 61");
        // Folders come first.
        PlaywrightAssertions.assertThat(names.first()).hasText("sub/");
        // The smallest file, from the server's second page.
        PlaywrightAssertions.assertThat(names.nth(1)).hasText("f59");
        assertThat(page.locator("#sorted-within").count()).isZero();
        button("Next page").click();
        PlaywrightAssertions.assertThat(page.locator(".page-status")).hasText("Page 2 of 2 · entries 51–61 of 61");
        // The largest.
        PlaywrightAssertions.assertThat(names.last()).hasText("f00");
        button("Size").click();
        PlaywrightAssertions.assertThat(page.locator(".page-status")).hasText("Page 1 of 2 · entries 1–50 of 61");
        // Largest first.
        PlaywrightAssertions.assertThat(names.nth(1)).hasText("f00");
        PlaywrightAssertions.assertThat(page.locator("th[aria-sort=descending]")).hasText("Size ▼");
        assertThat(Axe.violations(page)).as("a folder sorted by size").isEmpty();

        // A folder with more entries than the console sorts whole (faked: the whole-folder request is answered as
        // if more followed) is paged in the server's order, each page sorted, and the page says so.
        page.route(url -> url.contains("limit=10000"), route -> route.fulfill(new Route.FulfillOptions()
                .setStatus(200).setContentType("application/json")
                .setBody("{\"bucket\":\"sorted\",\"files\":[],\"folders\":[],\"next\":\"f99\"}")));
        page.getByLabel("Filter").fill("f");
        PlaywrightAssertions.assertThat(page.locator("#sorted-within")).containsText("more than 10,000 entries");
        PlaywrightAssertions.assertThat(page.locator(".page-status")).hasText("Page 1 · entries 1–50");
        // The largest of the server's first page, then the smallest of it.
        PlaywrightAssertions.assertThat(names.first()).hasText("f00");
        PlaywrightAssertions.assertThat(names.last()).hasText("f49");
        button("Next page").click();
        PlaywrightAssertions.assertThat(names.first()).hasText("f50");
        PlaywrightAssertions.assertThat(names).hasCount(10);
        assertThat(Axe.violations(page)).as("a folder sorted within its page").isEmpty();
        page.unrouteAll();
    }

    @Test
    void fromAFilesDetailsItsMetadataIsSavedItIsCheckedCopiedAndRenamedButNeverOverAnotherFile() throws Exception {
        http.put("/buckets/details", new byte[0]);
        byte[] plan = "the plan, version one".getBytes(StandardCharsets.UTF_8);
        String planSha256 = sha256(new java.io.ByteArrayInputStream(plan));
        http.put("/files/notes/plan.txt?bucket=details", plan);
        http.put("/files/notes/taken.txt?bucket=details", "already here".getBytes(StandardCharsets.UTF_8));
        signIn(1440);
        page.navigate(cluster.url() + "/console/#/files/details/notes/");
        Locator dialog = page.getByRole(AriaRole.DIALOG);

        button("Details of plan.txt").click();
        dialog.getByLabel("Metadata name 1").fill("owner");
        dialog.getByLabel("Metadata value 1").fill("alice");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save metadata")).click();
        PlaywrightAssertions.assertThat(dialog.locator("#metadata-saved")).containsText("Saved at");
        assertThat(http.get("/files/notes/plan.txt/metadata?bucket=details").json().path("metadata").path("owner")
                .asText()).isEqualTo("alice");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Check and repair")).click();
        PlaywrightAssertions.assertThat(dialog.getByText("Checked:")).isVisible();
        assertThat(Axe.violations(page)).as("a file's details").isEmpty();

        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy")).click();
        PlaywrightAssertions.assertThat(page.getByLabel("Name of the copy (folders with \"/\")"))
                .hasValue("notes/plan copy.txt");
        button("OK").click();
        PlaywrightAssertions.assertThat(fileLink("plan copy.txt")).isVisible();
        assertThat(storedSha256("details", "notes/plan copy.txt")).isEqualTo(planSha256);

        // Renaming onto a file that exists is refused, and the file keeps its name.
        button("Details of plan.txt").click();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rename or move")).click();
        page.getByLabel("New name (folders with \"/\")").fill("notes/taken.txt");
        button("OK").click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.ALERT)).containsText("Renaming notes/plan.txt");
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.ALERT)).containsText("already exists");
        pageErrors.removeIf(error -> error.contains("status of 409")); // the refusal this test asked for
        assertThat(storedSha256("details", "notes/plan.txt")).isEqualTo(planSha256);
        assertThat(http.get("/files?bucket=details&key=notes/taken.txt").body()).asString(StandardCharsets.UTF_8)
                .isEqualTo("already here");

        button("Details of plan.txt").click();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rename or move")).click();
        page.getByLabel("New name (folders with \"/\")").fill("archive/plan.txt");
        button("OK").click();
        PlaywrightAssertions.assertThat(fileLink("plan.txt")).hasCount(0);
        assertThat(storedSha256("details", "archive/plan.txt")).isEqualTo(planSha256);
        assertThat(http.get("/files?bucket=details&key=notes/plan.txt").status()).isEqualTo(404);
        assertThat(http.get("/files/archive/plan.txt/metadata?bucket=details").json().path("metadata")
                .path("owner").asText()).as("the metadata moves with the file").isEqualTo("alice");
    }

    @Test
    void filesStoredAndDeletedElsewhereShowWithoutAReloadAndTheSelectionAndFocusStay() throws Exception {
        http.put("/buckets/live", new byte[0]);
        http.put("/files/kept.txt?bucket=live", "kept".getBytes(StandardCharsets.UTF_8));
        http.put("/files/doomed.txt?bucket=live", "doomed".getBytes(StandardCharsets.UTF_8));
        signIn(1440);
        page.navigate(cluster.url() + "/console/#/files/live");
        PlaywrightAssertions.assertThat(fileLink("doomed.txt")).isVisible();
        page.evaluate("window.__notReloaded = true");
        page.getByLabel("Select kept.txt").check();
        page.getByLabel("Details of kept.txt").focus();

        http.put("/files/arrived.txt?bucket=live", "from another client".getBytes(StandardCharsets.UTF_8));
        http.delete("/files?bucket=live&key=doomed.txt");
        // Listed again every 3 s: one round, and time for a busy machine.
        PlaywrightAssertions.assertThat(fileLink("arrived.txt")).isVisible(SOON);
        PlaywrightAssertions.assertThat(fileLink("doomed.txt")).hasCount(0);
        assertThat(page.evaluate("window.__notReloaded")).as("the page was not reloaded").isEqualTo(true);
        PlaywrightAssertions.assertThat(page.getByLabel("Select kept.txt")).isChecked();
        PlaywrightAssertions.assertThat(page.getByText("1 selected")).isVisible();
        PlaywrightAssertions.assertThat(page.getByLabel("Details of kept.txt")).isFocused();

        // The bucket deleted elsewhere: the page says so instead of showing what is gone as if it were there.
        http.delete("/files?bucket=live&key=kept.txt");
        http.delete("/files?bucket=live&key=arrived.txt");
        assertThat(http.delete("/buckets/live").status()).isEqualTo(200);
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.ALERT)).containsText("Listing live/", SOON_TEXT);
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.ALERT)).hasCount(1);
        pageErrors.removeIf(error -> error.contains("status of 404")); // the bucket this test deleted
    }

    @Test
    void everyVersionIsListedAndAnOldOneDownloads() throws Exception {
        Path first = twoVersionsWithTheirDialogOpen("versioned", 5);
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        PlaywrightAssertions.assertThat(dialog.getByRole(AriaRole.ROW)).hasCount(3);
        Download old = page.waitForDownload(() -> dialog.getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Download version 1 of doc.txt")).click());
        assertThat(sha256(old.path())).isEqualTo(sha256(first));
        assertThat(Axe.violations(page)).as("the versions dialog").isEmpty();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();
    }

    @Test
    void anOldVersionIsRestoredAsTheLatest() throws Exception {
        Path first = twoVersionsWithTheirDialogOpen("restored", 9);
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Restore version 1 of doc.txt")).click();
        // The dialog opens again on the new history: three versions, the newest a copy of the first.
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.ROW)).hasCount(4);
        assertThat(storedSha256("restored", "doc.txt")).isEqualTo(sha256(first));
        assertThat(http.get("/files/doc.txt/versions?bucket=restored").json().get("versions")).hasSize(3);
    }

    @Test
    void aShareLinkOpensTheFileInABrowserThatIsNotSignedIn() throws Exception {
        signIn(1440);
        createBucketThroughTheDialog("sharing");
        Path note = files.resolve("note.txt");
        Files.writeString(note, "shared with a link\n");
        upload(note, "1 done");
        button("Details of note.txt").click();
        page.getByLabel("Link valid for").selectOption("86400");
        button("Create link").click();
        Locator field = page.getByLabel(Pattern.compile("^Link \\(until"));
        PlaywrightAssertions.assertThat(field).hasValue(Pattern.compile("X-Amz-Signature="));
        String url = field.inputValue();
        assertThat(url).contains("X-Amz-Expires=86400");
        assertThat(Axe.violations(page)).as("the file's details dialog").isEmpty();
        shoot("details");
        button("Copy link").click();
        PlaywrightAssertions.assertThat(page.getByText("Copied to the clipboard.")).isVisible();

        try (Page stranger = chromium.newPage(1024, 768)) {
            assertThat(stranger.context().cookies()).isEmpty();
            Download opened = stranger.waitForDownload(() -> {
                try {
                    stranger.navigate(url);
                } catch (com.microsoft.playwright.PlaywrightException downloading) {
                    // A navigation that becomes a download (Content-Disposition: attachment) ends this way.
                }
            });
            assertThat(opened.suggestedFilename()).isEqualTo("note.txt");
            assertThat(Files.readString(opened.path())).isEqualTo("shared with a link\n");
            com.microsoft.playwright.Response tampered = stranger.navigate(url.replace("note.txt", "other.txt"));
            assertThat(tampered.status()).isEqualTo(401);
            assertThat(tampered.text()).as("an answer the browser shows, no password dialog").contains("SigV4");
        }
    }

    @Test
    void aLargeUploadInterruptedThenReloadedResumesSendingOnlyThePartsNotStoredOrChanged() throws Exception {
        signIn(1440);
        createBucketThroughTheDialog("resumed");
        Path big = randomFile("resume/big.bin", 96L * MIB, 11);
        // The network fails for every part after the second: the upload stops, with parts 1 and 2 stored.
        Pattern part = Pattern.compile("/uploads/([^/?]+)/(\\d+)\\?");
        page.route(url -> part.matcher(url).find(), route -> {
            var m = part.matcher(route.request().url());
            if (m.find() && Integer.parseInt(m.group(2)) > 2) {
                route.abort("connectionfailed");
            } else {
                route.resume();
            }
        });
        FileChooser chooser = page.waitForFileChooser(() -> button("Upload files").click());
        chooser.setFiles(big);
        PlaywrightAssertions.assertThat(page.locator(".upload-summary")).containsText("1 failed");
        String id = (String) page.evaluate("Object.values(JSON.parse(localStorage.getItem('cairn-pending-uploads')))[0].id");
        // Parts 1 and 2 may still be on their way when part 3 fails: wait until the server holds both.
        String parts = "/uploads/" + id + "?bucket=resumed&key=big.bin";
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (http.get(parts).json().get("parts").size() < 2) {
            assertThat(System.nanoTime()).as("parts 1 and 2 stored").isLessThan(deadline);
            Thread.sleep(100);
        }
        List<Integer> stored = new ArrayList<>();
        http.get(parts).json().get("parts").forEach(p -> stored.add(p.get("part").asInt()));
        assertThat(stored).as("no part started after the failure").containsExactly(1, 2);

        // Meanwhile the file's first part changes, its size and date kept: part 1 stored is not this file's any more.
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(big);
        try (var file = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.WRITE)) {
            file.write(java.nio.ByteBuffer.wrap("changed while the upload was interrupted".getBytes()), 1000);
        }
        Files.setLastModifiedTime(big, modified);

        page.unrouteAll();
        page.reload();
        PlaywrightAssertions.assertThat(heading("resumed")).isVisible();
        PlaywrightAssertions.assertThat(page.getByText("Interrupted uploads")).isVisible();
        List<Integer> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            var m = part.matcher(request.url());
            if (request.method().equals("PUT") && m.find()) {
                sent.add(Integer.parseInt(m.group(2)));
            }
        });
        chooser = page.waitForFileChooser(() -> button("Upload files").click());
        chooser.setFiles(big);
        PlaywrightAssertions.assertThat(page.locator(".upload-summary")).hasText("1 done",
                new LocatorAssertions.HasTextOptions().setTimeout(120_000));
        assertThat(sent).as("parts sent after the reload: all but the stored one whose SHA-256 is the file's")
                .containsExactlyInAnyOrder(1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(storedSha256("resumed", "big.bin")).isEqualTo(sha256(big));
        PlaywrightAssertions.assertThat(page.getByText("Interrupted uploads")).isHidden();
        assertThat(page.evaluate("localStorage.getItem('cairn-pending-uploads')")).isEqualTo("{}");
        pageErrors.removeIf(error -> error.contains("ERR_CONNECTION_FAILED")); // the network failure this test made
    }

    @Test
    void anUploadBegunInAnotherBrowserIsResumedHereButAnotherFilesUploadOfTheSameNameIsLeftAlone() throws Exception {
        http.put("/buckets/elsewhere", new byte[0]);
        Path big = randomFile("elsewhere/big.bin", 40L * MIB, 21);
        Path other = randomFile("elsewhere/other.bin", 40L * MIB, 22);
        // As another browser left them (parts of 8 MiB, as the console cuts 40 MiB): parts 1 and 2 of big.bin, and
        // part 1 of other.bin but from another file's bytes.
        String begun = http.post("/uploads?bucket=elsewhere&key=big.bin").json().get("upload_id").asText();
        putPart(begun, "big.bin", 1, range(big, 0, 8 * MIB));
        putPart(begun, "big.bin", 2, range(big, 8 * MIB, 8 * MIB));
        String foreign = http.post("/uploads?bucket=elsewhere&key=other.bin").json().get("upload_id").asText();
        putPart(foreign, "other.bin", 1, range(big, 16 * MIB, 8 * MIB));

        signIn(1440);
        page.navigate(cluster.url() + "/console/#/files/elsewhere");
        Pattern part = Pattern.compile("/uploads/([^/?]+)/(\\d+)\\?");
        List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            var m = part.matcher(request.url());
            if (request.method().equals("PUT") && m.find()) {
                sent.add(m.group(1) + "/" + m.group(2));
            }
        });
        drop(big, other);
        PlaywrightAssertions.assertThat(page.locator(".upload-summary")).hasText("2 done",
                new LocatorAssertions.HasTextOptions().setTimeout(120_000));
        assertThat(storedSha256("elsewhere", "big.bin")).isEqualTo(sha256(big));
        assertThat(storedSha256("elsewhere", "other.bin")).isEqualTo(sha256(other));
        assertThat(sent.stream().filter(s -> s.startsWith(begun + "/")).toList()).as("big.bin: only parts 3-5")
                .containsExactlyInAnyOrder(begun + "/3", begun + "/4", begun + "/5");
        assertThat(sent.stream().filter(s -> s.startsWith(foreign + "/")).toList()).as("other.bin's foreign upload")
                .isEmpty();
        assertThat(sent.stream().filter(s -> s.endsWith("/1")).count()).as("part 1 of other.bin, in a new upload")
                .isEqualTo(1);
        assertThat(http.get("/uploads/" + foreign + "?bucket=elsewhere&key=other.bin").status())
                .as("the other upload, still there for whoever began it").isEqualTo(200);
        http.delete("/uploads/" + foreign + "?bucket=elsewhere&key=other.bin");
    }

    private static byte[] range(Path file, long offset, int length) throws Exception {
        try (var in = new java.io.RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[length];
            in.seek(offset);
            in.readFully(bytes);
            return bytes;
        }
    }

    private static void putPart(String upload, String key, int n, byte[] bytes) throws Exception {
        String digest = java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        Http.Response put = http.send(http.request("/uploads/" + upload + "/" + n + "?bucket=elsewhere&key=" + key)
                .header("Content-Digest", "sha-256=:" + digest + ":")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
    }

    @Test
    void unfinishedUploadsOfAFolderAreListedAndOneIsDiscardedOnceConfirmed() throws Exception {
        http.put("/buckets/unfinished", new byte[0]);
        String first = http.post("/uploads?bucket=unfinished&key=docs/a.iso").json().get("upload_id").asText();
        String second = http.post("/uploads?bucket=unfinished&key=docs/b.iso").json().get("upload_id").asText();
        http.post("/uploads?bucket=unfinished&key=elsewhere.iso");
        signIn(1440);
        page.navigate(cluster.url() + "/console/#/files/unfinished/docs/");
        Locator section = page.locator("#unfinished");
        PlaywrightAssertions.assertThat(section.locator("summary")).hasText("2 unfinished uploads in this folder");
        section.locator("summary").click();
        // The name goes on with when it was begun: matched by its start.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Discard the unfinished upload of docs/a.iso")).click();
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Discard")).click();
        PlaywrightAssertions.assertThat(section.locator("summary")).hasText("1 unfinished upload in this folder");
        assertThat(http.get("/uploads/" + first + "?bucket=unfinished&key=docs/a.iso").status()).isEqualTo(404);
        assertThat(http.get("/uploads/" + second + "?bucket=unfinished&key=docs/b.iso").status()).isEqualTo(200);
        assertThat(Axe.violations(page)).as("a folder with an unfinished upload").isEmpty();
    }

    @Test
    void anInterruptedUploadTheServerNoLongerHasIsForgottenAndOneItHasIsStillOffered() throws Exception {
        http.put("/buckets/pending", new byte[0]);
        String live = http.post("/uploads?bucket=pending&key=kept.bin").json().get("upload_id").asText();
        signIn(1440);
        // As an earlier page left them: one upload still on the server, one completed or expired since.
        page.evaluate("([live]) => localStorage.setItem('cairn-pending-uploads', JSON.stringify({"
                + " 'pending\\u0000kept.bin\\u0000100000000\\u00001': {id: live, partSize: 8388608, bucket: 'pending',"
                + "   key: 'kept.bin', name: 'kept.bin', size: 100000000, at: 1},"
                + " 'pending\\u0000gone.bin\\u0000100000000\\u00001': {id: 'no-such-upload', partSize: 8388608,"
                + "   bucket: 'pending', key: 'gone.bin', name: 'gone.bin', size: 100000000, at: 1}}))",
                List.of(live));
        page.reload();
        PlaywrightAssertions.assertThat(page.getByText("Interrupted uploads")).isVisible();
        Locator interrupted = page.locator("[data-state=interrupted]");
        PlaywrightAssertions.assertThat(interrupted).hasCount(1);
        PlaywrightAssertions.assertThat(interrupted).containsText("pending/kept.bin");
        assertThat((String) page.evaluate("localStorage.getItem('cairn-pending-uploads')")).contains(live)
                .doesNotContain("no-such-upload");
        pageErrors.removeIf(error -> error.contains("status of 404")); // the upload the server no longer has
        http.delete("/uploads/" + live + "?bucket=pending&key=kept.bin");
    }

    @Test
    void aDeletedFileIsGoneOnceConfirmedAndStaysWhenCancelled() throws Exception {
        signIn(1440);
        createBucketThroughTheDialog("pruned");
        upload(randomFile("keep.txt", 100, 7), "1 done");
        button("Delete keep.txt").click();
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel"))
                .click();
        assertThat(http.get("/files?bucket=pruned&key=keep.txt").status()).isEqualTo(200);
        button("Delete keep.txt").click();
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete"))
                .click();
        PlaywrightAssertions.assertThat(page.getByText("This folder is empty")).isVisible();
        assertThat(http.get("/files?bucket=pruned&key=keep.txt").status()).isEqualTo(404);
    }

    @Test
    void withTheKeyboardAloneAFileIsUploadedAndDeleted() throws Exception {
        open(1440);
        page.keyboard().press("Tab"); // the access key field has the focus already; Tab would leave it
        page.getByLabel("Access key").focus();
        page.keyboard().type(TestClusters.ROOT_KEY);
        page.keyboard().press("Tab");
        page.keyboard().type(TestClusters.ROOT_SECRET);
        page.keyboard().press("Enter");
        PlaywrightAssertions.assertThat(heading("Buckets")).isVisible();
        http.put("/buckets/typed", new byte[0]);
        page.navigate(cluster.url() + "/console/#/files/typed");
        PlaywrightAssertions.assertThat(heading("typed")).isVisible();
        PlaywrightAssertions.assertThat(page.getByText("This folder is empty")).isVisible();

        Path file = randomFile("typed.txt", 10_000, 8);
        // Listening before the key is pressed: a key press is too quick for waitForFileChooser to start intercepting
        // the chooser in time.
        List<FileChooser> choosers = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onFileChooser(choosers::add);
        tabUntilFocused(button("Upload files"));
        page.keyboard().press("Enter");
        page.waitForCondition(() -> !choosers.isEmpty());
        FileChooser chooser = choosers.getFirst();
        chooser.setFiles(file);
        PlaywrightAssertions.assertThat(page.locator(".upload-summary")).hasText("1 done");
        assertThat(storedSha256("typed", "typed.txt")).isEqualTo(sha256(file));

        PlaywrightAssertions.assertThat(button("Delete typed.txt")).isVisible(SOON);
        tabUntilFocused(button("Delete typed.txt"));
        page.keyboard().press("Enter");
        Locator confirm = page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Delete"));
        tabUntilFocused(confirm);
        page.keyboard().press("Enter");
        PlaywrightAssertions.assertThat(page.getByText("This folder is empty")).isVisible();
        assertThat(http.get("/files?bucket=typed&key=typed.txt").status()).isEqualTo(404);
    }

    @Test
    void everyPageHasNoAccessibilityViolationsInEitherThemeAndLoadsUnder300KB() throws Exception {
        http.put("/buckets/shown", new byte[0]);
        http.put("/files/docs/readme.md?bucket=shown", "# hello".getBytes(StandardCharsets.UTF_8));
        http.put("/files/photo.jpg?bucket=shown", new byte[12_345]);
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            for (int width : List.of(375, 1440)) {
                String suffix = "-" + width + (scheme == ColorScheme.DARK ? "-dark" : "");
                open(width);
                page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
                checkPage("sign-in" + suffix);
                if (width == 1440 && scheme == ColorScheme.LIGHT) {
                    double transferred = ((Number) page.evaluate("performance.getEntriesByType('navigation')"
                            + ".concat(performance.getEntriesByType('resource'))"
                            + ".reduce((sum, e) => sum + e.transferSize, 0)")).doubleValue();
                    System.out.printf("console first load: %.1f KB transferred%n", transferred / 1024);
                    assertThat(transferred).as("bytes of the first page load").isLessThan(300 * 1024);
                }
                signInOnTheForm();
                checkPage("buckets" + suffix);
                page.navigate(cluster.url() + "/console/#/files/shown");
                PlaywrightAssertions.assertThat(fileLink("photo.jpg")).isVisible();
                checkPage("files" + suffix);
                page.navigate(cluster.url() + "/console/#/access");
                PlaywrightAssertions.assertThat(page.locator("#policies tbody tr").first()).isVisible();
                checkPage("access" + suffix);
                page.navigate(cluster.url() + "/console/#/cluster");
                PlaywrightAssertions.assertThat(page.locator("#nodes tbody tr")).hasCount(3);
                PlaywrightAssertions.assertThat(page.locator("#charts figure")).hasCount(2);
                checkPage("cluster" + suffix);
                page.close();
                page = null;
            }
        }
    }

    @Test
    void aStoppedNodeShowsAsUnhealthyOnTheClusterPageWithoutAReload() throws Exception {
        signIn(1440);
        page.navigate(cluster.url() + "/console/#/cluster");
        Locator row = page.locator("#nodes tbody tr").nth(2);
        PlaywrightAssertions.assertThat(row).containsText("healthy");
        String nodeId = row.getAttribute("data-node");
        String url = row.locator(".sub").first().textContent();
        int index = -1;
        for (int i = 0; i < cluster.nodeCount(); i++) {
            if (cluster.node(i).url().equals(url)) {
                index = i;
            }
        }
        assertThat(index).as("the row's node is one of the cluster's").isNotNegative();
        page.evaluate("window.__notReloaded = true");
        long stopped = System.nanoTime();
        cluster.stopNode(index);
        // The node timeout of the test clusters (2 s), then at most one refresh of the page (2 s).
        PlaywrightAssertions.assertThat(page.locator("[data-node='" + nodeId + "']")).containsText("unhealthy",
                new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
        System.out.printf("stopped node shown unhealthy after %d ms%n", (System.nanoTime() - stopped) / 1_000_000);
        assertThat(page.evaluate("window.__notReloaded")).as("the page was not reloaded").isEqualTo(true);
        PlaywrightAssertions.assertThat(page.locator("#summary")).containsText("2 of 3 healthy");
        shoot("cluster-node-down");
        cluster.startNode(index);
    }

    @Test
    void aNodeIsDrainedAndEnabledFromTheClusterPageAndTheRefreshesStayOneEveryTwoSeconds() throws Exception {
        signIn(1440);
        page.navigate(cluster.url() + "/console/#/cluster");
        Locator row = page.locator("#nodes tbody tr").first();
        PlaywrightAssertions.assertThat(row).containsText("active");
        String nodeId = row.getAttribute("data-node");
        try {
            button("Drain " + nodeId).click();
            page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Cancel")).click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);
            assertThat(nodeState(nodeId)).as("cancelled").isEqualTo("active");

            button("Drain " + nodeId).click();
            page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Drain")).click();
            PlaywrightAssertions.assertThat(page.locator("[data-node='" + nodeId + "']")).containsText("draining");
            assertThat(nodeState(nodeId)).isEqualTo("draining");

            button("Enable " + nodeId).click();
            page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Enable")).click();
            PlaywrightAssertions.assertThat(page.locator("[data-node='" + nodeId + "']")).containsText("active");
            assertThat(nodeState(nodeId)).isEqualTo("active");

            // Each action refreshed the page at once; that refresh must replace the timed one, not start another
            // loop beside it (three loops would ask about 9 times in 6 s; one asks 3 times, a slow machine fewer).
            List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());
            page.onRequest(request -> {
                if (java.net.URI.create(request.url()).getPath().equals("/status")) {
                    asked.add(request.url());
                }
            });
            page.waitForTimeout(6_000);
            assertThat(asked).hasSizeBetween(1, 4);
        } finally {
            http.post("/nodes/" + nodeId + "/enable");
        }
    }

    private static String nodeState(String nodeId) {
        for (JsonNode node : http.get("/nodes").json().get("nodes")) {
            if (node.get("node_id").asText().equals(nodeId)) {
                return node.get("state").asText();
            }
        }
        throw new AssertionError("no node " + nodeId);
    }

    @Test
    void aUserWithoutServerRightsIsToldOnceOnTheClusterPageAndSeesItOnceAllowed() {
        http.postJson("/admin/users", java.util.Map.of("name", "viewer", "policies", List.of("readonly")));
        JsonNode key = http.postJson("/admin/keys", java.util.Map.of("user", "viewer")).json();
        open(1440);
        page.getByLabel("Access key").fill(key.get("access_key").asText());
        page.getByLabel("Secret key").fill(key.get("secret_key").asText());
        button("Sign in").click();
        PlaywrightAssertions.assertThat(heading("Buckets")).isVisible();
        List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());
        page.onRequest(request -> asked.add(request.url()));
        page.navigate(cluster.url() + "/console/#/cluster");
        PlaywrightAssertions.assertThat(page.locator("#refusal")).containsText("The cluster view is not open to you");
        PlaywrightAssertions.assertThat(page.locator("#refusal")).containsText("admin:ServerInfo");
        PlaywrightAssertions.assertThat(page.locator("#nodes")).isHidden();
        assertThat(Axe.violations(page)).as("the cluster page refused").isEmpty();
        // Told once, it stops asking (it would be refused every 2 s) until asked to try again.
        page.waitForTimeout(5_000);
        assertThat(asked.stream().filter(url -> java.net.URI.create(url).getPath().equals("/status")).count())
                .isEqualTo(1);

        http.post("/admin/users/viewer/policies/admin");
        button("Try again").click();
        PlaywrightAssertions.assertThat(page.locator("#refusal")).isHidden();
        PlaywrightAssertions.assertThat(page.locator("#nodes tbody tr")).hasCount(cluster.nodeCount());
        PlaywrightAssertions.assertThat(page.locator("#updated")).containsText("Updated");
        pageErrors.removeIf(error -> error.contains("status of 403")); // the refusals this test is about
        http.delete("/admin/users/viewer");
    }

    @Test
    void aSnapshotIsTakenFromTheClusterPageOnceConfirmed() {
        signIn(1440);
        page.navigate(cluster.url() + "/console/#/cluster");
        button("Take a metadata snapshot now").click();
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Take snapshot")).click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                .setHasText("Snapshot taken at log index"))).isVisible();
        PlaywrightAssertions.assertThat(page.locator("#errors")).containsText("No server errors");
    }

    @Test
    void aUserAndAnAccessKeyMadeInTheConsoleWorkAndTheKeyStopsWhenDisabled() throws Exception {
        signIn(1440);
        // The list of policies is held back until "Add user" was clicked: the dialog must wait for it, not fail.
        List<com.microsoft.playwright.Route> held = new ArrayList<>();
        page.route(url -> url.contains("/admin/policies"), held::add);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Access")).click();
        page.waitForCondition(() -> !held.isEmpty());
        button("Add user").click();
        held.getFirst().resume();
        page.unrouteAll();
        page.getByLabel("Name").fill("carol");
        button("Add user").last().click();
        PlaywrightAssertions.assertThat(page.locator("#users")).containsText("carol");
        button("Create access key").click();
        page.getByLabel("For user").selectOption("carol");
        page.getByLabel("Label (optional)").fill("laptop");
        button("Create").click();
        String key = page.locator("#created-key").inputValue();
        String secret = page.locator("#created-secret").inputValue();
        assertThat(Axe.violations(page)).as("the new key's dialog").isEmpty();
        button("Done").click();
        assertThat(statusAs(key, secret, "/buckets")).isEqualTo(200);
        assertThat(Axe.violations(page)).as("the access page").isEmpty();
        shoot("access");

        button("Disable key " + key).click();
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable"))
                .click();
        PlaywrightAssertions.assertThat(page.locator("#keys")).containsText("disabled");
        assertThat(statusAs(key, secret, "/buckets")).isEqualTo(401);
    }

    @Test
    void aPolicyAndAQuotaWrittenInTheConsoleDecideWhatAUserAndABucketMay() throws Exception {
        assertThat(http.put("/buckets/photos", new byte[0]).status()).isEqualTo(201);
        assertThat(http.put("/files/cat.jpg?bucket=photos", "a cat".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(201);
        signIn(1440);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Access")).click();

        button("New policy").click();
        page.getByLabel("Name").fill("read-photos");
        Locator document = page.getByLabel("Document (IAM policy JSON)");
        document.fill("{\"Version\": \"2012-10-17\", \"Statement\": [");
        button("Save").click();
        PlaywrightAssertions.assertThat(page.locator("#policy-error")).containsText("Not saved");
        assertThat(Axe.violations(page)).as("the policy dialog, with its error").isEmpty();
        shoot("policy-editor");
        // The dialog kept what was typed: the mistake is mended, not retyped.
        document.fill(document.inputValue() + "{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\"], "
                + "\"Resource\": [\"arn:aws:s3:::photos/*\"]}]}");
        button("Save").click();
        PlaywrightAssertions.assertThat(page.locator("#policies")).containsText("read-photos");

        button("Add user").click();
        page.getByLabel("Name").fill("dave");
        page.getByLabel("readwrite", new Page.GetByLabelOptions().setExact(true)).uncheck();
        page.getByLabel("read-photos", new Page.GetByLabelOptions().setExact(true)).check();
        button("Add user").last().click();
        PlaywrightAssertions.assertThat(page.locator("#users")).containsText("read-photos");
        JsonNode key = http.postJson("/admin/keys", Map.of("user", "dave")).json();
        Http dave = new Http(cluster.url()).as(key.get("access_key").asText(), key.get("secret_key").asText());
        assertThat(dave.get("/files/cat.jpg?bucket=photos").status()).as("allowed by the policy").isEqualTo(200);
        assertThat(dave.put("/files/dog.jpg?bucket=photos", new byte[10]).status()).as("not allowed")
                .isEqualTo(403);

        button("Set a quota").click();
        page.getByLabel("Of a").selectOption("bucket");
        page.getByLabel("Name").fill("photos");
        page.getByLabel("Most bytes").fill("1KiB");
        button("Save").click();
        PlaywrightAssertions.assertThat(page.locator("#quotas")).containsText("5 B of 1.00 KiB");
        assertThat(Axe.violations(page)).as("the access page with a quota").isEmpty();
        shoot("access-quotas");
        Http.Response over = http.put("/files/big.bin?bucket=photos", new byte[2000]);
        assertThat(over.status()).as(over.toString()).isEqualTo(403);
        assertThat(over.json().get("error").asText()).isEqualTo("QUOTA_EXCEEDED");

        button("Remove the quota of bucket photos").click();
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove"))
                .click();
        PlaywrightAssertions.assertThat(page.locator("#quotas")).not().containsText("photos");
        assertThat(http.put("/files/big.bin?bucket=photos", new byte[2000]).status()).isEqualTo(201);

        button("Edit policy read-photos").click();
        page.getByLabel("Document (IAM policy JSON)").fill("{\"Version\": \"2012-10-17\", \"Statement\": "
                + "[{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:PutObject\"], "
                + "\"Resource\": [\"arn:aws:s3:::photos/*\"]}]}");
        button("Save").click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.DIALOG)).isHidden();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                dave.put("/files/dog.jpg?bucket=photos", new byte[10]).status()).as("the policy as edited")
                .isEqualTo(201));
        pageErrors.removeIf(error -> error.contains("status of 400")); // the document this test had refused
    }

    @Test
    void anotherSitesPageCannotChangeAnythingWithTheSessionCookie() throws Exception {
        signIn(1440);
        // Another site: "localhost" is not the same site as 127.0.0.1, where the console is.
        HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String target = cluster.url();
        byte[] html = ("<!doctype html><html lang=en><title>evil</title><body>"
                + "<form id=f method=POST action='" + target + "/upload?bucket=default&filename=forged.txt' "
                + "enctype=multipart/form-data><input type=hidden name=x value=1></form>"
                + "<script>const body = new FormData(); body.append('file', new Blob(['forged']), 'f.txt');"
                + "fetch('" + target + "/upload?bucket=default&filename=fetched.txt', {method: 'POST', mode: 'no-cors',"
                + " credentials: 'include', body}).finally(() => document.getElementById('f').submit());</script>")
                .getBytes(StandardCharsets.UTF_8);
        evil.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, html.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(html);
            }
        });
        evil.start();
        try {
            List<Integer> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
            page.onResponse(response -> {
                if (response.url().contains("/upload?")) {
                    answers.add(response.status());
                }
            });
            page.waitForResponse(response -> response.url().contains("forged.txt"),
                    () -> page.navigate("http://localhost:" + evil.getAddress().getPort() + "/"));
            // Both came without the cookie (SameSite=Strict), so without a credential at all.
            assertThat(answers).as("the fetch's and the form's answers").containsExactly(401, 401);
        } finally {
            evil.stop(0);
        }
        assertThat(http.get("/files?key=forged.txt").status()).isEqualTo(404);
        assertThat(http.get("/files?key=fetched.txt").status()).isEqualTo(404);
    }

    // --- how a user gets around -------------------------------------------------------------------------------------

    private void open(int width) {
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

    private void signIn(int width) {
        open(width);
        signInOnTheForm();
    }

    private void signInOnTheForm() {
        page.getByLabel("Access key").fill(TestClusters.ROOT_KEY);
        page.getByLabel("Secret key").fill(TestClusters.ROOT_SECRET);
        button("Sign in").click();
        PlaywrightAssertions.assertThat(heading("Buckets")).isVisible();
    }

    private void createBucketThroughTheDialog(String name) {
        button("Create bucket").click();
        page.getByLabel("Bucket name").fill(name);
        button("OK").click();
        PlaywrightAssertions.assertThat(heading(name)).isVisible();
    }

    /** Drops files from disk on the folder, as a drag from the desktop does: the page's own drop handler runs. */
    private void drop(Path... paths) {
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
    private Path twoVersionsWithTheirDialogOpen(String bucket, long seed) throws Exception {
        signIn(1440);
        createBucketThroughTheDialog(bucket);
        Path first = randomFile(bucket + "-1/doc.txt", 1_000, seed);
        upload(first, "1 done");
        upload(randomFile(bucket + "-2/doc.txt", 2_000, seed + 1), "2 done");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Versions of doc.txt")))
                .click();
        return first;
    }

    private void upload(Path file, String summary) {
        FileChooser chooser = page.waitForFileChooser(() -> button("Upload files").click());
        chooser.setFiles(file);
        PlaywrightAssertions.assertThat(page.locator(".upload-summary")).hasText(summary);
    }

    private void tabUntilFocused(Locator target) {
        for (int i = 0; i < 60; i++) {
            if ((Boolean) target.evaluate("el => el === document.activeElement")) {
                return;
            }
            page.keyboard().press("Tab");
        }
        throw new AssertionError("60 presses of Tab never reached " + target);
    }

    private void checkPage(String name) {
        assertThat(Axe.violations(page)).as("axe on " + name).isEmpty();
        Chromium.screenshot(page, "console-" + name);
    }

    private void shoot(String name) {
        Chromium.screenshot(page, "console-" + name);
    }

    private Locator heading(String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator fileLink(String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    // --- what was stored ----------------------------------------------------------------------------------------------

    /** A file of unique content (dedup must not make it cheap), written a MiB at a time. */
    private static Path randomFile(String name, long size, long seed) throws Exception {
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

    private static String sha256(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[MIB];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static int statusAs(String key, String secret, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.url() + path))
                .header("Authorization", Http.basic(key, secret)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** What the REST API gives back for a key, streamed and hashed. */
    private static String storedSha256(String bucket, String key) throws Exception {
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
