package io.cairn.it;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.cairn.core.Json;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs {@link S3Bench} against the S3 endpoint named by {@code -Dcairn.bench.s3=URL} (skipped otherwise: figures come
 * from a benchmark run on purpose, not from the test suite). {@code ./cairn bench-s3} sets it.
 */
class S3BenchmarkIT {
    @Test
    void benchmark() throws Exception {
        String endpoint = System.getProperty("cairn.bench.s3");
        assumeThat(endpoint).as("-Dcairn.bench.s3=URL").isNotBlank();
        String accessKey = System.getProperty("cairn.bench.s3.access-key", "cairnadmin");
        String secretKey = System.getProperty("cairn.bench.s3.secret-key", "cairnadmin");
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                        secretKey)))
                .httpClient(UrlConnectionHttpClient.builder().build()).build()) {
            String bucket = "bench-" + Long.toHexString(System.currentTimeMillis());
            System.out.println("S3 benchmark: " + new String(Json.toBytes(new S3Bench(s3, bucket).run()),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
