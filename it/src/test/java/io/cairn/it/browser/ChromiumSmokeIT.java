package io.cairn.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser-test harness itself, against a page from a JDK HTTP server: Chromium starts, runs the page's script
 * under a strict CSP, takes a screenshot, and axe finds nothing to report on a clean page but does on a broken one.
 */
@RequiresChromium
class ChromiumSmokeIT {
    /** As strict as the console's: nothing inline, nothing from elsewhere. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static final String CLEAN = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8"><title>Harness check</title>
              <link rel="icon" href="/dot.svg"><script src="/app.js" defer></script>
            </head>
            <body><main>
              <h1>Harness check</h1>
              <button type="button" id="greet">Say hello</button>
              <p id="status" role="status">Not clicked yet</p>
            </main></body>
            </html>
            """;

    static final String SCRIPT = """
            document.getElementById('greet').addEventListener('click', () => {
              document.getElementById('status').textContent = 'Hello from Cairn';
            });
            """;

    /** Breaks WCAG 1.1.1: an image with no text alternative. */
    static final String IMAGE_WITHOUT_ALT = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Missing alt</title></head>
            <body><main><h1>Missing alt</h1><img src="/dot.svg"></main></body>
            </html>
            """;

    /** The image, and the clean page's icon (without one Chromium asks for /favicon.ico and logs the 404). */
    static final String DOT = """
            <svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><circle cx="4" cy="4" r="4"/></svg>
            """;

    static HttpServer server;
    static String base;
    static Chromium chromium;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve("/", "text/html", CLEAN);
        serve("/app.js", "text/javascript", SCRIPT);
        serve("/no-alt", "text/html", IMAGE_WITHOUT_ALT);
        serve("/dot.svg", "image/svg+xml", DOT);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        chromium = Chromium.launch();
    }

    /** Exactly this path (HttpServer contexts match prefixes), with the CSP on every response. */
    static void serve(String path, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void clicksScreenshotsAndFindsNoAccessibilityViolations() throws IOException {
        try (Page page = chromium.newPage(375, 667)) {
            // A CSP violation or script error shows only in the console; the click alone would not notice one.
            List<String> errors = new CopyOnWriteArrayList<>();
            page.onConsoleMessage(message -> {
                if (message.type().equals("error")) {
                    errors.add(describe(message));
                }
            });
            page.onPageError(errors::add);

            page.navigate(base + "/");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Say hello")).click();
            PlaywrightAssertions.assertThat(page.locator("#status")).hasText("Hello from Cairn");

            Path screenshot = Chromium.screenshot(page, "harness-375");
            assertThat(screenshot).exists();
            assertThat(Files.size(screenshot)).isPositive();

            assertThat(Axe.violations(page)).isEmpty();
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void axeReportsAnImageWithoutAlt() {
        try (Page page = chromium.newPage(1440, 900)) {
            page.navigate(base + "/no-alt");
            List<Axe.Violation> violations = Axe.violations(page);
            assertThat(violations).extracting(Axe.Violation::id).containsExactly("image-alt");
            assertThat(violations.getFirst().targets()).containsExactly("img");
            assertThat(violations.getFirst().toString()).startsWith("image-alt (critical): ");
        }
    }

    static String describe(ConsoleMessage message) {
        return message.text() + " (" + message.location() + ")";
    }
}
