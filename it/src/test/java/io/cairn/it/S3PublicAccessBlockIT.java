package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 Block Public Access through the AWS SDK and anonymous requests: each of the four settings refuses or ignores
 * what it should, a refusal changes nothing, and turning a setting off gives back what it took.
 */
class S3PublicAccessBlockIT extends SharedClusterTest {
    private static final HttpClient ANONYMOUS = HttpClient.newHttpClient();
    private static S3Client owner;
    private static S3Client reader;

    @BeforeAll
    static void users() {
        owner = S3Clients.tenant(cluster, "pab-owner");
        reader = S3Clients.tenant(cluster, "pab-reader");
    }

    @AfterAll
    static void close() {
        owner.close();
        reader.close();
    }

    @Test
    void theSettingsAreKeptPerBucketUntilDeletedAndAMalformedOneIsRefused() throws Exception {
        owner.createBucket(b -> b.bucket("pab-settings"));
        expectError(() -> owner.getPublicAccessBlock(b -> b.bucket("pab-settings")), 404,
                "NoSuchPublicAccessBlockConfiguration");

        block("pab-settings", true, false, true, false);
        PublicAccessBlockConfiguration got = owner.getPublicAccessBlock(b -> b.bucket("pab-settings"))
                .publicAccessBlockConfiguration();
        assertThat(got).isEqualTo(config(true, false, true, false));
        expectError(() -> reader.getPublicAccessBlock(b -> b.bucket("pab-settings")), 403, "AccessDenied");
        expectError(() -> reader.deletePublicAccessBlock(b -> b.bucket("pab-settings")), 403, "AccessDenied");

        byte[] malformed = "<PublicAccessBlockConfiguration><BlockPublicAcls>maybe</BlockPublicAcls>"
                .concat("</PublicAccessBlockConfiguration>").getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(cluster.s3Url() + "/pab-settings?publicAccessBlock");
        Http.Response refused = SigV4Requests.send(http, SigV4Requests.sign(SdkHttpMethod.PUT, uri, Map.of(),
                malformed, SigV4Requests.sha256(malformed), TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET, false),
                malformed);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("<Code>MalformedXML</Code>");
        assertThat(owner.getPublicAccessBlock(b -> b.bucket("pab-settings")).publicAccessBlockConfiguration())
                .as("unchanged").isEqualTo(got);

        owner.deletePublicAccessBlock(b -> b.bucket("pab-settings"));
        expectError(() -> owner.getPublicAccessBlock(b -> b.bucket("pab-settings")), 404,
                "NoSuchPublicAccessBlockConfiguration");
    }

    @Test
    void blockPublicAclsRefusesEveryWriteOfAPublicAclAndStoresNothing() throws Exception {
        owner.createBucket(b -> b.bucket("pab-acls"));
        owner.putObject(b -> b.bucket("pab-acls").key("k"), RequestBody.fromString("private"));
        block("pab-acls", true, false, false, false);

        expectError(() -> owner.putBucketAcl(b -> b.bucket("pab-acls").acl(BucketCannedACL.PUBLIC_READ)), 403,
                "AccessDenied");
        expectError(() -> owner.putBucketAcl(b -> b.bucket("pab-acls")
                .grantRead("uri=\"http://acs.amazonaws.com/groups/global/AuthenticatedUsers\"")), 403, "AccessDenied");
        expectError(() -> owner.putObjectAcl(b -> b.bucket("pab-acls").key("k").acl(ObjectCannedACL.PUBLIC_READ)),
                403, "AccessDenied");
        expectError(() -> owner.putObject(b -> b.bucket("pab-acls").key("new").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("x")), 403, "AccessDenied");
        expectError(() -> owner.copyObject(b -> b.sourceBucket("pab-acls").sourceKey("k")
                .destinationBucket("pab-acls").destinationKey("copy").acl(ObjectCannedACL.AUTHENTICATED_READ)), 403,
                "AccessDenied");
        expectError(() -> owner.createMultipartUpload(b -> b.bucket("pab-acls").key("big")
                .acl(ObjectCannedACL.PUBLIC_READ_WRITE)), 403, "AccessDenied");

        assertThat(owner.getBucketAcl(b -> b.bucket("pab-acls")).grants()).hasSize(1);
        assertThat(owner.getObjectAcl(b -> b.bucket("pab-acls").key("k")).grants()).hasSize(1);
        assertThat(owner.listObjectsV2(b -> b.bucket("pab-acls")).contents()).extracting(o -> o.key())
                .containsExactly("k");
        assertThat(owner.listMultipartUploads(b -> b.bucket("pab-acls")).uploads()).isEmpty();
        assertThat(anonymousGet("/pab-acls/k")).isEqualTo(403);
        // A private ACL is not public, and goes through.
        owner.putObject(b -> b.bucket("pab-acls").key("private").acl(ObjectCannedACL.PRIVATE),
                RequestBody.fromString("x"));

        owner.deletePublicAccessBlock(b -> b.bucket("pab-acls"));
        owner.putObjectAcl(b -> b.bucket("pab-acls").key("k").acl(ObjectCannedACL.PUBLIC_READ));
        assertThat(anonymousGet("/pab-acls/k")).isEqualTo(200);
    }

    @Test
    void ignorePublicAclsTakesAwayWhatPublicGrantsAllowedUntilItIsTurnedOff() throws Exception {
        owner.createBucket(b -> b.bucket("pab-ignore").acl(BucketCannedACL.PUBLIC_READ));
        owner.putObject(b -> b.bucket("pab-ignore").key("k").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("public"));
        owner.putObject(b -> b.bucket("pab-ignore").key("granted").grantRead("id=\"pab-reader\""),
                RequestBody.fromString("for the reader"));
        assertThat(anonymousGet("/pab-ignore/k")).isEqualTo(200);
        assertThat(reader.listObjectsV2(b -> b.bucket("pab-ignore")).contents()).hasSize(2);

        block("pab-ignore", false, true, false, false);
        assertThat(anonymousGet("/pab-ignore/k")).isEqualTo(403);
        expectError(() -> reader.getObject(b -> b.bucket("pab-ignore").key("k")), 403, "AccessDenied");
        expectError(() -> reader.listObjectsV2(b -> b.bucket("pab-ignore")), 403, "AccessDenied");
        assertThat(reader.getObjectAsBytes(b -> b.bucket("pab-ignore").key("granted")).asUtf8String())
                .as("a grant to one user is not public").isEqualTo("for the reader");
        assertThat(owner.getObjectAsBytes(b -> b.bucket("pab-ignore").key("k")).asUtf8String()).isEqualTo("public");
        // Ignored, not refused: the public ACL can still be set, and is kept.
        owner.putObjectAcl(b -> b.bucket("pab-ignore").key("k").acl(ObjectCannedACL.PUBLIC_READ));

        block("pab-ignore", false, false, false, false);
        assertThat(anonymousGet("/pab-ignore/k")).isEqualTo(200);
        assertThat(reader.listObjectsV2(b -> b.bucket("pab-ignore")).contents()).hasSize(2);
    }

    @Test
    void blockPublicPolicyRefusesAPolicyGrantingEveryoneAndKeepsThePolicyThereWas() {
        owner.createBucket(b -> b.bucket("pab-policy"));
        String named = policy("pab-policy", "{\"AWS\": \"pab-reader\"}");
        owner.putBucketPolicy(b -> b.bucket("pab-policy").policy(named));
        block("pab-policy", false, false, true, false);

        expectError(() -> owner.putBucketPolicy(b -> b.bucket("pab-policy").policy(policy("pab-policy", "\"*\""))),
                403, "AccessDenied");
        assertThat(owner.getBucketPolicy(b -> b.bucket("pab-policy")).policy()).isEqualTo(named);
        String other = policy("pab-policy", "{\"AWS\": [\"pab-reader\", \"pab-owner\"]}");
        owner.putBucketPolicy(b -> b.bucket("pab-policy").policy(other));
        assertThat(owner.getBucketPolicy(b -> b.bucket("pab-policy")).policy()).isEqualTo(other);

        owner.deletePublicAccessBlock(b -> b.bucket("pab-policy"));
        owner.putBucketPolicy(b -> b.bucket("pab-policy").policy(policy("pab-policy", "\"*\"")));
        assertThat(owner.getBucketPolicyStatus(b -> b.bucket("pab-policy")).policyStatus().isPublic()).isTrue();
    }

    @Test
    void restrictPublicBucketsRefusesAnonymousCallersWhatAPublicPolicyAllowsButNotTheClustersUsers()
            throws Exception {
        owner.createBucket(b -> b.bucket("pab-restrict"));
        owner.putObject(b -> b.bucket("pab-restrict").key("k"), RequestBody.fromString("shared"));
        owner.putBucketPolicy(b -> b.bucket("pab-restrict").policy(policy("pab-restrict", "\"*\"")));
        assertThat(anonymousGet("/pab-restrict/k")).isEqualTo(200);

        block("pab-restrict", false, false, false, true);
        assertThat(anonymousGet("/pab-restrict/k")).isEqualTo(403);
        assertThat(reader.getObjectAsBytes(b -> b.bucket("pab-restrict").key("k")).asUtf8String())
                .isEqualTo("shared");
        assertThat(owner.getObjectAsBytes(b -> b.bucket("pab-restrict").key("k")).asUtf8String())
                .isEqualTo("shared");

        block("pab-restrict", false, false, false, false);
        assertThat(anonymousGet("/pab-restrict/k")).isEqualTo(200);
    }

    private static void block(String bucket, boolean acls, boolean ignore, boolean policy, boolean restrict) {
        owner.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(
                config(acls, ignore, policy, restrict)));
    }

    private static PublicAccessBlockConfiguration config(boolean acls, boolean ignore, boolean policy,
                                                         boolean restrict) {
        return PublicAccessBlockConfiguration.builder().blockPublicAcls(acls).ignorePublicAcls(ignore)
                .blockPublicPolicy(policy).restrictPublicBuckets(restrict).build();
    }

    /** Allows {@code principal} to get the bucket's objects. */
    private static String policy(String bucket, String principal) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": " + principal
                + ", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::" + bucket + "/*\"}]}";
    }

    private static int anonymousGet(String path) throws Exception {
        return ANONYMOUS.send(HttpRequest.newBuilder(URI.create(cluster.s3Url() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void expectError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }
}
