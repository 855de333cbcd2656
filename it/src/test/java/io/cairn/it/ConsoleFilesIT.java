package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.cairn.it.browser.Axe;
import io.cairn.it.browser.RequiresChromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Files in the web console, in a real Chromium: folders and breadcrumbs, downloads and zips, whole-folder sorting,
 * a file's details (metadata, repair, copy, rename), the live listing, versions, share links and deletes, each
 * checked through the REST API.
 */
@RequiresChromium
class ConsoleFilesIT extends ConsoleBrowserTest {
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
}
