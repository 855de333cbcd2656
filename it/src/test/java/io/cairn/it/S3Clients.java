package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.app.LocalCluster;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** AWS SDK v2 clients pointed at a test cluster's S3 endpoint, signed with the test credentials. */
final class S3Clients {
    private S3Clients() {
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(TestClusters.ROOT_KEY,
                TestClusters.ROOT_SECRET));
    }

    /**
     * @param pathStyle {@code /bucket/key} rather than {@code bucket.localhost/key} (the test JVM resolves the
     *                  virtual hosts the tests use through its hosts file)
     * @param checksums the SDK's default (a CRC32 trailer on every upload, checked on downloads) or only when an
     *                  operation requires one
     */
    static S3Client sync(String endpoint, boolean pathStyle, boolean checksums) {
        return S3Client.builder()
                .endpointOverride(endpoint(endpoint, pathStyle))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .forcePathStyle(pathStyle)
                .requestChecksumCalculation(checksums ? RequestChecksumCalculation.WHEN_SUPPORTED
                        : RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(checksums ? ResponseChecksumValidation.WHEN_SUPPORTED
                        : ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .build();
    }

    /**
     * Path-style, signed as this user, and with no retries: a test sees every answer as the server gave it (the SDK
     * would otherwise retry a SlowDown by itself).
     */
    static S3Client as(String endpoint, String accessKey, String secret) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .forcePathStyle(true)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A new user with the own-buckets policy (may create buckets, and has full control of those alone), signing. */
    static S3Client tenant(LocalCluster cluster, String name) {
        Http root = new Http(cluster.url());
        assertThat(root.postJson("/admin/users", Map.of("name", name, "policies", List.of("own-buckets"))).status())
                .isEqualTo(201);
        JsonNode key = root.postJson("/admin/keys", Map.of("user", name)).json();
        return as(cluster.s3Url(), key.get("access_key").asText(), key.get("secret_key").asText());
    }

    static S3AsyncClient async(String endpoint, boolean pathStyle, boolean multipart) {
        return S3AsyncClient.builder()
                .endpointOverride(endpoint(endpoint, pathStyle))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .forcePathStyle(pathStyle)
                .multipartEnabled(multipart)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().readTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /** Virtual-host style needs a name to put the bucket in front of: the SDK addresses an IP path-style. */
    private static URI endpoint(String endpoint, boolean pathStyle) {
        return URI.create(pathStyle ? endpoint : endpoint.replace("127.0.0.1", "localhost"));
    }

    static S3Presigner presigner(String endpoint) {
        return S3Presigner.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(true).build())
                .build();
    }
}
