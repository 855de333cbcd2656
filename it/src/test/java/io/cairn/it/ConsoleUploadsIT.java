package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.cairn.it.browser.Axe;
import io.cairn.it.browser.RequiresChromium;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Uploads in the web console, in a real Chromium: dropped files and folders (one of 200 MiB), uploads in parts
 * resumed after a reload or from another browser, and unfinished uploads listed, forgotten or discarded, each
 * checked byte for byte through the REST API.
 */
@RequiresChromium
class ConsoleUploadsIT extends ConsoleBrowserTest {
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
}
