package io.cairn.it.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The machine's own headless Chromium, driven by Playwright for browser tests. Playwright runs here without its
 * bundled Node and browsers (see it/pom.xml), so both programs come from the machine; {@link #find()} says which are
 * missing and {@link RequiresChromium} turns that into a skip (or, in CI, a failure).
 *
 * <pre>{@code
 * @RequiresChromium
 * class ConsoleIT {
 *     static Chromium chromium;
 *     @BeforeAll static void start() { chromium = Chromium.launch(); }
 *     @AfterAll static void stop() { chromium.close(); }
 *     @Test void signIn() {
 *         try (Page page = chromium.newPage(375, 812)) { ...; assertThat(Axe.violations(page)).isEmpty(); }
 *     }
 * }
 * }</pre>
 */
public final class Chromium implements AutoCloseable {
    /** Tried in order when {@code CAIRN_CHROMIUM} is not set: Debian's, Ubuntu's and Google's package. */
    static final List<Path> CHROMIUM_PATHS = List.of(
            Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"), Path.of("/usr/bin/google-chrome"));

    /**
     * No GPU, sandbox (tests often run as root, where Chromium refuses its sandbox) or background traffic to Google:
     * a test's only network is the loopback server it opens, and nothing runs between its steps.
     */
    static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic");

    /** Playwright 1.62's driver declares {@code engines.node >=20}; Debian 12's own nodejs (18) is older. */
    static final int NODE_MAJOR = 20;

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /**
     * The two programs a browser test needs, each null when not usable, and what is wrong with those that are not.
     *
     * @param problems what is missing, where it was looked for and what to install; empty when both are usable
     */
    public record Programs(Path chromium, Path node, List<String> problems) {
        /** Empty when both were found; else the problems in one line, for a skip or failure message. */
        public Optional<String> missing() {
            return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
        }
    }

    /**
     * Looks for Chromium ({@code CAIRN_CHROMIUM}, else {@link #CHROMIUM_PATHS}) and node
     * ({@code PLAYWRIGHT_NODEJS_PATH}, else {@code node} on the PATH), once per JVM. A variable that is set is the only
     * place looked at: a wrong setting should show, not be papered over by another binary. The launcher ./cairn looks
     * in the same places for its notice.
     */
    public static Programs find() {
        return Found.PROGRAMS;
    }

    /** Holds {@link #find()}'s answer: the search runs node, and every test class's condition asks. */
    private static final class Found {
        static final Programs PROGRAMS = search();
    }

    private static Programs search() {
        List<String> problems = new ArrayList<>();

        String chromiumVariable = System.getenv("CAIRN_CHROMIUM");
        Path chromium;
        if (chromiumVariable != null && !chromiumVariable.isEmpty()) {
            chromium = executable(Path.of(chromiumVariable));
            if (chromium == null) {
                problems.add("no Chromium found at CAIRN_CHROMIUM=" + chromiumVariable
                        + " (not an executable file; unset it to use the chromium package's)");
            }
        } else {
            chromium = CHROMIUM_PATHS.stream().map(Chromium::executable).filter(p -> p != null).findFirst()
                    .orElse(null);
            if (chromium == null) {
                problems.add("no Chromium found at "
                        + String.join(", ", CHROMIUM_PATHS.stream().map(Path::toString).toList())
                        + " (install Debian's chromium package, or set CAIRN_CHROMIUM)");
            }
        }

        String nodeVariable = System.getenv("PLAYWRIGHT_NODEJS_PATH");
        Path node;
        if (nodeVariable != null && !nodeVariable.isEmpty()) {
            node = executable(Path.of(nodeVariable));
            if (node == null) {
                problems.add("no node found at PLAYWRIGHT_NODEJS_PATH=" + nodeVariable + " (not an executable file)");
            }
        } else {
            node = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                    .filter(dir -> !dir.isEmpty()).map(dir -> executable(Path.of(dir, "node")))
                    .filter(p -> p != null).findFirst().orElse(null);
            if (node == null) {
                problems.add("no node found on the PATH (install Node.js " + NODE_MAJOR
                        + " or newer, or set PLAYWRIGHT_NODEJS_PATH)");
            }
        }
        if (node != null) {
            String version = version(node);
            if (major(version) < NODE_MAJOR) {
                problems.add("node at " + node + " is " + (version.isEmpty() ? "not runnable" : version)
                        + ", Playwright needs Node.js " + NODE_MAJOR + " or newer (set PLAYWRIGHT_NODEJS_PATH to one)");
                node = null;
            }
        }
        return new Programs(chromium, node, List.copyOf(problems));
    }

    private static Path executable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file) ? file : null;
    }

    /** 20 for "v20.20.2"; 0 for anything else. */
    private static int major(String nodeVersion) {
        return nodeVersion.matches("v\\d+\\..*")
                ? Integer.parseInt(nodeVersion.substring(1, nodeVersion.indexOf('.')))
                : 0;
    }

    /** What {@code node --version} prints ("v20.20.2"), or "" when it does not run. */
    private static String version(Path node) {
        try {
            Process process = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Starts Playwright's driver and a headless Chromium; fails, naming what is missing, when {@link #find()} does. */
    public static Chromium launch() {
        Programs programs = find();
        programs.missing().ifPresent(missing -> {
            throw new IllegalStateException("cannot start the browser tests' Chromium: " + missing);
        });
        // Without driver-bundle Playwright needs to be told which node runs its driver, and not to fetch browsers
        // (it would try at create() and fail offline).
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of(
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
                "PLAYWRIGHT_NODEJS_PATH", programs.node().toString())));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setHeadless(true).setExecutablePath(programs.chromium()).setArgs(ARGS));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** The browser itself, for what {@link #newPage} does not cover (several pages sharing one context). */
    public Browser browser() {
        return browser;
    }

    /**
     * A page in a browser context of its own (no cookies or storage shared with other tests); closing the page closes
     * that context.
     */
    public Page newPage(int width, int height) {
        return browser.newPage(new Browser.NewPageOptions().setViewportSize(width, height));
    }

    /** Saves the whole page as {@code it/target/screenshots/NAME.png} and returns the file. */
    public static Path screenshot(Page page, String name) {
        Path file = screenshotDirectory().resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    /** Under the module's target, so {@code mvn clean} removes them and CI can keep them as artifacts. */
    static Path screenshotDirectory() {
        // Maven sets basedir to the module's directory; an IDE usually runs the tests in that directory instead.
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target").resolve("screenshots");
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
