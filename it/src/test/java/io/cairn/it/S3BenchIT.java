package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.app.cli.BenchCommand;
import io.cairn.core.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code cairn bench s3} run in-process against a test cluster's S3 endpoint, with tiny durations (no timings). */
class S3BenchIT extends SharedClusterTest {
    @Test
    void everyPhaseCompletesWithoutErrorsAndTheBucketIsGone() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exitCode = cli.execute("s3", "--endpoint", cluster.s3Url(), "--access-key", TestClusters.ROOT_KEY,
                "--secret-key", TestClusters.ROOT_SECRET, "--sizes", "4KiB,5MiB", "--duration", "500ms",
                "--concurrency", "4", "--json", "-q");

        assertThat(exitCode).as(err.toString()).isZero();
        JsonNode result = Json.MAPPER.readTree(out.toString());
        List<JsonNode> phases = StreamSupport.stream(result.path("phases").spliterator(), false).toList();
        assertThat(phases).extracting(p -> p.path("phase").asText() + " " + p.path("size").asText())
                .containsExactly("PUT 4KiB", "GET 4KiB", "DELETE 4KiB", "PUT 5MiB", "GET 5MiB", "DELETE 5MiB");
        assertThat(phases).allSatisfy(p -> {
            assertThat(p.path("ops").asLong()).as(p.toString()).isPositive();
            assertThat(p.path("errors").asLong()).as(p.toString()).isZero();
        });
        try (S3Client s3 = S3Clients.sync(cluster.s3Url(), true, true)) {
            assertThat(s3.listBuckets().buckets()).noneMatch(b -> b.name().equals(result.path("bucket").asText()));
        }
    }
}
