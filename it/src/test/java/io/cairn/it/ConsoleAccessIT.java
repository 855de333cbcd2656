package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import com.sun.net.httpserver.HttpServer;
import io.cairn.it.browser.Axe;
import io.cairn.it.browser.RequiresChromium;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may do what through the web console, in a real Chromium: signing in (the cookie's flags), users, access keys,
 * policies and quotas made in the console and their effect through the API, and another site's page refused.
 */
@RequiresChromium
class ConsoleAccessIT extends ConsoleBrowserTest {
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
}
