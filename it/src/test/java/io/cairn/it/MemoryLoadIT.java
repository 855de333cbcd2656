package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Issue 11, defect 1: a whole server in a JVM capped at 256 MiB under many concurrent large transfers, through both
 * APIs. Before transfers were admitted by memory, 16 or more concurrent 10 MiB uploads ended in an
 * {@code OutOfMemoryError} and the process exited. Now every request either succeeds (a download byte for byte) or is
 * refused with 503 and a {@code Retry-After} (REST: a JSON error; S3: SlowDown), and the process stays up.
 */
class MemoryLoadIT {
    private static final int MIB = 1 << 20;
    private static final int REST_FILES = 64;
    private static final long REST_SIZE = 10L * MIB;
    private static final int S3_OBJECTS = 24;
    private static final int S3_PARTS = 4;
    private static final int S3_PART_SIZE = 5 * MIB;
    private static final int COPIES = 4;

    @TempDir
    Path dir;

    /** How each kind of request ended: counts by outcome, and every answer the contract does not allow. */
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

    @Test
    void concurrentLargeTransfersThroughA256MibHeapAreServedOrRefusedNeverFatal() throws Exception {
        long started = System.nanoTime();
        int port = Processes.freePort();
        int s3Port = Processes.freePort();
        try (Processes processes = new Processes(dir);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            // -Dcairn.it.jvm adds JVM flags to the server, e.g. -Xlog:gc:file=/tmp/gc.log to see its heap.
            Process server = processes.start("server", Map.of("CAIRN_JAVA_OPTS", "-Xmx256m "
                    + System.getProperty("cairn.it.jvm", ""),
                    "S3_PORT", Integer.toString(s3Port)), "server", "--port", Integer.toString(port),
                    "--node-base-port", "0", "--data", dir.resolve("data").toString());
            String url = "http://127.0.0.1:" + port;
            processes.awaitHealthy(url + "/health", Duration.ofSeconds(60), "server");
            Http http = new Http(url).withTimeout(Duration.ofMinutes(2));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> http.get("/status").json().get("healthy_nodes").asInt() == 3);

            long heapBefore = heapAfterGc(server, http);
            long phase = System.nanoTime();
            List<Integer> stored = restUploads(http, pool);
            phase = lap("64 REST uploads", phase);
            assertAlive(server, http, processes);
            restDownloads(http, pool, stored);
            phase = lap("64 REST downloads", phase);
            assertAlive(server, http, processes);
            s3(pool, "http://127.0.0.1:" + s3Port);
            lap("S3 multipart uploads, copies and downloads", phase);
            assertAlive(server, http, processes);

            System.out.printf("MemoryLoadIT: %s in %d s%n", new java.util.TreeMap<>(outcomes),
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            assertThat(unexpected).as("answers that are neither a success nor a 503 with Retry-After").isEmpty();
            assertThat(processes.output("server")).doesNotContain("OutOfMemoryError");
            // Every reservation was given back, and the budget was what 40% of a 256 MiB heap makes.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> metric(http, "cairn_transfer_memory_reserved_bytes") == 0);
            System.out.printf("MemoryLoadIT: transfer memory %.0f MiB, %.0f transfers admitted, %.0f refused%n",
                    metric(http, "cairn_transfer_memory_capacity_bytes") / (1 << 20),
                    metric(http, "cairn_transfer_memory_admitted_total"),
                    metric(http, "cairn_transfer_memory_refused_total"));
            assertThat(metric(http, "cairn_transfer_memory_capacity_bytes")).isBetween(80.0 * MIB, 110.0 * MIB);
            // Nothing the load made stays reachable: after a full collection the heap is back near where it began.
            long heapAfter = heapAfterGc(server, http);
            System.out.printf("MemoryLoadIT: heap after a full GC %d MiB before the load, %d MiB after%n",
                    heapBefore >> 20, heapAfter >> 20);
            assertThat(heapAfter).as("heap used after the load and a full GC").isLessThan(heapBefore + 48L * MIB);
        }
    }

    /** Heap in use after a full collection of the server's JVM (jcmd GC.run), as its /metrics reports it. */
    private static long heapAfterGc(Process server, Http http) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(server.pid()), "GC.run")
                .redirectErrorStream(true).start();
        String output = new String(gc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gc.waitFor()).as("jcmd GC.run: " + output).isZero();
        long used = 0;
        for (String line : new String(http.get("/metrics").body(), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        assertThat(used).as("heap metrics on /metrics").isPositive();
        return used;
    }

    private static long lap(String what, long since) {
        System.out.printf("MemoryLoadIT: %s in %.1f s%n", what, (System.nanoTime() - since) / 1e9);
        return System.nanoTime();
    }

    private static double metric(Http http, String name) {
        return LimitsIT.metric(http, name);
    }

    private static void assertAlive(Process server, Http http, Processes processes) throws IOException {
        assertThat(server.isAlive()).as("the server process is alive; its output:\n%s",
                server.isAlive() ? "" : processes.output("server")).isTrue();
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    // ---- REST ----------------------------------------------------------------------------------------------------

    /** 64 concurrent 10 MiB PUTs of distinct content; returns the indexes of the files stored. */
    private List<Integer> restUploads(Http http, ExecutorService pool) throws Exception {
        List<Future<Boolean>> puts = new ArrayList<>();
        for (int i = 0; i < REST_FILES; i++) {
            int index = i;
            puts.add(pool.submit(() -> {
                HttpRequest request = http.request(Http.file("load/" + index + ".bin")).PUT(HttpRequest.BodyPublishers
                        .fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> Data.stream(REST_SIZE, seed(index))),
                                REST_SIZE)).build();
                return restOutcome("REST upload", () -> http.send(request), 201);
            }));
        }
        List<Integer> stored = new ArrayList<>();
        for (int i = 0; i < REST_FILES; i++) {
            if (puts.get(i).get()) {
                stored.add(i);
            }
        }
        return stored;
    }

    /** 64 concurrent downloads, over the files stored (each more than once if some uploads were refused). */
    private void restDownloads(Http http, ExecutorService pool, List<Integer> stored) throws Exception {
        assertThat(stored).as("at least one upload was stored").isNotEmpty();
        List<Future<Boolean>> gets = new ArrayList<>();
        for (int i = 0; i < REST_FILES; i++) {
            int index = stored.get(i % stored.size());
            gets.add(pool.submit(() -> {
                HttpResponse<InputStream> response;
                try {
                    response = http.stream(http.request(Http.download("load/" + index + ".bin")).GET().build());
                } catch (RuntimeException e) {
                    return unexpected("REST download", "no answer: " + e);
                }
                if (response.statusCode() == 200) {
                    String digest;
                    try (InputStream body = response.body()) {
                        digest = Data.sha256(body);
                    } catch (IOException e) {
                        return unexpected("REST download", "body cut off: " + e);
                    }
                    if (!digest.equals(Data.sha256(REST_SIZE, seed(index)))) {
                        return unexpected("REST download", "200 with other bytes than were uploaded");
                    }
                    return count("REST download", "ok");
                }
                byte[] body;
                try (InputStream in = response.body()) {
                    body = in.readAllBytes();
                }
                return refusal("REST download", response.statusCode(), response.headers().firstValue("Retry-After")
                        .orElse(null), body);
            }));
        }
        for (Future<Boolean> get : gets) {
            get.get();
        }
    }

    private boolean restOutcome(String what, Callable<Http.Response> call, int success) {
        Http.Response response;
        try {
            response = call.call();
        } catch (Exception e) {
            return unexpected(what, "no answer: " + e);
        }
        if (response.status() == success) {
            return count(what, "ok");
        }
        return refusal(what, response.status(), response.header("Retry-After"), response.body());
    }

    /** A refusal must be 503 with a Retry-After and a JSON error naming its code and saying why. */
    private boolean refusal(String what, int status, String retryAfter, byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        if (status != 503 || retryAfter == null || !retryAfter.matches("[1-9][0-9]*")) {
            unexpected(what, status + " Retry-After=" + retryAfter + " " + text);
            return false;
        }
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            if (!json.path("error").isTextual() || json.path("message").asText().isBlank()) {
                unexpected(what, "503 without a JSON error: " + text);
                return false;
            }
        } catch (IOException e) {
            unexpected(what, "503 without a JSON error: " + text);
            return false;
        }
        count(what, "503");
        return false;
    }

    // ---- S3 ------------------------------------------------------------------------------------------------------

    private void s3(ExecutorService pool, String endpoint) throws Exception {
        try (S3Client s3 = s3Client(endpoint)) {
            s3.createBucket(b -> b.bucket("load"));
            List<Future<Boolean>> uploads = new ArrayList<>();
            for (int i = 0; i < S3_OBJECTS; i++) {
                int index = i;
                uploads.add(pool.submit(() -> multipartUpload(s3, index)));
            }
            List<Integer> stored = new ArrayList<>();
            for (int i = 0; i < S3_OBJECTS; i++) {
                if (uploads.get(i).get()) {
                    stored.add(i);
                }
            }
            assertThat(stored).as("at least one multipart upload completed").isNotEmpty();
            // Copies (CopyObject moves no bytes; UploadPartCopy streams them through the gateway) and downloads at once.
            List<Future<Boolean>> more = new ArrayList<>();
            for (int i = 0; i < COPIES; i++) {
                int source = stored.get(i % stored.size());
                more.add(pool.submit(() -> s3Outcome("S3 CopyObject", () -> s3.copyObject(b -> b
                        .sourceBucket("load").sourceKey(key(source)).destinationBucket("load")
                        .destinationKey("copy/" + source + "-" + System.nanoTime())))));
                more.add(pool.submit(() -> partCopy(s3, source)));
            }
            for (int i = 0; i < S3_OBJECTS; i++) {
                int index = stored.get(i % stored.size());
                more.add(pool.submit(() -> s3Download(s3, index)));
            }
            for (Future<Boolean> f : more) {
                f.get();
            }
        }
    }

    /** Four 5 MiB parts of distinct content, completed; aborted when a step is refused. */
    private boolean multipartUpload(S3Client s3, int index) {
        String key = key(index);
        String[] uploadId = new String[1];
        if (!s3Outcome("S3 CreateMultipartUpload", () -> uploadId[0] = s3.createMultipartUpload(b -> b
                .bucket("load").key(key)).uploadId())) {
            return false;
        }
        List<CompletedPart> parts = new ArrayList<>();
        for (int p = 1; p <= S3_PARTS; p++) {
            int number = p;
            byte[] content = Data.random(S3_PART_SIZE, partSeed(index, number));
            String[] etag = new String[1];
            if (!s3Outcome("S3 UploadPart", () -> etag[0] = s3.uploadPart(b -> b.bucket("load").key(key)
                    .uploadId(uploadId[0]).partNumber(number), RequestBody.fromBytes(content)).eTag())) {
                s3.abortMultipartUpload(b -> b.bucket("load").key(key).uploadId(uploadId[0]));
                return false;
            }
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag[0]).build());
        }
        return s3Outcome("S3 CompleteMultipartUpload", () -> s3.completeMultipartUpload(b -> b.bucket("load").key(key)
                .uploadId(uploadId[0]).multipartUpload(m -> m.parts(parts))));
    }

    /** A new object of two parts, each copied from half of a stored one with UploadPartCopy. */
    private boolean partCopy(S3Client s3, int source) {
        String key = "partcopy/" + source + "-" + System.nanoTime();
        String uploadId = s3.createMultipartUpload(b -> b.bucket("load").key(key)).uploadId();
        long half = (long) S3_PARTS * S3_PART_SIZE / 2;
        List<CompletedPart> parts = new ArrayList<>();
        for (int p = 1; p <= 2; p++) {
            int number = p;
            String range = "bytes=" + (p - 1) * half + "-" + (p * half - 1);
            String[] etag = new String[1];
            if (!s3Outcome("S3 UploadPartCopy", () -> etag[0] = s3.uploadPartCopy(b -> b.sourceBucket("load")
                    .sourceKey(key(source)).copySourceRange(range).destinationBucket("load").destinationKey(key)
                    .uploadId(uploadId).partNumber(number)).copyPartResult().eTag())) {
                s3.abortMultipartUpload(b -> b.bucket("load").key(key).uploadId(uploadId));
                return false;
            }
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag[0]).build());
        }
        return s3Outcome("S3 CompleteMultipartUpload", () -> s3.completeMultipartUpload(b -> b.bucket("load")
                .key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
    }

    private boolean s3Download(S3Client s3, int index) {
        String[] digest = new String[1];
        if (!s3Outcome("S3 GetObject", () -> {
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket("load").key(key(index)))) {
                digest[0] = Data.sha256(in);
            }
            return null;
        })) {
            return false;
        }
        try {
            if (!digest[0].equals(expectedS3Digest(index))) {
                return unexpected("S3 GetObject", "other bytes than were uploaded");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return true;
    }

    private static String expectedS3Digest(int index) throws IOException {
        java.security.MessageDigest sha = io.cairn.core.Sha256.newDigest();
        for (int p = 1; p <= S3_PARTS; p++) {
            sha.update(Data.random(S3_PART_SIZE, partSeed(index, p)));
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    /** Success, or S3's SlowDown (503) with a Retry-After; anything else is recorded as unexpected. */
    private boolean s3Outcome(String what, Callable<?> call) {
        try {
            call.call();
            return count(what, "ok");
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String retryAfter = e.awsErrorDetails() == null ? null : e.awsErrorDetails().sdkHttpResponse()
                    .firstMatchingHeader("Retry-After").orElse(null);
            if (e.statusCode() == 503 && "SlowDown".equals(code) && retryAfter != null) {
                count(what, "503");
                return false;
            }
            return unexpected(what, e.statusCode() + " " + code + " Retry-After=" + retryAfter + ": "
                    + e.getMessage());
        } catch (Exception e) {
            return unexpected(what, "no answer: " + e);
        }
    }

    /** Path-style, no retries (every answer is seen as the server gave it), patient with a server that queues. */
    private static S3Client s3Client(String endpoint) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(TestClusters.ROOT_KEY,
                        TestClusters.ROOT_SECRET)))
                .forcePathStyle(true)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofMinutes(2)))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(2))
                        .connectionTimeout(Duration.ofSeconds(10)).build())
                .build();
    }

    // ---- bookkeeping ---------------------------------------------------------------------------------------------

    private boolean count(String what, String outcome) {
        outcomes.computeIfAbsent(what + " " + outcome, k -> new AtomicInteger()).incrementAndGet();
        return true;
    }

    private boolean unexpected(String what, String detail) {
        outcomes.computeIfAbsent(what + " unexpected", k -> new AtomicInteger()).incrementAndGet();
        unexpected.add(what + ": " + detail);
        return false;
    }

    private static String key(int index) {
        return "mpu/" + index + ".bin";
    }

    private static long seed(int index) {
        return 11_000 + index;
    }

    private static long partSeed(int index, int part) {
        return 12_000 + index * 10L + part;
    }
}
