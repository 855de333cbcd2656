package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.api.ApiPaths;
import io.cairn.api.ClusterKey;
import io.cairn.app.LocalCluster;
import io.cairn.gateway.RestEndpoint;
import io.cairn.gateway.RestRouter;
import io.cairn.http.Access;
import io.cairn.http.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of every process kind, walked from the route tables themselves, refuses a caller without the right
 * credential: a route added later without deciding who may call it, or decided wrongly, makes this fail.
 */
class RouteProtectionIT {
    @TempDir
    static Path dir;
    private static LocalCluster cluster;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String NOBODY = "nobody";
    private static String nobodyKey;
    private static String nobodySecret;

    /** One request per REST endpoint kind; the test checks every kind the router knows has one. */
    private static final Map<Class<?>, String> REST_SAMPLES = Map.ofEntries(
            Map.entry(RestEndpoint.Upload.class, "POST /upload"),
            Map.entry(RestEndpoint.PutFile.class, "PUT /files/probe"),
            Map.entry(RestEndpoint.ListFiles.class, "GET /files"),
            Map.entry(RestEndpoint.Download.class, "GET /download/probe"),
            Map.entry(RestEndpoint.DeleteFile.class, "DELETE /files/probe"),
            Map.entry(RestEndpoint.Chunks.class, "GET /files/probe/chunks"),
            Map.entry(RestEndpoint.GetMetadata.class, "GET /files/probe/metadata"),
            Map.entry(RestEndpoint.PutMetadata.class, "PUT /files/probe/metadata"),
            Map.entry(RestEndpoint.Versions.class, "GET /files/probe/versions"),
            Map.entry(RestEndpoint.Status.class, "GET /status"),
            Map.entry(RestEndpoint.Nodes.class, "GET /nodes"),
            Map.entry(RestEndpoint.ListBuckets.class, "GET /buckets"),
            Map.entry(RestEndpoint.CreateBucket.class, "PUT /buckets/probe"),
            Map.entry(RestEndpoint.DeleteBucket.class, "DELETE /buckets/default"),
            Map.entry(RestEndpoint.SetConsistency.class, "PUT /buckets/default/consistency"),
            Map.entry(RestEndpoint.Rebalance.class, "POST /rebalance"),
            Map.entry(RestEndpoint.RepairFile.class, "POST /files/probe/repair"),
            Map.entry(RestEndpoint.RecoveryStatus.class, "GET /recovery/status"),
            Map.entry(RestEndpoint.DrainNode.class, "POST /nodes/probe/drain"),
            Map.entry(RestEndpoint.EnableNode.class, "POST /nodes/probe/enable"),
            Map.entry(RestEndpoint.RemoveNode.class, "DELETE /nodes/probe"),
            Map.entry(RestEndpoint.CopyFile.class, "POST /files/probe/copy?to=elsewhere"),
            Map.entry(RestEndpoint.ShareFile.class, "POST /files/probe/share"),
            Map.entry(RestEndpoint.CreateUpload.class, "POST /uploads?key=probe"),
            Map.entry(RestEndpoint.UploadPart.class, "PUT /uploads/probe/1?key=probe"),
            Map.entry(RestEndpoint.ListParts.class, "GET /uploads/probe?key=probe"),
            Map.entry(RestEndpoint.CompleteUpload.class, "POST /uploads/probe?key=probe"),
            Map.entry(RestEndpoint.AbortUpload.class, "DELETE /uploads/probe?key=probe"),
            Map.entry(RestEndpoint.ListUploads.class, "GET /uploads"),
            Map.entry(RestEndpoint.Archive.class, "GET /archive?key=probe"));

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.start(dir);
        Http root = new Http(cluster.url());
        assertThat(root.postJson("/admin/users", Map.of("name", NOBODY)).status()).isEqualTo(201);
        var key = root.postJson("/admin/keys", Map.of("user", NOBODY)).json();
        nobodyKey = key.get("access_key").asText();
        nobodySecret = key.get("secret_key").asText();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void everyControllerAndGatewayRouteRefusesStrangersAndEveryUserRouteAUserWithoutRights() throws Exception {
        List<Router.RouteInfo> routes = cluster.controller().routes();
        assertThat(routes).extracting(Router.RouteInfo::access).contains(Access.CLUSTER, Access.USER, Access.OPEN,
                Access.METRICS, Access.CONSOLE_FILE);
        SoftAssertions soft = new SoftAssertions();
        for (Router.RouteInfo route : routes) {
            String url = cluster.url() + probePath(route);
            int anonymous = status(route.method(), url, Map.of());
            int nobody = status(route.method(), url, basic(nobodyKey, nobodySecret));
            int root = status(route.method(), url, basic(TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET));
            String name = route.method() + " " + route.path() + (route.prefix() ? "*" : "");
            switch (route.access()) {
                // The enrollment route takes anyone's request, and refuses it without a join token's proof; the
                // console's sign-in refuses a request that is not a JSON sign-in form.
                case OPEN -> soft.assertThat(anonymous).as(name).isEqualTo(
                        Map.of(ApiPaths.ENROLL, 401, "/console/session", 400).getOrDefault(route.path(), 200));
                // The console's own files: read-only, the same in every install; a redirect to the page, the page,
                // or (for a probe name) nothing.
                case CONSOLE_FILE -> {
                    soft.assertThat(route.method()).as(name).isEqualTo("GET");
                    soft.assertThat(anonymous).as(name).isEqualTo(route.prefix() ? 404
                            : route.path().equals("/console/") ? 200 : 302);
                }
                case CLUSTER -> {
                    soft.assertThat(anonymous).as(name + " anonymous").isEqualTo(401);
                    soft.assertThat(root).as(name + " as the root user").isEqualTo(403);
                    soft.assertThat(status(route.method(), url, Map.of(ClusterKey.HEADER, ClusterKey.generate()
                            .sign(probePath(route), Instant.now())))).as(name + " another cluster's").isEqualTo(401);
                }
                case USER -> {
                    soft.assertThat(anonymous).as(name + " anonymous").isEqualTo(401);
                    // Any user may ask who they are and sign out: no right is needed for their own session.
                    if (!route.path().equals("/") && !route.path().equals("/console/session")) {
                        soft.assertThat(nobody).as(name + " as a user without rights").isEqualTo(403);
                    }
                }
                case METRICS -> {
                    soft.assertThat(anonymous).as(name + " anonymous").isEqualTo(401);
                    soft.assertThat(status(route.method(), url, Map.of("Authorization", "Bearer "
                            + cluster.settings().security().clusterKey().metricsToken()))).as(name).isEqualTo(200);
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void everyRestEndpointAsksForARight() throws Exception {
        Set<Class<?>> kinds = Arrays.stream(RestEndpoint.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertThat(REST_SAMPLES.keySet()).as("a sample request for every REST endpoint").isEqualTo(kinds);
        SoftAssertions soft = new SoftAssertions();
        for (var sample : REST_SAMPLES.entrySet()) {
            String[] request = sample.getValue().split(" ", 2);
            soft.assertThat(RestRouter.parse(request[0], request[1].split("\\?")[0])).as(sample.getValue())
                    .hasValueSatisfying(e -> assertThat(e).isInstanceOf(sample.getKey()));
            String url = cluster.url() + request[1];
            soft.assertThat(status(request[0], url, Map.of())).as(sample.getValue() + " anonymous").isEqualTo(401);
            Map<String, String> nobody = new java.util.HashMap<>(basic(nobodyKey, nobodySecret));
            if (sample.getKey() == RestEndpoint.Upload.class) {
                nobody.put("Content-Type", "multipart/form-data; boundary=b");
            }
            soft.assertThat(status(request[0], url, nobody)).as(sample.getValue() + " as a user without rights")
                    .isEqualTo(403);
        }
        soft.assertAll();
    }

    @Test
    void everyNodeRouteRefusesAnyoneButTheCluster() throws Exception {
        var node = cluster.node(0);
        SoftAssertions soft = new SoftAssertions();
        for (Router.RouteInfo route : node.routes()) {
            String url = node.url() + probePath(route);
            String name = route.method() + " " + route.path() + (route.prefix() ? "*" : "");
            switch (route.access()) {
                case OPEN -> soft.assertThat(status(route.method(), url, Map.of())).as(name).isEqualTo(200);
                case METRICS -> soft.assertThat(status(route.method(), url, Map.of("Authorization", "Bearer "
                        + cluster.settings().security().clusterKey().metricsToken()))).as(name).isEqualTo(200);
                default -> soft.assertThat(route.access()).as(name).isEqualTo(Access.CLUSTER);
            }
            if (route.access() != Access.OPEN) {
                soft.assertThat(status(route.method(), url, Map.of())).as(name + " anonymous").isEqualTo(401);
                soft.assertThat(status(route.method(), url, basic(TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET)))
                        .as(name + " as the root user").isEqualTo(401);
            }
        }
        soft.assertAll();
    }

    /** A byte of a chunk cannot be written straight to a node by anyone but the cluster. */
    @Test
    void aForgedChunkPutIsRefused() throws Exception {
        byte[] data = "forged".getBytes(StandardCharsets.UTF_8);
        String path = "/chunks/" + io.cairn.core.Sha256.of(data).hex();
        var node = cluster.node(0);
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(node.url() + path))
                .header(ClusterKey.HEADER, ClusterKey.generate().sign(path, Instant.now()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(node.store().chunkCount()).isZero();
    }

    private static String probePath(Router.RouteInfo route) {
        return route.prefix() ? route.path() + "probe" : route.path();
    }

    private static Map<String, String> basic(String key, String secret) {
        return Map.of("Authorization", Http.basic(key, secret));
    }

    private static int status(String method, String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, method.equals("GET") || method.equals("HEAD") || method.equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(method.equals("POST") && url.endsWith("/upload")
                        ? "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"probe\"\r\n\r\nx\r\n--b--\r\n"
                        : "{}"));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
