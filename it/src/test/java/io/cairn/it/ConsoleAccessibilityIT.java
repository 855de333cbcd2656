package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import io.cairn.it.browser.RequiresChromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The web console for everyone, in a real Chromium: axe-core over every page in both themes at phone and desktop
 * widths (with screenshots in it/target/screenshots), the first load's size, and a keyboard-only upload and delete.
 */
@RequiresChromium
class ConsoleAccessibilityIT extends ConsoleBrowserTest {
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
}
