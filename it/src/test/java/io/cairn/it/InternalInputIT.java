package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.ApiPaths;
import io.cairn.api.ClusterKey;
import io.cairn.core.Json;
import io.cairn.http.Access;
import io.cairn.http.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every internal route of a controller and of a node, called by a member of the cluster with a body that is not what
 * it takes: empty JSON, unknown fields, the wrong JSON type, not JSON, and one too large to read. Each answers a 4xx
 * with a JSON error naming what is wrong; none answers 500, none reads an unbounded body into memory.
 */
class InternalInputIT extends SharedClusterTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final List<String> BAD_BODIES = List.of("{}", "{\"unknown\":1,\"fields\":[2]}", "[1,2]", "\"text\"",
            "not json", "{\"nodeId\":null,\"bucket\":null,\"chunks\":[null]}",
            "{\"padding\":\"" + "x".repeat(5 << 20) + "\"}");

    /** Routes that take their arguments from the query and read no body. */
    private static final Set<String> NO_BODY = Set.of(ApiPaths.REBALANCE, ApiPaths.NODE_STATE, ApiPaths.REMOVE_NODE,
            ApiPaths.ABORT_UPLOAD, ApiPaths.VERSIONING);

    @Test
    void everyInternalRouteRefusesABadBodyWithA4xxThatSaysWhy() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        check(soft, cluster.url(), cluster.controller().routes());
        check(soft, cluster.node(0).url(), cluster.node(0).routes());
        soft.assertAll();
    }

    private static void check(SoftAssertions soft, String base, List<Router.RouteInfo> routes) throws Exception {
        ClusterKey key = cluster.settings().security().clusterKey();
        for (Router.RouteInfo route : routes) {
            if (route.access() != Access.CLUSTER || !(route.method().equals("POST") || route.method().equals("PUT"))
                    || route.prefix() || NO_BODY.contains(route.path())) {
                continue;
            }
            for (String body : BAD_BODIES) {
                String name = route.method() + " " + route.path() + " with " + (body.length() > 60
                        ? body.length() + " bytes" : body);
                HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + route.path()))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header(ClusterKey.HEADER, key.sign(route.path(), Instant.now()))
                        .method(route.method(), HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                soft.assertThat(response.statusCode()).as(name + ": " + response.body()).isBetween(400, 499);
                JsonNode error = parse(response.body());
                soft.assertThat(error.path("error").asText()).as(name + " error code").isNotEmpty();
                soft.assertThat(error.path("message").asText()).as(name + " message").isNotBlank();
            }
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
