package io.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.core.Json;
import io.cairn.core.Sha256;
import io.cairn.http.PercentCodec;
import io.cairn.s3.auth.SigV4Verifier;
import io.cairn.s3.auth.SignedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The S3 benchmark run end to end against an in-memory S3 stub that verifies every signature with Cairn's verifier. */
class S3BenchCommandTest {
    private static final String KEY = "AKIDBENCH";
    private static final String SECRET = "bench/secret+key";

    private final SigV4Verifier verifier = new SigV4Verifier(id -> id.equals(KEY) ? Optional.of(SECRET)
            : Optional.empty());
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Set<String> buckets = ConcurrentHashMap.newKeySet();
    private final List<String> refused = new ArrayList<>();

    @Test
    void everyPhaseOfEverySizeRunsSignedWithUniqueContentAndCleansUp() throws Exception {
        Set<String> contents = ConcurrentHashMap.newKeySet();
        AtomicInteger gcCount = new AtomicInteger();
        int puts;
        try (StubServer server = s3Stub(contents, gcCount, new ArrayList<>())) {
            Cli cli = Cli.run(new BenchCommand(), "s3", "--endpoint", server.url(), "--access-key", KEY,
                    "--secret-key", SECRET, "--sizes", "4KiB,100KiB", "--duration", "300ms", "--concurrency", "3",
                    "--metrics-url", server.url() + "/metrics", "--json", "-q");

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            assertThat(refused).isEmpty();
            JsonNode result = Json.MAPPER.readTree(cli.out());
            List<JsonNode> phases = StreamSupport.stream(result.path("phases").spliterator(), false).toList();
            assertThat(phases).extracting(p -> p.path("phase").asText() + " " + p.path("size").asText())
                    .containsExactly("PUT 4KiB", "GET 4KiB", "DELETE 4KiB", "PUT 100KiB", "GET 100KiB",
                            "DELETE 100KiB");
            assertThat(phases).allSatisfy(p -> {
                assertThat(p.path("ops").asLong()).isPositive();
                assertThat(p.path("errors").asLong()).isZero();
                assertThat(p.path("gc_pauses").asLong()).isEqualTo(1);
            });
            assertThat(result.path("gc").path("pauses").asLong()).isEqualTo(6);
            assertThat(result.path("gc").path("pause_max_ms").asDouble()).isEqualTo(20);
            assertThat(phases.get(1).path("mb_per_s").asDouble()).isPositive();
            assertThat(result.path("bucket").asText()).startsWith("cairn-bench-");
            puts = phases.get(0).path("ops").asInt() + phases.get(3).path("ops").asInt();
            assertThat(phases.get(2).path("ops").asInt()).isEqualTo(phases.get(0).path("ops").asInt());
        }
        assertThat(contents).as("distinct object contents").hasSize(puts);
        assertThat(objects).isEmpty();
        assertThat(buckets).isEmpty();
    }

    /**
     * An S3 stub over {@link #objects} and {@link #buckets} that verifies every signature, keeps each PUT body's
     * SHA-256 in {@code contents} and logs "METHOD path" of every object request in order.
     */
    private StubServer s3Stub(Set<String> contents, AtomicInteger gcCount, List<String> log) throws Exception {
        return new StubServer((req, ex) -> {
            if (req.rawPath().equals("/metrics")) {
                StubServer.bytes(ex, 200, ("jvm_gc_pause_seconds_count{gc=\"G1\"} " + gcCount.incrementAndGet()
                        + "\njvm_gc_pause_seconds_sum{gc=\"G1\"} 0.5\njvm_gc_pause_seconds_max{gc=\"G1\"} 0.02\n")
                        .getBytes());
                return;
            }
            if (!verifies(req)) {
                StubServer.bytes(ex, 403, "<Error><Code>SignatureDoesNotMatch</Code></Error>".getBytes());
                return;
            }
            String path = PercentCodec.decodePath(req.rawPath());
            synchronized (log) {
                log.add(req.method() + " " + path);
            }
            String bucket = path.substring(1).split("/", 2)[0];
            boolean isBucket = path.indexOf('/', 1) < 0;
            switch (req.method() + (isBucket ? " bucket" : " object")) {
                case "HEAD bucket" -> StubServer.bytes(ex, buckets.contains(bucket) ? 200 : 404, new byte[0]);
                case "PUT bucket" -> StubServer.bytes(ex, buckets.add(bucket) ? 200 : 409, new byte[0]);
                case "DELETE bucket" -> StubServer.bytes(ex, objects.isEmpty() && buckets.remove(bucket) ? 204 : 409,
                        new byte[0]);
                case "PUT object" -> {
                    objects.put(path, req.body());
                    contents.add(HexFormat.of().formatHex(Sha256.newDigest().digest(req.body())));
                    StubServer.bytes(ex, 200, new byte[0]);
                }
                case "GET object" -> StubServer.bytes(ex, 200, objects.get(path));
                case "DELETE object" -> {
                    objects.remove(path);
                    StubServer.bytes(ex, 204, new byte[0]);
                }
                default -> StubServer.bytes(ex, 405, new byte[0]);
            }
        });
    }

    @Test
    void aWarmUpRoundRunsFirstIsNotCountedAndLeavesNothing() throws Exception {
        Set<String> contents = ConcurrentHashMap.newKeySet();
        List<String> log = new ArrayList<>();
        JsonNode result;
        try (StubServer server = s3Stub(contents, new AtomicInteger(), log)) {
            Cli cli = Cli.run(new BenchCommand(), "s3", "--endpoint", server.url(), "--access-key", KEY,
                    "--secret-key", SECRET, "--sizes", "4KiB", "--duration", "200ms", "--warmup", "200ms",
                    "--concurrency", "2", "--json", "-q");

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            result = Json.MAPPER.readTree(cli.out());
        }
        List<JsonNode> phases = StreamSupport.stream(result.path("phases").spliterator(), false).toList();
        assertThat(phases).extracting(p -> p.path("phase").asText()).containsExactly("PUT", "GET", "DELETE");
        assertThat(result.path("warmup_s").asDouble()).isEqualTo(0.2);
        List<String> objectRequests = log.stream().filter(line -> line.contains("/4KiB/")).toList();
        int firstCounted = objectRequests.indexOf(objectRequests.stream()
                .filter(line -> !line.contains("/warmup/")).findFirst().orElseThrow());
        assertThat(objectRequests.subList(0, firstCounted)).as("the warm-up round comes first, whole")
                .isNotEmpty().allMatch(line -> line.contains("/warmup/4KiB/"))
                .anyMatch(line -> line.startsWith("PUT")).anyMatch(line -> line.startsWith("GET"))
                .anyMatch(line -> line.startsWith("DELETE"));
        assertThat(objectRequests.subList(firstCounted, objectRequests.size())).noneMatch(l -> l.contains("/warmup/"));
        long warmPuts = objectRequests.stream().filter(line -> line.startsWith("PUT /") && line.contains("/warmup/"))
                .count();
        assertThat(contents).as("distinct contents of warm-up and counted objects")
                .hasSize((int) warmPuts + phases.get(0).path("ops").asInt());
        assertThat(objects).isEmpty();
        assertThat(buckets).isEmpty();
    }

    @Test
    void failedRequestsAreCountedReportedAndTurnTheExitCode() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.bytes(ex,
                req.method().equals("PUT") && req.rawPath().contains("/4KiB/") ? 503 : 200,
                "<Error><Code>SlowDown</Code></Error>".getBytes()))) {
            Cli cli = Cli.run(new BenchCommand(), "s3", "--endpoint", server.url(), "--sizes", "4KiB",
                    "--duration", "100ms", "--concurrency", "2", "-q");

            assertThat(cli.exitCode()).isEqualTo(CliErrors.SERVER);
            assertThat(cli.out()).contains("PUT 4KiB first error: PUT /cairn-bench-").contains("HTTP 503")
                    .contains("<Code>SlowDown</Code>").contains("DELETE");
            assertThat(cli.err()).contains("benchmark requests failed");
        }
    }

    @Test
    void sizesAndDurationsAreReadAsPeopleWriteThem() {
        S3BenchCommand command = parse("--endpoint", "http://localhost:9000", "--sizes", "4KiB,1MiB,64MiB",
                "--duration", "30s");
        S3BenchCommand defaults = parse("--endpoint", "http://localhost:9000");

        assertThat(command.settings()).isEqualTo(new S3Bench.Settings(List.of(4096L, 1L << 20, 64L << 20), 8,
                Duration.ofSeconds(30), Duration.ZERO, null));
        assertThat(defaults.settings()).isEqualTo(command.settings());
        assertThat(parse("--endpoint", "http://h", "--duration", "500ms", "--sizes", "1000").settings())
                .extracting(S3Bench.Settings::duration, S3Bench.Settings::sizes)
                .containsExactly(Duration.ofMillis(500), List.of(1000L));
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(Cli.run(new BenchCommand(), "s3", "--endpoint", "http://h", "--duration", "soon"))
                .satisfies(cli -> {
                    assertThat(cli.exitCode()).isEqualTo(CliErrors.LOCAL);
                    assertThat(cli.err()).contains("not a duration: 'soon'");
                });
        assertThat(Cli.run(new BenchCommand(), "s3", "--endpoint", "http://h", "--sizes", "4KiB,lots").err())
                .contains("not a size: 'lots'");
        assertThat(Cli.run(new BenchCommand(), "s3", "--endpoint", "http://h", "--sizes", "16").err())
                .contains("at least 24 bytes");
        assertThat(Cli.run(new BenchCommand(), "s3", "--endpoint", "ftp://h").err())
                .contains("not an http(s) endpoint");
        assertThat(Cli.run(new BenchCommand(), "s3").err()).contains("--endpoint");
    }

    private static S3BenchCommand parse(String... args) {
        S3BenchCommand command = new S3BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private boolean verifies(StubServer.Request request) {
        try {
            verifier.verify(new SignedRequest(request.method(), PercentCodec.decodePath(request.rawPath()), List.of(),
                    request.headers(), Instant.now()));
            return true;
        } catch (RuntimeException e) {
            synchronized (refused) {
                refused.add(request.method() + " " + request.rawPath() + ": " + e.getMessage());
            }
            return false;
        }
    }
}
