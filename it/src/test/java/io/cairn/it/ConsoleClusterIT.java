package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.cairn.it.browser.Axe;
import io.cairn.it.browser.RequiresChromium;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web console's cluster page, in a real Chromium: a stopped node shown without a reload, node actions, a user
 * without the right to see it, and snapshots.
 */
@RequiresChromium
class ConsoleClusterIT extends ConsoleBrowserTest {
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
}
